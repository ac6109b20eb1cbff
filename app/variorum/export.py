"""Plain outputs of a Comparison: the public JSON format and the terminal summary.

The JSON shape is the one in DESIGN.md ("variorum-comparison", format_version 1); keys are
written in a fixed order so the same comparison gives byte-identical output.
"""

from __future__ import annotations

import json
from typing import Any

from variorum.engine.model import Comparison, Conflict
from variorum.engine.pipeline import collector_paused
from variorum.safe_text import escape_json_surrogates, terminal_safe

FORMAT = "variorum-comparison"
FORMAT_VERSION = 1


def comparison_to_dict(c: Comparison) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "settings": c.settings.to_dict(),
        "versions": [
            {
                "label": v.label,
                "source": v.source,
                "title": v.title,
                "text": v.text,
                "word_count": v.word_count,
                "boilerplate": list(v.boilerplate),
                **({"partial": v.partial} if v.partial else {}),
                **({"date": v.date} if v.date is not None else {}),  # only dated versions
                "metadata": list(v.metadata),
                "sentences": [
                    {
                        "id": s.id,
                        "paragraph": s.paragraph,
                        "start": s.start,
                        "end": s.end,
                        "text": s.text,
                    }
                    for s in v.sentences
                ],
            }
            for v in c.versions
        ],
        "rows": [
            {
                "cells": {cell.version: list(cell.sentences) for cell in row.cells},
                "kind": row.kind.value,
                "similarity": row.similarity,
                "match": row.match.value if row.match is not None else None,
                "reference": row.reference,
                "moved": [cell.version for cell in row.cells if cell.moved],
                "ops": {
                    cell.version: [
                        [op.tag.value, op.ref_start, op.ref_end, op.start, op.end]
                        for op in cell.ops
                    ]
                    for cell in row.cells
                    if cell.ops
                },
                "conflicts": [conflict_to_dict(k) for k in row.conflicts],
            }
            for row in c.rows
        ],
        "claims": [
            {
                "version": cl.version,
                "sentence": cl.sentence,
                "row": cl.row,
                "text": cl.text,
                "terms": [t.text for t in cl.terms],
                "term_kinds": [t.kind.value for t in cl.terms],
                "unmatched": cl.unmatched,
                "salience": cl.salience,
            }
            for cl in c.claims
        ],
        "other_unique": [
            {"version": o.version, "sentence": o.sentence, "row": o.row, "text": o.text}
            for o in c.other_unique
        ],
        "similarity": {
            a.label: {b.label: c.similarity[i][j] for j, b in enumerate(c.versions) if j != i}
            for i, a in enumerate(c.versions)
        },
    }


def conflict_to_dict(k: Conflict) -> dict[str, Any]:
    """One disagreement: its kind, what it is about, each version's value as written and
    where (offsets into that version's text)."""
    return {
        "kind": k.kind.value,
        "about": k.about,
        "values": {v.version: v.text for v in k.values},
        "spans": {v.version: [v.start, v.end] for v in k.values},
    }


def conflict_line(k: Conflict) -> str:
    """ "number (score): 9 to 3 [page] ≠ 8 to 4 [rewrite]"."""
    sides = " ≠ ".join(f"{v.text} [{v.version}]" for v in k.values)
    return f"{k.kind.value} ({k.about}): {sides}"


def comparison_to_json(c: Comparison) -> str:
    """The JSON text: the outer structure indented, each sentence, row and claim on a line.

    Items are written by json's C encoder (``indent`` forces its pure-Python one, which
    took most of the time on a 20 MB article); the layout stays readable and diffable.
    """
    out: list[str] = []
    with collector_paused():  # a big comparison makes millions of short-lived values
        _write(comparison_to_dict(c), 0, "", out)
    out.append("\n")
    return escape_json_surrogates("".join(out))  # a non-UTF-8 file name must not fail it


_ONE_LINE_ITEMS = frozenset({"rows", "claims", "similarity"})
_compact = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def _write(value: Any, depth: int, parent: str, out: list[str]) -> None:
    if (
        not isinstance(value, dict | list)
        or not value
        or depth >= 4
        or (depth == 2 and parent in _ONE_LINE_ITEMS)
    ):
        out.append(_compact(value))
        return
    pad = "\n" + " " * (depth + 1)
    if isinstance(value, dict):
        out.append("{")
        for k, (key, item) in enumerate(value.items()):
            out.append(("," if k else "") + pad + _compact(key) + ": ")
            _write(item, depth + 1, key, out)
        out.append("\n" + " " * depth + "}")
    elif depth + 1 >= 4 or (depth + 1 == 2 and parent in _ONE_LINE_ITEMS):
        # Every item goes on a line of its own, encoded whole: one join, not a call each.
        out.append("[" + pad + ("," + pad).join(map(_compact, value)))
        out.append("\n" + " " * depth + "]")
    else:
        out.append("[")
        for k, item in enumerate(value):
            out.append(("," if k else "") + pad)
            _write(item, depth + 1, parent, out)
        out.append("\n" + " " * depth + "]")


def _snippet(text: str, limit: int = 90, at: int = 0) -> str:
    """``text`` on one line, at most ``limit`` characters, starting a little before
    character ``at`` (the first change) so the words that differ are in view."""
    start = max(0, min(at - 20, len(text) - limit))
    if start:
        start = text.rfind(" ", 0, start + 1) + 1  # begin at a word
    part = " ".join(text[start:].split())
    lead = "..." if start else ""
    if len(lead) + len(part) > limit:
        part = part[: limit - len(lead) - 3] + "..."
    return lead + part


def _changed_rows(c: Comparison, max_rows: int) -> list[str]:
    """The rows the versions word differently: row number (as the window numbers them),
    how alike, and each version's words there, the reference first."""
    changed = [(i, r) for i, r in enumerate(c.rows) if r.kind.value == "changed"]
    lines = [f"Changed rows: worded differently ({len(changed)})"]
    for i, row in changed[:max_rows]:
        lines.append(f"  row {i + 1}, {row.similarity:.0%} alike")
        cells = sorted(row.cells, key=lambda cell: cell.version != row.reference)
        edits = [(cell, op) for cell in row.cells for op in cell.ops if op.tag != "equal"]
        ref_first = min((op.ref_start for _cell, op in edits), default=0)
        for cell in cells:
            text = c.version(cell.version).text[cell.start : cell.end]
            first = min((op.start for owner, op in edits if owner is cell), default=None)
            at = (ref_first if first is None else first) - cell.start
            lines.append(f"    {cell.version}: {_snippet(text, at=at)}")
    if len(changed) > max_rows:
        lines.append(f"  ... and {len(changed) - max_rows} more")
    return lines


def format_summary(c: Comparison, max_claims: int = 8) -> str:
    """A readable terminal summary: disagreements first, then versions, claims and the
    similarity matrix."""
    lines: list[str] = []
    changed = sum(1 for r in c.rows if r.kind.value == "changed")
    unique = sum(1 for r in c.rows if r.kind.value == "unique")
    disagreements = c.disagreements
    lines.append(
        f"Variorum: {len(c.versions)} versions, {len(c.rows)} rows "
        f"({changed} changed, {unique} in one version only), "
        f"{len(disagreements)} disagreements, {len(c.claims)} claims, "
        f"{c.elapsed_ms:.0f} ms"
    )
    lines.append("")
    if disagreements:
        lines.append("Where the versions disagree")
        for row, k in disagreements:
            lines.append(f"  row {row + 1}: {conflict_line(k)}")
        lines.append("")
    lines.append("Versions")
    for v in c.versions:
        title = f" - {v.title}" if v.title else ""
        lines.append(f"  {v.label}: {v.word_count} words, {len(v.sentences)} sentences{title}")
        for line in v.metadata:
            lines.append(f"    {line}")
        furniture = len(v.boilerplate) - len(v.metadata)
        if furniture:
            lines.append(f"    set aside as site furniture: {furniture} lines")
        if v.partial:
            lines.append(f"    {v.partial}")
    lines.append("")
    lines.extend(_changed_rows(c, max_claims))
    lines.append("")
    lines.append("Claims only one version makes (most salient first)")
    for v in c.versions:
        mine = c.claims_for(v.label)
        lines.append(f"  {v.label} ({len(mine)})")
        for cl in mine[:max_claims]:
            terms = ", ".join(t.text for t in cl.terms) or "(whole sentence)"
            lines.append(f"    - {terms}")
            lines.append(f"      {_snippet(cl.text)}")
        if len(mine) > max_claims:
            lines.append(f"    ... and {len(mine) - max_claims} more")
        other = c.other_unique_for(v.label)
        if other:
            noun = "sentence" if len(other) == 1 else "sentences"
            lines.append(f"    (and {len(other)} other unique {noun} with nothing to check)")
    lines.append("")
    lines.append("Similarity (share of content in common)")
    width = max(len(v.label) for v in c.versions)
    short = [v.label[:8] for v in c.versions]
    lines.append(" " * (width + 2) + " ".join(f"{s:>8}" for s in short))
    for i, v in enumerate(c.versions):
        cells = " ".join(f"{c.similarity[i][j]:8.2f}" for j in range(len(c.versions)))
        lines.append(f"  {v.label:<{width}}{cells}")
    # Labels and titles come from files: one escaped line each, whatever they hold.
    return "\n".join(terminal_safe(line) for line in lines) + "\n"
