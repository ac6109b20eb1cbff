"""A story family read from disk (news page, agency .docx, plain-text rewrite): restated
facts share a row across the three, the invented claim stands alone, the moved paragraph is
marked, and the JSON says how each row was matched."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from variorum.engine import embed
from variorum.engine.api import compare_documents, load_documents
from variorum.engine.model import Comparison, MatchKind, Settings
from variorum.export import comparison_to_json

FAMILY = Path(__file__).resolve().parent.parent / "data" / "family"
sys.path.insert(0, str(FAMILY))
from make_family import FACTS, INVENTED  # noqa: E402

FILES = [
    FAMILY / "council_page.html",
    FAMILY / "council_agency.docx",
    FAMILY / "council_rewrite.txt",
]
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def family() -> Comparison:
    docs, problems = load_documents(FILES)
    assert problems == []
    return compare_documents(docs)


def row_holding(c: Comparison, label: str, text: str) -> int:
    version = c.version(label)
    start = version.text.index(text[:40])
    for s in version.sentences:
        if s.start <= start < s.end:
            return c.row_of(label, s.id)
    raise AssertionError(f"{text!r} not found in {label}")


@pytest.mark.parametrize("k", range(len(FACTS)))
def test_every_restated_fact_is_one_row_across_the_three(family: Comparison, k: int) -> None:
    labels = family.labels
    rows = {row_holding(family, lab, FACTS[k][col]) for col, lab in enumerate(labels)}
    assert len(rows) == 1, (FACTS[k], rows)
    row = family.rows[rows.pop()]
    assert len(row.cells) == 3
    assert row.match in (MatchKind.LEXICAL, MatchKind.PARAPHRASE)


def test_the_invented_claim_is_a_one_version_row_and_a_claim(family: Comparison) -> None:
    r = row_holding(family, "council_rewrite", INVENTED)
    assert [c.version for c in family.rows[r].cells] == ["council_rewrite"]
    assert family.rows[r].match is None
    assert any(cl.row == r and cl.unmatched for cl in family.claims)


def test_the_moved_paragraph_is_marked_moved(family: Comparison) -> None:
    schedule = row_holding(family, "council_rewrite", FACTS[6][2])
    cell = family.rows[schedule].cell("council_rewrite")
    assert cell is not None and cell.moved
    in_place = row_holding(family, "council_rewrite", FACTS[0][2])
    assert not any(c.moved for c in family.rows[in_place].cells)


def test_rewording_is_matched_by_meaning_and_said_so_in_json(family: Comparison) -> None:
    data = json.loads(comparison_to_json(family))
    matches = [r["match"] for r in data["rows"]]
    assert matches.count("paraphrase") >= 4
    assert set(matches) <= {"identical", "lexical", "paraphrase", None}
    assert all((r["match"] is None) == (len(r["cells"]) == 1) for r in data["rows"])
    assert data["settings"]["match_paraphrases"] is True


def test_without_paraphrases_the_rewrite_falls_apart(family: Comparison) -> None:
    docs, _ = load_documents(FILES)
    plain = compare_documents(docs, Settings(match_paraphrases=False))
    one_version = sum(len(r.cells) == 1 for r in plain.rows)
    assert one_version >= sum(len(r.cells) == 1 for r in family.rows) + 4


def test_same_input_gives_byte_identical_json(family: Comparison) -> None:
    docs, _ = load_documents(FILES)
    embed.clear_cache()
    again = compare_documents(docs)
    assert comparison_to_json(again) == comparison_to_json(family)


def test_cli_json_is_byte_identical_across_processes(tmp_path: Path) -> None:
    outs = []
    for n in range(2):
        out = tmp_path / f"run{n}.json"
        subprocess.run(
            [sys.executable, "-m", "variorum", "compare", *map(str, FILES), "--json", str(out)],
            check=True,
            capture_output=True,
            cwd=REPO,
            env={"PYTHONPATH": str(REPO / "app"), "PATH": "/usr/bin:/bin"},
        )
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert b'"match": "paraphrase"' in outs[0]
