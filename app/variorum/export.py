"""Plain outputs of a Comparison: the public JSON format and the terminal summary.

The JSON shape is the one in DESIGN.md ("variorum-comparison", format_version 1); keys are
written in a fixed order so the same comparison gives byte-identical output.
"""

from __future__ import annotations

import collections
import itertools
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from enum import Enum
from functools import partial
from itertools import compress, count, repeat
from json.encoder import encode_basestring
from operator import attrgetter, eq
from typing import Any

import numpy as np

from variorum.engine.model import Claim, Comparison, Conflict, Row, Sentence, Version
from variorum.engine.pipeline import collector_paused
from variorum.safe_text import escape_json_surrogates, terminal_safe

FORMAT = "variorum-comparison"
FORMAT_VERSION = 1


def _version_head(v: Version) -> dict[str, Any]:
    """A version's JSON fields before its sentences (both writers share them)."""
    return {
        "label": v.label,
        "source": v.source,
        "title": v.title,
        "text": v.text,
        "word_count": v.word_count,
        "boilerplate": list(v.boilerplate),
        **({"partial": v.partial} if v.partial else {}),
        **({"claims_cut": v.claims_cut} if v.claims_cut else {}),
        **({"date": v.date} if v.date is not None else {}),  # only dated versions
        "metadata": list(v.metadata),
    }


def comparison_to_dict(c: Comparison) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "settings": c.settings.to_dict(),
        "versions": [
            {
                **_version_head(v),
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
        "rows": [_row_dict(row) for row in c.rows],
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


def _row_dict(row: Row) -> dict[str, Any]:
    return {
        "cells": {cell.version: list(cell.sentences) for cell in row.cells},
        "kind": row.kind.value,
        "similarity": row.similarity,
        "match": row.match.value if row.match is not None else None,
        "reference": row.reference,
        "moved": [cell.version for cell in row.cells if cell.moved],
        "ops": {
            cell.version: [
                [op.tag.value, op.ref_start, op.ref_end, op.start, op.end] for op in cell.ops
            ]
            for cell in row.cells
            if cell.ops
        },
        "conflicts": [conflict_to_dict(k) for k in row.conflicts],
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

    Exactly the text ``_write`` makes of :func:`comparison_to_dict`, but the long lists
    (sentences, rows, claims, other unique sentences) are formatted item by item straight
    from the model: building the dict tree and encoding each item through ``json`` took
    most of the time on a 20 MB article.
    """
    out = _json_parts(c)
    text = "".join(out)
    # A non-UTF-8 file name must not fail it: its lone surrogates are written as escapes.
    return escape_json_surrogates(text) if _has_surrogate(out) else text


def comparison_to_json_bytes(c: Comparison) -> bytes:
    """:func:`comparison_to_json` encoded as UTF-8, the form a file gets. Encoding is the
    test for lone surrogates too, so a big comparison's text is encoded once, not scanned
    and then encoded."""
    text = "".join(_json_parts(c))
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return escape_json_surrogates(text).encode("utf-8")


def _json_parts(c: Comparison) -> list[str]:
    out: list[str] = []
    with collector_paused():  # a big comparison makes millions of short-lived values
        _write(_outline(c), 0, "", out)
    out.append("\n")
    return out


def _has_surrogate(parts: Iterable[str]) -> bool:
    """Whether any of ``parts`` holds a lone surrogate. UTF-8 encoding refuses exactly
    those, several times faster than a regex scan; ASCII parts (most) are known at once."""
    try:
        collections.deque(map(str.encode, itertools.filterfalse(str.isascii, parts)), 0)
    except UnicodeEncodeError:
        return True
    return False


class _Items(list[str]):
    """A list already encoded item by item for ``_write`` at ``depth``: each item's text
    starts with the separator that goes before it there (``_sep(depth)``)."""

    def __init__(self, items: Iterable[str], depth: int) -> None:
        super().__init__(items)
        self.depth = depth


def _sep(depth: int) -> str:
    """What comes before each item of a list written at ``depth`` but the first."""
    return ",\n" + " " * (depth + 1)


class _Encoded(dict[Any, str]):
    """Each str (or None) key's JSON text, worked out once: labels and enum values repeat
    on every row."""

    def __missing__(self, key: Any) -> str:
        text = self[key] = _compact(key.value if isinstance(key, Enum) else key)
        return text


def _outline(c: Comparison) -> dict[str, Any]:
    """:func:`comparison_to_dict` with its long lists as :class:`_Items`."""
    enc = _Encoded()
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "settings": c.settings.to_dict(),
        "versions": [
            {
                **_version_head(v),
                "sentences": _Items(_sentence_lines(v.sentences, _sep(3)), 3),
            }
            for v in c.versions
        ],
        "rows": _Items(_row_lines(c.rows, enc, _sep(1)), 1),
        "claims": _Items(_claim_lines(c.claims, enc, _sep(1)), 1),
        "other_unique": _Items(_other_unique_items(c.other_unique, enc, _sep(1)), 1),
        "similarity": {
            a.label: {b.label: c.similarity[i][j] for j, b in enumerate(c.versions) if j != i}
            for i, a in enumerate(c.versions)
        },
    }


def _number(x: float) -> str:
    """``_compact(x)`` for a number, without the encoder's call for a plain finite float."""
    if type(x) is float and x - x == 0.0:  # not NaN or infinite, which JSON spells apart
        return float.__repr__(x)
    return _compact(x)


def _ints(values: Sequence[int]) -> str:
    return ", ".join(map(int.__repr__, values))


def _only(values: list[Any], kind: type) -> bool:
    return set(map(type, values)) <= {kind}


def _int_texts(values: list[Any]) -> Iterator[str]:
    """Each value as ``_compact`` writes it; a C loop when all are plain ints."""
    return map(int.__repr__ if _only(values, int) else _compact, values)


def _float_texts(values: list[Any]) -> Iterator[str]:
    if not (_only(values, float) and all(map(math.isfinite, values))):  # JSON spells NaN apart
        return map(_compact, values)
    distinct = set(values)
    if 0.0 in distinct or 4 * len(distinct) > len(values):  # 0.0 and -0.0 are one key
        return map(float.__repr__, values)
    # Scores repeat (a few hundred distinct among 150,000): each is written once.
    return map({x: float.__repr__(x) for x in distinct}.__getitem__, values)


def _str_texts(values: list[Any], enc: _Encoded | None = None) -> Iterator[str]:
    """Strings as JSON; through ``enc`` for the few that repeat on every item (labels)."""
    if not _only(values, str):
        return map(_compact, values)
    return map(encode_basestring if enc is None else enc.__getitem__, values)


def _flag_texts(values: list[Any]) -> Iterator[str]:
    return map(
        {True: "true", False: "false"}.__getitem__ if _only(values, bool) else _compact, values
    )


def _join_runs(flat: list[str], counts: list[int], sep: str = ", ") -> list[str]:
    """``sep.join`` of each run of ``flat`` in turn, the runs ``counts`` long: a claim's
    terms. Runs of one length are joined together, by C loops over numpy columns."""
    sizes = np.asarray(counts, dtype=np.int64)
    starts = np.cumsum(sizes) - sizes
    items = np.empty(len(flat), dtype=object)
    items[:] = flat
    out = np.full(len(counts), "", dtype=object)
    for size in np.unique(sizes).tolist():
        if size == 0:
            continue
        which = np.flatnonzero(sizes == size)
        first = starts[which]
        if size == 1:
            out[which] = items[first]
        else:
            columns = [items[first + j].tolist() for j in range(size)]
            out[which] = list(map(sep.join, zip(*columns, strict=True)))
    joined: list[str] = out.tolist()
    return joined


def _column(items: Sequence[Any], name: str) -> list[Any]:
    return list(map(attrgetter(name), items))


def _lines(pieces: list[Iterable[str]], items: Sequence[Any]) -> list[str]:
    """Each item's text: its ``pieces`` (literal texts and per-item columns, in turn) joined.
    Columns are made by C loops (``map``), so an item costs no Python call of its own."""
    columns = [repeat(p, len(items)) if isinstance(p, str) else p for p in pieces]
    return list(map("".join, zip(*columns, strict=True)))


def _sentence_lines(sentences: Sequence[Sentence], sep: str) -> list[str]:
    col = partial(_column, sentences)
    return _lines(
        [
            sep + '{"id": ',
            _int_texts(col("id")),
            ', "paragraph": ',
            _int_texts(col("paragraph")),
            ', "start": ',
            _int_texts(col("start")),
            ', "end": ',
            _int_texts(col("end")),
            ', "text": ',
            _str_texts(col("text")),
            "}",
        ],
        sentences,
    )


def _row_lines(rows: Sequence[Row], enc: _Encoded, sep: str) -> list[str]:
    """Each row's line. Most rows of a long version are one sentence only it has: the
    text around the sentence ids repeats, and is made once per (version, kind, ...)."""
    around: dict[tuple[Any, ...], tuple[str, str]] = {}
    out = []
    for row in rows:
        cells = row.cells
        if len(cells) != 1 or cells[0].ops or row.conflicts:
            out.append(sep + _row_line(row, enc))
            continue
        cell = cells[0]
        x = row.similarity
        similarity = float.__repr__(x) if type(x) is float and x - x == 0.0 else _compact(x)
        # By the enums' values: an Enum's own hash is a Python call.
        match = None if row.match is None else row.match._value_
        key = (cell.version, bool(cell.moved), row.kind._value_, similarity, match, row.reference)
        known = around.get(key)
        if known is None:
            label = enc[cell.version]
            known = around[key] = (
                f'{sep}{{"cells": {{{label}: [',
                f']}}, "kind": {enc[row.kind]}, "similarity": {similarity}, "match": '
                f'{enc[row.match]}, "reference": {enc[row.reference]}, '
                f'"moved": [{label if cell.moved else ""}], "ops": {{}}, "conflicts": []}}',
            )
        ids = cell.sentences
        middle = int.__repr__(ids[0]) if len(ids) == 1 else _ints(ids)
        out.append(known[0] + middle + known[1])
    return out


def _row_line(row: Row, enc: _Encoded) -> str:
    cells = row.cells
    if len({cell.version for cell in cells}) != len(cells):
        # A version twice in a row (never made by the engine): the dict keeps its last cell.
        return _compact(_row_dict(row))
    cells_text = ", ".join(f"{enc[cell.version]}: [{_ints(cell.sentences)}]" for cell in cells)
    moved = ", ".join(enc[cell.version] for cell in cells if cell.moved)
    ops = ", ".join(
        enc[cell.version]
        + ": ["
        + ", ".join(
            f"[{enc[op.tag]}, {int.__repr__(op.ref_start)}, {int.__repr__(op.ref_end)}, "
            f"{int.__repr__(op.start)}, {int.__repr__(op.end)}]"
            for op in cell.ops
        )
        + "]"
        for cell in cells
        if cell.ops
    )
    conflicts = ", ".join(_compact(conflict_to_dict(k)) for k in row.conflicts)
    return (
        f'{{"cells": {{{cells_text}}}, "kind": {enc[row.kind]}, '
        f'"similarity": {_number(row.similarity)}, "match": {enc[row.match]}, '
        f'"reference": {enc[row.reference]}, "moved": [{moved}], "ops": {{{ops}}}, '
        f'"conflicts": [{conflicts}]}}'
    )


def _claim_lines(claims: Sequence[Claim], enc: _Encoded, sep: str) -> list[str]:
    col = partial(_column, claims)
    terms = col("terms")
    counts = list(map(len, terms))
    every_term = list(itertools.chain.from_iterable(terms))
    texts = _join_runs(list(_str_texts(_column(every_term, "text"))), counts)
    kinds = _join_runs(list(_str_texts(_column(every_term, "kind._value_"), enc)), counts)
    return _lines(
        [
            sep + '{"version": ',
            _str_texts(col("version"), enc),
            ', "sentence": ',
            _int_texts(col("sentence")),
            ', "row": ',
            _int_texts(col("row")),
            ', "text": ',
            _str_texts(col("text")),
            ', "terms": [',
            texts,
            '], "term_kinds": [',
            kinds,  # by the enums' values: an Enum's own hash is a Python call
            '], "unmatched": ',
            _flag_texts(col("unmatched")),
            ', "salience": ',
            _float_texts(col("salience")),
            "}",
        ],
        claims,
    )


def _other_unique_items(others: Sequence[Claim], enc: _Encoded, sep: str) -> list[str]:
    # Not one of _ONE_LINE_ITEMS: a key a line, as _write lays out a dict at depth 2.
    col = partial(_column, others)
    return _lines(
        [
            sep + '{\n   "version": ',
            _str_texts(col("version"), enc),
            ',\n   "sentence": ',
            _int_texts(col("sentence")),
            ',\n   "row": ',
            _int_texts(col("row")),
            ',\n   "text": ',
            _str_texts(col("text")),
            "\n  }",
        ],
        others,
    )


_ONE_LINE_ITEMS = frozenset({"rows", "claims", "similarity"})
_compact = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def _write(value: Any, depth: int, parent: str, out: list[str]) -> None:
    if isinstance(value, _Items):
        if not value:
            out.append("[]")
            return
        if value.depth != depth:
            raise AssertionError(f"items made for depth {value.depth}, written at {depth}")
        out.append("[" + value[0][1:])  # the first has no comma before it
        out.extend(itertools.islice(value, 1, None))
        out.append("\n" + " " * depth + "]")
        return
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


def _changed_rows(c: Comparison, max_rows: int, kinds: list[str]) -> list[str]:
    """The rows the versions word differently: row number (as the window numbers them),
    how alike, and each version's words there, the reference first. ``kinds`` holds each
    row's kind value."""
    changed = [(i, c.rows[i]) for i in compress(count(), map(eq, kinds, repeat("changed")))]
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
    # By the enums' values, read in C: a long version has a row per sentence.
    kinds: list[str] = list(map(attrgetter("kind._value_"), c.rows))
    changed = kinds.count("changed")
    unique = kinds.count("unique")
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
        if v.claims_cut:
            lines.append(f"    {v.claims_cut}")
    lines.append("")
    lines.extend(_changed_rows(c, max_claims, kinds))
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
