"""The report's "How the story changed" section: one entry per revision of dated versions.

For each revision (``engine.timeline``) it lists what the later capture added, what it
removed, the claims it introduced and the facts it changed (disagreements, when the engine
finds them). Empty when the comparison has fewer than two dated versions. Every article
string goes through ``esc``; long lists are cut at ``MAX_ITEMS`` with a count of the rest.
"""

from __future__ import annotations

from variorum.engine.model import Comparison, Version
from variorum.engine.timeline import Revision, revisions
from variorum.report.escape import esc

MAX_ITEMS = 8


def _row_text(c: Comparison, version: Version, row: int) -> str:
    cell = c.rows[row].cell(version.label)
    return "" if cell is None else " ".join(version.text[cell.start : cell.end].split())


def _items(texts: list[str], empty: str) -> str:
    if not texts:
        return f'<p class="muted small">{esc(empty)}</p>'
    shown = "".join(f"<li>{esc(t)}</li>" for t in texts[:MAX_ITEMS])
    more = len(texts) - MAX_ITEMS
    tail = f'<li class="muted">\u2026 and {more} more</li>' if more > 0 else ""
    return f"<ul>{shown}{tail}</ul>"


def _counts(r: Revision) -> str:
    return (
        f"{len(r.added)} added, {len(r.removed)} removed, {len(r.changed)} changed"
        f" \u00b7 {len(r.claims)} new claim{'' if len(r.claims) == 1 else 's'}"
    )


def _revision_html(c: Comparison, r: Revision) -> str:
    old, new = c.version(r.before), c.version(r.after)
    out = [
        f"<h3>Revision {r.number}: {esc(r.before)} \u2192 {esc(r.after)}</h3>",
        f'<p class="meta">{esc(r.before_date)} \u2192 {esc(r.after_date)} \u00b7 {_counts(r)}</p>',
        "<p><b>Added</b></p>",
        _items([_row_text(c, new, i) for i in r.added], "Nothing added."),
        "<p><b>Removed</b></p>",
        _items([_row_text(c, old, i) for i in r.removed], "Nothing removed."),
        "<p><b>Reworded</b> (as the later version has it)</p>",
        _items([_row_text(c, new, i) for i in r.changed], "Nothing reworded."),
        "<p><b>New claims</b></p>",
        _items(
            [
                cl.text + (f" ({', '.join(t.text for t in cl.terms)})" if cl.terms else "")
                for cl in r.claims
            ],
            "No claim only this capture makes.",
        ),
    ]
    if r.disagreements:
        out.append("<p><b>Changed facts</b></p>")
        out.append(
            _items(
                [f"{d.about}: {d.before} \u2192 {d.after}" for d in r.disagreements],
                "",
            )
        )
    return "".join(out)


def story_changes_section(c: Comparison) -> str:
    """The section's HTML, or "" when there is no revision to tell."""
    steps = revisions(c)
    if not steps:
        return ""
    intro = (
        '<p class="muted">The dated versions in time order; each revision lists what the '
        "later version added and removed, the claims it alone makes and the facts it changed.</p>"
    )
    return "".join(
        ["<h2>How the story changed</h2>", intro, *(_revision_html(c, r) for r in steps)]
    )
