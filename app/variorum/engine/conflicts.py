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


def _states(kind: FactKind, value: str, values: Sequence[str]) -> bool:
    """Whether any of a cell's values of this kind is the value, whatever it is about."""
    if kind in (FactKind.PERSON, FactKind.PLACE):
        return any(_same(kind, value, v) for v in values)
    return value in values


def row_conflicts(cells: Sequence[tuple[str, Sequence[Fact]]]) -> tuple[Conflict, ...]:
    """Conflicts between the cells of one row; ``cells`` is (label, facts) in version order.

    Linear in the number of cells: each distinct value is checked once against each cell
    (a fact is the cell's own when some other stating cell does not state its value)."""
    if len(cells) < 2:
        return ()
    slots: dict[tuple[FactKind, str], None] = {}
    by_slot: list[dict[tuple[FactKind, str], list[Fact]]] = []
    by_kind: list[dict[FactKind, list[str]]] = []
    for _label, facts in cells:
        in_slot: dict[tuple[FactKind, str], list[Fact]] = {}
        kinds: dict[FactKind, list[str]] = {}
        for fact in facts:
            slots.setdefault((fact.kind, fact.about), None)
            in_slot.setdefault((fact.kind, fact.about), []).append(fact)
            kinds.setdefault(fact.kind, []).append(fact.value)
        by_slot.append(in_slot)
        by_kind.append(kinds)
    out: list[Conflict] = []
    taken: set[tuple[str, int]] = set()  # a value shown once, e.g. a speaker who is also mayor
    for kind, about in slots:
        stating = [
            (label, by_slot[c][(kind, about)], by_kind[c].get(kind, []))
            for c, (label, _facts) in enumerate(cells)
            if (kind, about) in by_slot[c]
        ]
        if len(stating) < 2:
            continue
        holders: dict[str, int] = {}  # value -> stating cells that state it
        own: dict[str, Fact] = {}
        for label, mine, _values in stating:
            for f in mine:
                if f.value not in holders:
                    holders[f.value] = sum(_states(kind, f.value, vs) for _l, _m, vs in stating)
                # Its own cell states it, so some other cell does not when fewer hold it.
                if holders[f.value] < len(stating):
                    own.setdefault(label, f)
        if len(own) < 2:
            continue
        values = []
        for label, mine, _values in stating:
            f = own.get(label, mine[0])
            values.append(ConflictValue(label, f.text, f.start, f.end))
        if all((v.version, v.start) in taken for v in values):
            continue
        taken.update((v.version, v.start) for v in values)
        out.append(Conflict(kind, about, tuple(values)))
    return tuple(out)
