"""The report's "How the story changed": revisions of dated versions, with added claims."""

from __future__ import annotations

from pathlib import Path

from report_helpers import FIXED_DATE, squash, strip_tags

from variorum.engine.api import compare_documents
from variorum.engine.ingest_warc import warc_documents
from variorum.engine.model import Comparison, Document
from variorum.report.markup import ReportInfo, build_report_html
from warc_builder import STORY, three_and_two


def _visible(c: Comparison) -> str:
    return squash(strip_tags(build_report_html(c, None, ReportInfo("Story", FIXED_DATE))))


def test_dated_versions_get_a_section_per_revision(tmp_path: Path) -> None:
    docs, _ = warc_documents(three_and_two(tmp_path / "a.warc.gz"), STORY)
    text = _visible(compare_documents(docs))
    assert squash("How the story changed") in text
    first = text.index(squash("Revision 1: 2024-03-04 06:00 → 2024-03-04 08:15"))
    second = text.index(squash("Revision 2: 2024-03-04 08:15 → 2024-03-05 10:30"))
    assert first < second
    assert squash("1 added, 0 removed, 1 changed · 0 new claims") in text[first:second]
    assert squash("Mayor Ilse Brandt declared") in text[first:second]
    part = text[second : text.index(squash("Claims only one version makes"))]
    assert squash("1 added, 1 removed, 0 changed · 1 new claim") in part
    assert squash("Two people were injured by falling trees") in part
    assert squash("harbour district)") in part  # the claim's own terms
    assert squash("repair crews would work through the night") in part  # removed


def test_undated_comparisons_have_no_such_section(seed_comparison: Comparison) -> None:
    assert squash("How the story changed") not in _visible(seed_comparison)


def test_article_text_in_the_section_is_escaped() -> None:
    a = Document("a", "", "The <b>storm</b> cut power.", date="2024-01-01T00:00:00Z")
    b = Document("b", "", "The <b>storm</b> cut power. <script>x()</script> Crews came.",
                 date="2024-01-02T00:00:00Z")  # fmt: skip
    html = build_report_html(compare_documents([a, b]), None, ReportInfo("S", FIXED_DATE))
    section = html[html.index("How the story changed") :]
    assert "<script>" not in section and "&lt;script&gt;" in section
