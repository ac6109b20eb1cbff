"""*Bild* and _word_ in plain-text articles: emphasis at render time, offsets untouched."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from variorum.engine.api import compare_documents, load_documents
from variorum.engine.model import Comparison
from variorum.export import comparison_to_json
from variorum.marks import (
    Mark,
    cell_runs,
    claims_by_sentence,
    emphasis_spans,
    shows_emphasis,
    without_markers,
)
from variorum.report.markup import ReportInfo, build_report_html


def marked(text: str) -> list[str]:
    return [
        text[s.start : s.end] for s in emphasis_spans(text, 0, len(text)) if s.mark is Mark.EMPHASIS
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("an interview with *Bild* today", ["Bild"]),
        ("the _Financial Times_ said", ["Financial Times"]),
        ("*one* and *two*", ["one", "two"]),
        ("a snake_case_name stays", []),
        ("2*3*4 is arithmetic", []),
        ("a * b * c", []),
        ("*not closed", []),
        ("*across\nlines*", []),
        ("**bold** is not single emphasis", []),
    ],
)
def test_what_counts_as_emphasis(text: str, expected: list[str]) -> None:
    assert marked(text) == expected


def test_markers_are_markup_spans_one_character_each() -> None:
    text = "with *Bild* today"
    spans = emphasis_spans(text, 0, len(text))
    markup = [(s.start, s.end) for s in spans if s.mark is Mark.MARKUP]
    assert markup == [(5, 6), (10, 11)] and all(text[a] == "*" for a, _ in markup)


def test_without_markers_moves_ranges() -> None:
    text = "by *Bild* through a whistleblower"
    term = (text.index("whistleblower"), len(text))
    shown, (moved,) = without_markers(text, [term])
    assert shown == "by Bild through a whistleblower"
    assert [shown[a:b] for a, b in moved] == ["whistleblower"]


def test_only_plain_text_sources_carry_emphasis() -> None:
    assert shows_emphasis("seeds/001.txt") and shows_emphasis("a.md") and shows_emphasis("")
    assert not shows_emphasis("page.html") and not shows_emphasis("doc.docx")


@pytest.fixture(scope="module")
def bild(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    folder = tmp_path_factory.mktemp("emphasis")
    a, b = folder / "a.txt", folder / "b.txt"
    a.write_text("In an interview with *Bild*, the minister spoke about the plan.\n")
    b.write_text("In an interview with the radio, the minister spoke about the plan.\n")
    docs, problems = load_documents([a, b])
    assert not problems
    return compare_documents(docs)


def test_the_text_and_json_offsets_keep_the_markers(bild: Comparison) -> None:
    data = json.loads(comparison_to_json(bild))
    version = data["versions"][0]
    assert "*Bild*" in version["text"]
    for s in version["sentences"]:
        assert version["text"][s["start"] : s["end"]] == s["text"]


def test_grid_runs_mark_emphasis_and_markers(bild: Comparison) -> None:
    row = next(r for r in bild.rows if r.cell("a") is not None)
    sentences = {s.id: s for s in bild.version("a").sentences}
    runs = cell_runs(bild, row, "a", claims_by_sentence(bild), sentences)
    assert [r.text for r in runs if Mark.EMPHASIS in r.marks] == ["Bild"]
    assert [r.text for r in runs if Mark.MARKUP in r.marks] == ["*", "*"]


def test_report_shows_emphasis_without_asterisks(bild: Comparison) -> None:
    html = build_report_html(bild, None, ReportInfo("Emphasis", datetime(2025, 1, 1)))
    body = re.sub(r"<style.*?</style>", "", html, flags=re.S)
    assert "*Bild*" not in body
    assert re.search(r"<em>(<[^>]+>)*Bild", body)


def test_grid_cell_shows_italics_without_asterisks(bild: Comparison, qtbot: object) -> None:
    from PySide6.QtGui import QFont, QTextCursor

    from variorum.gui.cell_document import build_cell_document
    from variorum.gui.palette import colours_for

    row = next(r for r in bild.rows if r.cell("a") is not None)
    sentences = {s.id: s for s in bild.version("a").sentences}
    runs = cell_runs(bild, row, "a", claims_by_sentence(bild), sentences)
    doc = build_cell_document(runs, QFont(), colours_for(False), 400.0)
    text = doc.toPlainText()
    assert "*" not in text and "Bild" in text
    cursor = QTextCursor(doc)
    cursor.setPosition(text.index("Bild") + 1)
    assert cursor.charFormat().fontItalic()
    cursor.setPosition(text.index("minister") + 1)
    assert not cursor.charFormat().fontItalic()


def test_claims_list_leaves_the_markers_out(seed_comparison: Comparison) -> None:
    from variorum.gui.claims_panel import shown_text

    claim = next(cl for cl in seed_comparison.claims if "*Bild*" in cl.text)
    text, (spans,) = shown_text(seed_comparison, claim)
    assert "*Bild*" not in text and "Bild" in text
    terms = {t.text for t in claim.terms}
    assert {text[a:b] for a, b in spans} <= terms | {t.replace("*", "") for t in terms}
    assert Path(seed_comparison.version(claim.version).source).suffix == ".txt"
