"""How a story changed over time: the revisions between a comparison's dated versions.

Pure and Qt-free, read from a finished :class:`Comparison` (nothing is re-analysed).
The dated versions, in time order (ties keep column order), give revisions 1..n-1: revision
k goes from the k-th dated version to the next. For each, a row is *added* when only the
later version has a cell there, *removed* when only the earlier one has, *changed* when
both have cells whose words differ (spacing, and case when the settings ignore it, do not
count). A revision's claims are the later version's claims in its added or changed rows;
its disagreements are the row conflicts (``Row.conflicts``, when the engine provides
them) on which the two versions hold different values. Undated versions are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from variorum.engine.model import Claim, Comparison, Version


@dataclass(frozen=True)
class Disagreement:
    """A fact the revision changed: what the earlier version said, what the later says."""

    row: int
    about: str
    before: str
    after: str


@dataclass(frozen=True)
class Revision:
    number: int  # 1 for the first change, from dated version 1 to dated version 2
    before: str  # version labels
    after: str
    before_date: str
    after_date: str
    added: tuple[int, ...]  # row indices, in row order
    removed: tuple[int, ...]
    changed: tuple[int, ...]
    claims: tuple[Claim, ...]  # made by ``after`` in added or changed rows, row order
    disagreements: tuple[Disagreement, ...] = ()

    @property
    def size(self) -> int:
        """How many rows the revision touched."""
        return len(self.added) + len(self.removed) + len(self.changed)

    @property
    def rows(self) -> tuple[int, ...]:
        """Every row the revision touched, in row order."""
        return tuple(sorted((*self.added, *self.removed, *self.changed)))


def dated_versions(c: Comparison) -> tuple[Version, ...]:
    """The versions that have a date, oldest first (equal dates keep column order)."""
    dated = [(v.date, i, v) for i, v in enumerate(c.versions) if v.date]
    return tuple(v for _d, _i, v in sorted(dated, key=lambda t: (t[0], t[1])))


def _words(text: str, fold: bool) -> str:
    joined = " ".join(text.split())
    return joined.casefold() if fold else joined


def revisions(c: Comparison) -> tuple[Revision, ...]:
    """Revisions between consecutive dated versions; empty with fewer than two dated."""
    dated = dated_versions(c)
    fold = c.settings.ignore_case
    out: list[Revision] = []
    for number, (old, new) in enumerate(pairwise(dated), start=1):
        added: list[int] = []
        removed: list[int] = []
        changed: list[int] = []
        for i, row in enumerate(c.rows):
            a, b = row.cell(old.label), row.cell(new.label)
            if a is None and b is not None:
                added.append(i)
            elif a is not None and b is None:
                removed.append(i)
            elif a is not None and b is not None:
                before = _words(old.text[a.start : a.end], fold)
                if before != _words(new.text[b.start : b.end], fold):
                    changed.append(i)
        touched = set(added) | set(changed)
        claims = tuple(
            sorted(
                (cl for cl in c.claims if cl.version == new.label and cl.row in touched),
                key=lambda cl: (cl.row, cl.sentence),
            )
        )
        out.append(
            Revision(
                number=number,
                before=old.label,
                after=new.label,
                before_date=old.date or "",
                after_date=new.date or "",
                added=tuple(added),
                removed=tuple(removed),
                changed=tuple(changed),
                claims=claims,
                disagreements=_disagreements(c, changed, old.label, new.label),
            )
        )
    return tuple(out)


def _disagreements(
    c: Comparison, rows: list[int], before: str, after: str
) -> tuple[Disagreement, ...]:
    out: list[Disagreement] = []
    for i in rows:
        conflicts: tuple[Any, ...] = tuple(getattr(c.rows[i], "conflicts", ()))
        for conflict in conflicts:
            old, new = _value(conflict, before), _value(conflict, after)
            if old is not None and new is not None and old != new:
                out.append(Disagreement(i, str(getattr(conflict, "about", "")), old, new))
    return tuple(out)


def _value(conflict: Any, label: str) -> str | None:
    """``label``'s side of a conflict, read without depending on the conflict's type."""
    for value in getattr(conflict, "values", ()):
        if getattr(value, "version", None) == label:
            return str(getattr(value, "text", ""))
    return None
