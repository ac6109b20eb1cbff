"""Bylines, date lines and photo credits are the version's metadata in every format."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from variorum.engine.api import compare_documents, load_documents
from variorum.engine.ingest import read_document
from variorum.engine.ingest_furniture import is_metadata
from variorum.export import comparison_to_json

BYLINE = "By Tom Reyes, Regional Wire · 12 March 2026"
UPDATED = "Updated 14:05 GMT, 13 March 2026"
CREDIT = "Photograph: Ana Ruiz/Reuters"
TITLE = "Council approves Riverside flood barrier"
BODY = [
    "The city council voted 9 to 3 on Tuesday to build a flood barrier along the embankment.",
    "The contract went to a firm owned by the mayor's brother-in-law, records show.",
]
METADATA = (BYLINE, UPDATED, CREDIT)


def _fixtures() -> object:
    path = Path(__file__).resolve().parents[2] / "data" / "ingest" / "make_fixtures.py"
    spec = importlib.util.spec_from_file_location("make_fixtures", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write(tmp_path: Path, suffix: str) -> Path:
    path = tmp_path / f"byline{suffix}"
    lines = [TITLE, BYLINE, UPDATED, *BODY, CREDIT]
    if suffix in (".txt", ".md"):
        head = f"# {TITLE}" if suffix == ".md" else TITLE
        path.write_text("\n\n".join([head, *lines[1:]]), encoding="utf-8")
    elif suffix == ".html":
        paras = "".join(f"<p>{line}</p>" for line in lines[1:])
        path.write_text(
            f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>{paras}</body></html>",
            encoding="utf-8",
        )
    elif suffix == ".docx":
        import docx

        document = docx.Document()
        document.add_heading(TITLE, level=0)
        for line in lines[1:]:
            document.add_paragraph(line)
        document.save(str(path))
    else:
        make_pdf = _fixtures()._pdf  # type: ignore[attr-defined]
        path.write_bytes(make_pdf([[TITLE, "", BYLINE, "", UPDATED, "", *BODY, "", CREDIT]]))
    return path


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".docx", ".pdf"])
def test_byline_is_metadata_never_a_row_or_claim(tmp_path: Path, suffix: str) -> None:
    path = write(tmp_path, suffix)
    doc = read_document(path)
    assert BYLINE not in doc.text and UPDATED not in doc.text
    other = tmp_path / "other.txt"
    other.write_text(TITLE + "\n\n" + BODY[0], encoding="utf-8")
    docs, problems = load_documents([path, other])
    assert not problems
    c = compare_documents(docs)
    version = c.version("byline")
    assert BYLINE in version.metadata and UPDATED in version.metadata
    if suffix != ".html":  # the page reader may drop a credit line on its own
        assert CREDIT in version.metadata
    assert not any("Reyes" in s.text for s in version.sentences)
    assert not any("Reyes" in cl.text for cl in c.claims)
    assert any("brother-in-law" in cl.text for cl in c.claims)  # the real claim stays
    data = json.loads(comparison_to_json(c))
    (mine,) = [v for v in data["versions"] if v["label"] == "byline"]
    assert BYLINE in mine["metadata"]


MORE_METADATA = ["By TOM REYES", "Published on 12 March 2026", "March 12, 2026 10:32 AM EST"]


@pytest.mark.parametrize("line", [*METADATA, *MORE_METADATA, "Reporting by Anna Lee"])
def test_metadata_lines(line: str) -> None:
    assert is_metadata(line)


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the year, the council will vote.",
        "By 2030 the city will be carbon neutral",
        "By continuing to browse you agree to our cookies",
        "The council met on 12 March 2026 to vote.",
        "Advertisement",
    ],
)
def test_article_text_and_furniture_are_not_metadata(line: str) -> None:
    assert not is_metadata(line)
