"""Facts the versions disagree on, inside one aligned row (pure functions, stdlib only).

Two cells of a row conflict when both state a fact of the same kind about the same thing
(see :mod:`variorum.engine.facts`: "troops", "EUR", "speaker", "month", "score"...) and
each holds a value the other cell does not state anywhere. Values are compared in their
normal form, so the same fact in other words ("nine votes to three" / "9-3") is never a
conflict, nor is a spelling variant of a name; a fact only one cell states is an addition
(a claim), not a disagreement. One conflict is reported per kind and thing per row, with
each stating version's value as written there.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from variorum.engine.facts import Fact
from variorum.engine.model import Conflict, ConflictValue, FactKind

SAME_NAME_RATIO = 85  # surname keys this alike are one name spelt two ways


def _same(kind: FactKind, a: str, b: str) -> bool:
    if a == b:
        return True
    if kind in (FactKind.PERSON, FactKind.PLACE):
        return fuzz.ratio(a, b) >= SAME_NAME_RATIO or a.endswith(b) or b.endswith(a)
    return False


def _states(kind: FactKind, value: str, facts: Sequence[Fact]) -> bool:
    """Whether any fact of this kind in the cell has the value, whatever it is about."""
    return any(f.kind is kind and _same(kind, value, f.value) for f in facts)


def row_conflicts(cells: Sequence[tuple[str, Sequence[Fact]]]) -> tuple[Conflict, ...]:
    """Conflicts between the cells of one row; ``cells`` is (label, facts) in version order."""
    if len(cells) < 2:
        return ()
    slots: dict[tuple[FactKind, str], None] = {}
    for _label, facts in cells:
        for f in facts:
            slots.setdefault((f.kind, f.about), None)
    out: list[Conflict] = []
    taken: set[tuple[str, int]] = set()  # a value shown once, e.g. a speaker who is also mayor
    for kind, about in slots:
        stating = [
            (label, [f for f in facts if f.kind is kind and f.about == about], facts)
            for label, facts in cells
        ]
        stating = [s for s in stating if s[1]]
        if len(stating) < 2:
            continue
        own: dict[str, Fact] = {}
        for label, mine, _all in stating:
            others = [all_facts for lab, _m, all_facts in stating if lab != label]
            for f in mine:
                if any(not _states(kind, f.value, o) for o in others):
                    own.setdefault(label, f)
        if len(own) < 2:
            continue
        values = []
        for label, mine, _all in stating:
            f = own.get(label, mine[0])
            values.append(ConflictValue(label, f.text, f.start, f.end))
        if all((v.version, v.start) in taken for v in values):
            continue
        taken.update((v.version, v.start) for v in values)
        out.append(Conflict(kind, about, tuple(values)))
    return tuple(out)
