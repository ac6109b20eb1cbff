"""Hostile and unlucky files: PDF bombs and encryption, zip bombs, invisible text."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
import zipfile
import zlib
from pathlib import Path

import pytest

from variorum.engine.ingest import IngestError, read_document

ARTICLE = b"BT /F1 12 Tf 72 700 Td (The minister resigned on Tuesday.) Tj ET"
APP = Path(__file__).resolve().parents[3] / "app"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _pdf(content: bytes, flate: bool = False) -> bytes:
    """A one-page PDF whose page content stream is ``content``."""
    if flate:
        content = zlib.compress(content, 1)
    filt = b" /Filter /FlateDecode" if flate else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d%s >>\nstream\n" % (len(content), filt) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _encrypted(password: str, algorithm: str) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(_pdf(ARTICLE))))
    writer.encrypt(user_password=password, owner_password="owner", algorithm=algorithm)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _reason(path: Path) -> str:
    with pytest.raises(IngestError) as info:
        read_document(path)
    return info.value.reason


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256", "RC4-128"])
def test_pdf_encrypted_with_an_empty_password_reads(tmp_path: Path, algorithm: str) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(_encrypted("", algorithm))
    assert read_document(path).text == "The minister resigned on Tuesday."


def test_pdf_with_a_password_says_so(tmp_path: Path) -> None:
    path = tmp_path / "secret.pdf"
    path.write_bytes(_encrypted("secret", "AES-128"))
    assert _reason(path).startswith("is encrypted (needs a password)")


def test_pdf_compression_bomb_is_too_large_not_damaged(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_pdf(ARTICLE + b" " * 200_000_000, flate=True))
    assert path.stat().st_size < 2_000_000
    reason = _reason(path)
    assert reason.startswith("is too large to read")
    assert "damaged" not in reason


@pytest.mark.parametrize(
    "text", ["\u200b\u200c\u200d\ufeff\u2060" * 50, "\u200b \n\u200e\n\n\u00ad"]
)
def test_only_zero_width_characters_is_no_article(tmp_path: Path, text: str) -> None:
    path = tmp_path / "invisible.txt"
    path.write_text(text, encoding="utf-8")
    assert _reason(path) == "has no article text (only invisible characters)"


def _docx_bomb(path: Path, unit: bytes, total: int) -> None:
    """A .docx whose document.xml unpacks to ``total`` bytes of ``unit``, honestly sized
    (under the unpacked-size budget, so only reading it as a stream can stop it)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as fh:
            fh.write(f'<?xml version="1.0"?><w:document {W}><w:body><w:p><w:r><w:t>'.encode())
            block = unit * ((1 << 20) // len(unit))
            for _ in range(total // len(block)):
                fh.write(block)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")


@pytest.mark.parametrize("unit", [b"a", b" ", b"<x/>"], ids=["text", "spaces", "tags"])
def test_docx_zip_bomb_stays_under_300_mb(tmp_path: Path, unit: bytes) -> None:
    path = tmp_path / "bomb.docx"
    _docx_bomb(path, unit, 450 * 2**20)
    assert path.stat().st_size < 3_000_000
    probe = textwrap.dedent(
        f"""
        import resource, sys
        sys.path.insert(0, {str(APP)!r})
        from variorum.engine.ingest import IngestError, read_document
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
            read_document({str(path)!r})
            print("read")
        except IngestError as e:
            print(e.reason)
        print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    reason, grew_mb = done.stdout.strip().splitlines()
    assert "zip bomb" in reason
    assert int(grew_mb) < 300, f"reading it cost {grew_mb} MB"
