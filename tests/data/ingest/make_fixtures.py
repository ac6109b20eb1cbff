"""Regenerate the binary ingest fixtures here: ``python tests/data/ingest/make_fixtures.py``.

article.pdf: two pages of wrapped text (WinAnsi, curly apostrophe) with a metadata-free
header; scanned.pdf: one page with no text layer; article.docx: Title + three paragraphs.
The PDF is written by hand (no PDF library writes text), so byte offsets are computed here.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent

PDF_PAGES = [
    [
        "NATO Weighs Troops for Ukraine",
        "",
        "In a recent interview with the German newspaper Bild, NATO Secretary",
        "General Mark Rutte confirmed that several European countries are prepared",
        "to deploy troops to Ukraine should Russia breach a future peace agreement.",
        "",
        "The statement comes amid ongoing diplomatic efforts to stabilise the",
        "region following years of conflict. Rutte’s remarks were widely quoted.",
    ],
    [
        "The second part of the anticipated agreement is expected to focus on",
        "sustained military and diplomatic cooperation between the United States,",
        "European nations and Ukrainian forces.",
    ],
]


def _pdf(page_lines: list[list[str]]) -> bytes:
    objects: list[bytes] = []
    n_pages = len(page_lines)
    font_id = 3 + 2 * n_pages
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    for i, lines in enumerate(page_lines):
        ops = ["BT", "/F1 11 Tf", "14 TL", "72 740 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("cp1252")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R"
            f" /Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("NATO Weighs Troops for Ukraine", level=0)
    document.add_paragraph(
        "In a recent interview with the German newspaper Bild, NATO Secretary General Mark "
        "Rutte confirmed that several European countries are prepared to deploy troops."
    )
    document.add_paragraph("")
    document.add_paragraph("‘I can say that several European countries are ready,’ Rutte said.")
    document.add_paragraph("Advertisement")
    document.add_paragraph("The second part of the agreement is expected to focus on cooperation.")
    document.core_properties.created = datetime(2025, 3, 3, tzinfo=UTC)  # reproducible
    document.save(str(path))


def main() -> None:
    (HERE / "article.pdf").write_bytes(_pdf(PDF_PAGES))
    (HERE / "scanned.pdf").write_bytes(_pdf([[]]))
    _docx(HERE / "article.docx")


if __name__ == "__main__":
    main()
