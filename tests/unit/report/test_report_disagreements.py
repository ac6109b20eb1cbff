"""The report's "Where the versions disagree" section and version metadata."""

from __future__ import annotations

from pathlib import Path

from report_helpers import FIXED_DATE, strip_tags

from variorum.engine.api import compare_documents, load_documents
from variorum.engine.model import Comparison
from variorum.report.markup import ReportInfo, build_report_html

DATA = Path(__file__).resolve().parents[2] / "data" / "conflicts"


def _html(c: Comparison) -> str:
    return build_report_html(c, None, ReportInfo("Planted", FIXED_DATE))


def _family(name: str) -> Comparison:
    docs, _ = load_documents([DATA / f"{name}_page.txt", DATA / f"{name}_rewrite.txt"])
    return compare_documents(docs)


def test_disagreements_come_before_the_claims_with_both_values() -> None:
    visible = strip_tags(_html(_family("planted")))
    at = visible.index("Where the versions disagree")
    assert at < visible.index("Claims only one version makes")
    section = visible[at : visible.index("Claims only one version makes")]
    for old, new in [("9 to 3", "8 to 4"), ("€4.2 million", "€5.1 million"), ("May", "June"),
                     ("Helen Okafor", "Tom Price"), ("Dunmore", "Carrick")]:  # fmt: skip
        assert old in section and new in section
    assert section.count("\u2260") == 5


def test_no_disagreement_says_so() -> None:
    visible = strip_tags(_html(_family("reworded")))
    assert "The aligned versions state no fact differently." in visible
