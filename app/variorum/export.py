"""Plain outputs of a Comparison: the public JSON format and the terminal summary.

The JSON shape is the one in DESIGN.md ("variorum-comparison", format_version 1); keys are
written in a fixed order so the same comparison gives byte-identical output.
"""

from __future__ import annotations

import json
from typing import Any

from variorum.engine.model import Comparison, Conflict

FORMAT = "variorum-comparison"
FORMAT_VERSION = 1


def comparison_to_dict(c: Comparison) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "settings": {
            "threshold": c.settings.threshold,
            "granularity": c.settings.granularity.value,
            "ignore_case": c.settings.ignore_case,
            "ignore_punctuation": c.settings.ignore_punctuation,
            "ignore_quote_style": c.settings.ignore_quote_style,
            "base": c.settings.base,
        },
        "versions": [
            {
                "label": v.label,
                "source": v.source,
                "title": v.title,
                "text": v.text,
                "word_count": v.word_count,
                "boilerplate": list(v.boilerplate),
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
    return json.dumps(comparison_to_dict(c), ensure_ascii=False, indent=1) + "\n"


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
    lines.append("")
    lines.append("Claims only one version makes (most salient first)")
    for v in c.versions:
        mine = c.claims_for(v.label)
        lines.append(f"  {v.label} ({len(mine)})")
        for cl in mine[:max_claims]:
            terms = ", ".join(t.text for t in cl.terms) or "(whole sentence)"
            text = cl.text if len(cl.text) <= 90 else cl.text[:87] + "..."
            lines.append(f"    - {terms}")
            lines.append(f"      {text}")
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
    return "\n".join(lines) + "\n"
