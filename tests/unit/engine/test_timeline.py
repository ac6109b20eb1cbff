"""Revisions between dated versions: what each added, removed and changed, and its claims."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from variorum.engine.api import compare_documents
from variorum.engine.ingest_warc import warc_documents
from variorum.engine.model import Comparison, Document
from variorum.engine.timeline import dated_versions, revisions
from warc_builder import STORY, three_and_two

S1 = "A storm cut power to 12,000 homes on the northern coast."
S2 = "Repair crews will work through the night, the authority said."
S3 = "Schools in three districts stay closed on Tuesday."
S4 = "Mayor Ilse Brandt declared a state of emergency after midnight."
S1B = "A storm cut power to 40,000 homes on the northern coast."


def _compare(*docs: Document) -> Comparison:
    return compare_documents(list(docs))


def test_the_archive_story_has_two_revisions(tmp_path: Path) -> None:
    docs, _ = warc_documents(three_and_two(tmp_path / "a.warc.gz"), STORY)
    c = compare_documents(docs)
    first, second = revisions(c)
    assert (first.number, first.before, first.after) == (1, docs[0].label, docs[1].label)
    assert (len(first.added), len(first.removed), len(first.changed)) == (1, 0, 1)
    assert "Mayor Ilse Brandt" in _row_text(c, first.after, first.added[0])
    assert "40,000" in _row_text(c, first.after, first.changed[0])
    assert (len(second.added), len(second.removed), len(second.changed)) == (1, 1, 0)
    assert "repair crews" in _row_text(c, second.before, second.removed[0])
    assert [cl.version for cl in second.claims] == [second.after]
    assert "harbour district" in second.claims[0].text
    assert first.size == 2 and second.rows == tuple(sorted((*second.added, *second.removed)))


def _row_text(c: Comparison, label: str, row: int) -> str:
    cell = c.rows[row].cell(label)
    assert cell is not None
    return c.version(label).text[cell.start : cell.end]


def test_time_order_not_column_order_and_undated_versions_left_out() -> None:
    late = Document("late", "", f"{S1B} {S2} {S4}", date="2024-03-05T00:00:00Z")
    early = Document("early", "", f"{S1} {S2}", date="2024-03-04T00:00:00Z")
    wire = Document("wire", "", f"{S1} {S3}")
    c = _compare(late, wire, early)
    assert [v.label for v in dated_versions(c)] == ["early", "late"]
    (only,) = revisions(c)
    assert (only.before, only.after) == ("early", "late")
    assert len(only.added) == 1 and len(only.changed) == 1 and not only.removed


def test_no_revisions_without_two_dated_versions() -> None:
    a = Document("a", "", f"{S1} {S2}")
    b = Document("b", "", f"{S1B} {S2}", date="2024-01-01T00:00:00Z")
    assert revisions(_compare(a, b)) == ()


def test_spacing_and_case_alone_are_no_change() -> None:
    a = Document("a", "", f"{S1} {S2}", date="2024-01-01T00:00:00Z")
    b = Document("b", "", f"{S1.upper()}   {S2}", date="2024-01-02T00:00:00Z")
    assert revisions(_compare(a, b))[0].changed == ()


@dataclass(frozen=True)
class _Value:
    version: str
    text: str


@dataclass(frozen=True)
class _Conflict:
    about: str
    values: tuple[_Value, ...]


@dataclass(frozen=True)
class _RowWithConflicts:  # what issue 11's Row.conflicts looks like, duck-typed
    cells: tuple[object, ...]
    conflicts: tuple[_Conflict, ...]

    def cell(self, label: str) -> object:
        return next((c for c in self.cells if getattr(c, "version", None) == label), None)


def test_disagreements_come_from_row_conflicts_when_the_engine_has_them() -> None:
    a = Document("a", "", f"{S1} {S2}", date="2024-01-01T00:00:00Z")
    b = Document("b", "", f"{S1B} {S2}", date="2024-01-02T00:00:00Z")
    c = _compare(a, b)
    (r,) = revisions(c)
    found = [(d.about, d.before, d.after) for d in r.disagreements]
    assert found == [("home", "12,000 homes", "40,000 homes")]  # the engine's own conflict
    changed = r.changed[0]
    conflict = _Conflict("homes", (_Value("a", "12,000"), _Value("b", "40,000")))
    rows = list(c.rows)
    rows[changed] = _RowWithConflicts(c.rows[changed].cells, (conflict,))  # type: ignore[call-overload]
    (r,) = revisions(replace(c, rows=tuple(rows)))
    assert [(d.about, d.before, d.after) for d in r.disagreements] == [
        ("homes", "12,000", "40,000")
    ]
