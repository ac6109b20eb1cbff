"""Bring an older session file's JSON up to the current layout, one format version at a time.

Each step takes the parsed JSON of format ``n`` and returns format ``n + 1``; the result is
then validated like any current file, so a step only reshapes, it never trusts its input.
To change the format: bump ``CURRENT_VERSION``, add the step from the previous version and
a test with a hand-written file of that version.

Format 0 is the draft layout from the design phase (flat ``threshold``/``base``,
``documents`` with ``path``/``hash``/``furniture``, and ``verdicts``/``notes`` keyed by
version label and sentence text). Nothing shipped writes it; it stays as the worked
example of an upgrade step, covered by a test.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from variorum.annotations import anchor_text

CURRENT_VERSION = 1
OLDEST_VERSION = 0

Json = dict[str, Any]


class UpgradeProblem(Exception):
    """An old file too damaged to reshape; the message names what is wrong."""


def _v0_to_v1(old: Json) -> Json:
    documents = old.get("documents")
    if not isinstance(documents, list):
        raise UpgradeProblem('format 0 file has no "documents" list')
    versions = []
    for i, doc in enumerate(documents):
        if not isinstance(doc, dict):
            raise UpgradeProblem(f"documents[{i}]: expected an object")
        versions.append(
            {
                "label": doc.get("label"),
                "source": doc.get("path") or "",
                "sha256": doc.get("hash") or "",
                "title": doc.get("title"),
                "text": doc.get("text"),
                "boilerplate": doc.get("furniture") or [],
            }
        )
    settings: Json = {}
    for key in ("threshold", "base"):
        if key in old:
            settings[key] = old[key]
    notes: dict[tuple[str, str], Json] = {}
    for field, key in (("verdicts", "verdict"), ("notes", "note")):
        table = old.get(field) or {}
        if not isinstance(table, dict):
            raise UpgradeProblem(f'"{field}": expected an object keyed by version label')
        for label, by_sentence in table.items():
            if not isinstance(by_sentence, dict):
                raise UpgradeProblem(f'"{field}"."{label}": expected an object')
            for sentence, value in by_sentence.items():
                anchor = anchor_text(sentence)
                entry = notes.setdefault(
                    (label, anchor), {"kind": "claim", "version": label, "anchor": anchor}
                )
                entry[key] = value
    return {
        "format": old.get("format"),
        "format_version": 1,
        "versions": versions,
        "settings": settings,
        "annotations": list(notes.values()),
    }


_STEPS: dict[int, Callable[[Json], Json]] = {0: _v0_to_v1}


def upgrade(data: Json, version: int) -> Json:
    """``data`` of format ``version`` reshaped to ``CURRENT_VERSION``."""
    while version < CURRENT_VERSION:
        data = _STEPS[version](data)
        version += 1
    return data
