"""read_document: formats, file-system problems and sizes (engine/ingest)."""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from pathlib import Path

import pytest

from variorum.engine.ingest import (
    MAX_FILE_BYTES,
    SUPPORTED_EXTENSIONS,
    IngestError,
    read_document,
)

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "tests" / "data" / "ingest"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
ARTICLE = (
    "Troops for Ukraine\n\n"
    "Rutte said several European countries were ready to send troops.\n\n"
    "The statement comes amid ongoing diplomatic efforts.\n"
)


def _reason(path: Path | str) -> str:
    with pytest.raises(IngestError) as err:
        read_document(path)
    assert err.value.path == str(path)
    assert str(err.value) == f"{path}: {err.value.reason}"
    return err.value.reason


def test_seed_document_fields() -> None:
    path = next((REPO / "seeds").glob("003_*.txt"))
    doc = read_document(path)
    assert doc.label == path.stem
    assert doc.source == str(path)
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.title is not None and doc.title not in doc.text
    assert "Previous Article" in doc.boilerplate
    assert "No time to read?" not in doc.text


def test_source_is_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    doc = read_document("a.txt")
    assert (doc.source, doc.label) == ("a.txt", "a")


def test_supported_extensions() -> None:
    assert set(SUPPORTED_EXTENSIONS) == {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}


@pytest.mark.parametrize("name", ["story.TXT", "story", "story.Md"])
def test_extension_case_and_missing_extension_read_as_text(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(ARTICLE.encode("utf-16"))
    doc = read_document(tmp_path / name)
    assert doc.title == "Troops for Ukraine"
    assert doc.text.startswith("Rutte said")


def test_crlf_cp1252_file(tmp_path: Path) -> None:
    text = "Rutte’s “fatal” warning.\r\nCafé talks went on.\r\n\r\nSecond paragraph.\r\n"
    (tmp_path / "win.txt").write_bytes(text.encode("cp1252"))
    doc = read_document(tmp_path / "win.txt")
    assert doc.text == "Rutte’s “fatal” warning.\nCafé talks went on.\n\nSecond paragraph."


def test_mixed_scripts_and_emoji_are_kept_exactly(tmp_path: Path) -> None:
    body = (
        "Рютте заявил: «Мы готовы». 🇺🇦 Zelensky 👍🏽 replied.\n\n"
        "قال الأمين العام إن الحلف مستعد. שלום עולם.\n\n"
        "北约秘书长表示，多国愿意派兵。नमस्ते दुनिया। 👨‍👩‍👧‍👦 e\u0301 ﬁn.\n"
    )
    (tmp_path / "mixed.txt").write_text(body, encoding="utf-8")
    assert read_document(tmp_path / "mixed.txt").text == body.strip()


# --- problems --------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert _reason(tmp_path / "empty.txt") == "is empty"


def test_blank_file(tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_text(" \n\n\t\n", encoding="utf-8")
    assert "has no article text" in _reason(tmp_path / "blank.txt")


def test_furniture_only_file(tmp_path: Path) -> None:
    (tmp_path / "f.txt").write_text("Advertisement\n\nShare this article\n", encoding="utf-8")
    assert _reason(tmp_path / "f.txt") == "has no article text (only site furniture)"


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "data.txt").write_bytes(bytes(range(256)) * 16)
    assert _reason(tmp_path / "data.txt") == "looks like a binary file, not text"


def test_image_renamed_txt(tmp_path: Path) -> None:
    (tmp_path / "photo.txt").write_bytes(PNG)
    assert _reason(tmp_path / "photo.txt") == "looks like a PNG image, not text"


def test_pdf_renamed_txt(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_bytes((DATA / "article.pdf").read_bytes())
    assert _reason(tmp_path / "doc.txt") == "looks like a PDF document, not text"


def test_undecodable_text(tmp_path: Path) -> None:
    (tmp_path / "odd.txt").write_bytes(bytes(range(0x80, 0x100)) * 8)
    assert "cannot be decoded as text" in _reason(tmp_path / "odd.txt")


def test_unknown_extension_names_the_supported_ones(tmp_path: Path) -> None:
    (tmp_path / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    reason = _reason(tmp_path / "sheet.xlsx")
    assert "unsupported file type '.xlsx'" in reason
    for ext in SUPPORTED_EXTENSIONS:
        assert ext in reason


def test_missing_path(tmp_path: Path) -> None:
    assert _reason(tmp_path / "nope.txt") == "no such file"


def test_directory(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    assert _reason(tmp_path / "folder.txt").startswith("is a folder")


def test_dangling_symlink(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    reason = _reason(link)
    assert reason.startswith("is a broken link")
    assert "gone.txt" in reason


def test_symlink_to_a_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "alias.txt").symlink_to(tmp_path / "real.txt")
    assert read_document(tmp_path / "alias.txt").label == "alias"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)
    try:
        assert _reason(path).startswith("permission denied")
    finally:
        path.chmod(0o600)


def test_permission_denied_when_open_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Runs as root too: opening is made to fail the way an unreadable file does.
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    assert _reason(path).startswith("permission denied")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_fifo_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert _reason(fifo).startswith("is not a regular file")


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    reason = _reason(path)
    assert reason.startswith("is too large")
    assert f"the limit is {MAX_FILE_BYTES // 2**20} MB" in reason


# --- sizes -----------------------------------------------------------------------------


@pytest.mark.slow
def test_twenty_megabyte_text_loads(tmp_path: Path) -> None:
    paragraph = " ".join(
        ["Rutte said that several European countries were ready to send troops."] * 6
    )
    count = 20 * 2**20 // (len(paragraph) + 2)
    text = "\n\n".join(f"{i}. {paragraph}" for i in range(count))
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    doc = read_document(tmp_path / "big.txt")
    assert doc.text == text.strip()


def test_single_400000_word_sentence_loads(tmp_path: Path) -> None:
    sentence = " ".join(f"word{i % 1000}" for i in range(400_000)) + "."
    (tmp_path / "long.txt").write_text(sentence, encoding="utf-8")
    assert read_document(tmp_path / "long.txt").text == sentence


def test_twenty_thousand_tiny_paragraphs_load(tmp_path: Path) -> None:
    text = "\n\n".join(f"Item {i} ok." for i in range(20_000))
    (tmp_path / "tiny.txt").write_text(text, encoding="utf-8")
    doc = read_document(tmp_path / "tiny.txt")
    assert doc.text.count("\n\n") == 19_999


# --- Markdown --------------------------------------------------------------------------


def test_markdown_front_matter_heading_and_links(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntitle: 'Troops for Ukraine'\ndate: 2025-03-03\n---\n"
        "# Troops for Ukraine\n\n"
        'Rutte told [Bild](https://bild.de/x "Bild") that troops were *ready*.\n\n'
        "![map](map.png)\n\n---\n\nThe talks go on.\n",
        encoding="utf-8",
    )
    doc = read_document(tmp_path / "a.md")
    assert doc.title == "Troops for Ukraine"
    assert doc.text == "Rutte told Bild that troops were *ready*.\n\nThe talks go on."
    assert doc.boilerplate[0].startswith("---\ntitle:")


# --- web pages -------------------------------------------------------------------------


def test_browser_page_keeps_only_the_article() -> None:
    doc = read_document(DATA / "browser_page.html")
    assert doc.title == "NATO weighs troops for Ukraine"
    paragraphs = doc.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("In a recent interview with the German newspaper Bild")
    assert paragraphs[1].startswith("“I can say that several European countries")
    for dropped in (
        "cookie",
        "tracking",
        "Home",
        "Sign up",
        "newsletter",
        "River Plate",
        "Related stories",
        "All rights reserved",
        "console.log",
        "font-family",
        doc.title,
    ):
        assert dropped not in doc.text
    assert any("We use cookies" in b for b in doc.boilerplate)
    assert "Sign up for our newsletter" in doc.boilerplate
    assert not any("Rutte" in b for b in doc.boilerplate)  # article text is not "dropped"


def test_tiny_page_uses_the_fallback_reader(tmp_path: Path) -> None:
    (tmp_path / "tiny.htm").write_text(
        "<html><head><title>Short</title><script>var x=1;</script></head><body>"
        "<nav>Home | World</nav><h1>Troops for Ukraine</h1><p>Rutte spoke.</p>"
        "<p>The talks go on &amp; on.</p><footer>© 2025</footer></body></html>",
        encoding="utf-8",
    )
    doc = read_document(tmp_path / "tiny.htm")
    assert doc.title == "Troops for Ukraine"
    assert doc.text == "Rutte spoke.\n\nThe talks go on & on."


def test_deeply_nested_page_does_not_crash(tmp_path: Path) -> None:
    depth = 100_000
    para = "<p>Deep inside the page, the article still says something worth reading.</p>"
    html = "<html><body>" + "<div>" * depth + para * 3 + "</div>" * depth + "</body></html>"
    (tmp_path / "deep.html").write_text(html, encoding="utf-8")
    doc = read_document(tmp_path / "deep.html")
    assert "Deep inside the page" in doc.text


def test_page_declaring_a_legacy_charset(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="windows-1252"></head><body>'
        "<p>Rutte’s “fatal” warning to Moscow, café talks.</p></body></html>"
    )
    (tmp_path / "old.html").write_bytes(html.encode("cp1252"))
    assert read_document(tmp_path / "old.html").text == (
        "Rutte’s “fatal” warning to Moscow, café talks."
    )


def test_page_without_text(tmp_path: Path) -> None:
    (tmp_path / "s.html").write_text("<html><script>alert(1)</script></html>", encoding="utf-8")
    assert "has no article text" in _reason(tmp_path / "s.html")


def test_image_renamed_html(tmp_path: Path) -> None:
    (tmp_path / "x.html").write_bytes(PNG)
    assert _reason(tmp_path / "x.html") == "looks like a PNG image, not a web page"


# --- Word ------------------------------------------------------------------------------


def test_docx_paragraphs_title_and_furniture() -> None:
    doc = read_document(DATA / "article.docx")
    assert doc.title == "NATO Weighs Troops for Ukraine"
    assert doc.text.split("\n\n") == [
        "In a recent interview with the German newspaper Bild, NATO Secretary General Mark "
        "Rutte confirmed that several European countries are prepared to deploy troops.",
        "‘I can say that several European countries are ready,’ Rutte said.",
        "The second part of the agreement is expected to focus on cooperation.",
    ]
    assert doc.boilerplate == ("Advertisement",)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"PK\x03\x04" + b"\x00garbage" * 50, "is a damaged Word document (.docx)"),
        (b"just some text pretending", "is not a Word document (.docx)"),
        (PNG, "looks like a PNG image, not a Word document (.docx)"),
        (_zip({"hello.txt": b"hi"}), "is a ZIP archive but not a Word document (.docx)"),
        (
            _zip({"word/document.xml": b"<not-closed", "[Content_Types].xml": b"<x/>"}),
            "is a damaged Word document (.docx)",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "is an old-style Word file (.doc)"),
    ],
)
def test_broken_docx(tmp_path: Path, raw: bytes, reason: str) -> None:
    (tmp_path / "bad.docx").write_bytes(raw)
    assert _reason(tmp_path / "bad.docx").startswith(reason)


def test_truncated_docx(tmp_path: Path) -> None:
    raw = (DATA / "article.docx").read_bytes()
    (tmp_path / "cut.docx").write_bytes(raw[: len(raw) // 2])
    assert "damaged Word document" in _reason(tmp_path / "cut.docx")


# --- PDF -------------------------------------------------------------------------------


def test_pdf_text_layer_reflowed_into_paragraphs() -> None:
    doc = read_document(DATA / "article.pdf")
    assert doc.title == "NATO Weighs Troops for Ukraine"
    paragraphs = doc.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("In a recent interview")
    assert paragraphs[0].endswith("should Russia breach a future peace agreement.")
    assert "Rutte’s remarks" in paragraphs[1]
    assert "\n" not in paragraphs[2]


def test_pdf_without_text_layer() -> None:
    assert _reason(DATA / "scanned.pdf").startswith("has no text layer (scanned image?)")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"%PDF-1.4\n" + b"\x00\x01garbage" * 100, "is a damaged PDF document"),
        (b"<html><body>saved page</body></html>", "looks like a web page or XML file"),
        (b"plain words", "is not a PDF document"),
    ],
)
def test_broken_pdf(tmp_path: Path, raw: bytes, reason: str) -> None:
    (tmp_path / "bad.pdf").write_bytes(raw)
    assert _reason(tmp_path / "bad.pdf").startswith(reason)


def test_truncated_pdf(tmp_path: Path) -> None:
    raw = (DATA / "article.pdf").read_bytes()
    (tmp_path / "cut.pdf").write_bytes(raw[:300])
    reason = _reason(tmp_path / "cut.pdf")
    assert reason.startswith(("is a damaged PDF document", "has no text layer"))
