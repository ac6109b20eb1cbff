"""How a disagreement (an engine ``Conflict``) is named and which ones a view shows (Qt-free).

Shared by the grid, the claims panel, the tooltips and the report, so a disagreement reads
the same everywhere: its kind ("number", "money (EUR)", "person (speaker)") and its values
side by side, each with the version that states it. A view that shows only some versions
(a pair) shows only the disagreements still visible between them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from variorum.engine.model import Comparison, Conflict, ConflictValue

DISAGREE_GLYPH = "\u2260"  # ≠ before each differing value (boxed in the grid and report)
DISAGREE_ROW_GLYPH = "\u26a0"  # ⚠ in the header of a row whose versions disagree


@dataclass(frozen=True)
class Disagreement:
    """One conflict and where it is: the row index, and its position among the row's."""

    row: int
    index: int  # position in ``comparison.rows[row].conflicts``
    conflict: Conflict


def _folded(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def shown_values(conflict: Conflict, labels: Collection[str] | None) -> tuple[ConflictValue, ...]:
    """The conflict's values of the versions in ``labels`` (None: every version)."""
    if labels is None:
        return conflict.values
    return tuple(v for v in conflict.values if v.version in labels)


def is_shown(conflict: Conflict, labels: Collection[str] | None) -> bool:
    """Whether two shown versions state the fact with different words.

    Values of hidden versions do not count, and two shown versions that word it alike
    agree with each other even when a hidden third disagrees with both.
    """
    values = shown_values(conflict, labels)
    return len({_folded(v.text) for v in values}) >= 2


def shown_disagreements(
    comparison: Comparison, labels: Collection[str] | None = None
) -> tuple[Disagreement, ...]:
    """Every disagreement between versions in ``labels``, in row order."""
    return tuple(
        Disagreement(r, i, k)
        for r, row in enumerate(comparison.rows)
        for i, k in enumerate(row.conflicts)
        if is_shown(k, labels)
    )


def kind_text(conflict: Conflict) -> str:
    """What kind of fact: "number (score)", "money (EUR)", "place"."""
    kind = conflict.kind.value
    return kind if conflict.about in ("", kind) else f"{kind} ({conflict.about})"


def values_text(values: Iterable[ConflictValue]) -> str:
    """The values side by side: "9 to 3 (A) ≠ 8 to 4 (B)"."""
    return f" {DISAGREE_GLYPH} ".join(f"\u201c{v.text}\u201d ({v.version})" for v in values)


def describe(conflict: Conflict, labels: Collection[str] | None = None) -> str:
    """One line: "number (score): “9 to 3” (A) ≠ “8 to 4” (B)"."""
    return f"{kind_text(conflict)}: {values_text(shown_values(conflict, labels))}"


def describe_for(conflict: Conflict, label: str, labels: Collection[str] | None = None) -> str:
    """From one version's side: "number (score): “9 to 3” here, “8 to 4” in B"."""
    mine = conflict.value(label)
    others = [v for v in shown_values(conflict, labels) if v.version != label]
    there = ", ".join(f"\u201c{v.text}\u201d in {v.version}" for v in others)
    here = f"\u201c{mine.text}\u201d here, " if mine is not None else ""
    return f"{kind_text(conflict)}: {here}{there}"
