"""Build the report as one HTML document, shared by the PDF renderer and the HTML export.

The markup keeps to what both browsers and Qt rich text understand (tables with width and
padding attributes, class selectors, background colour, weight, underline). Every string
that comes from an article, a file name or a note goes through :func:`esc`, so markup in an
article shows literally and loads nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from variorum import __version__
from variorum.annotations import Annotations, Verdict
from variorum.disagreements import shown_disagreements
from variorum.engine.model import Claim, Comparison, Sentence, Version
from variorum.marks import (
    Mark,
    Run,
    Span,
    cell_runs,
    claims_by_sentence,
    emphasis_spans,
    shows_emphasis,
    split_runs,
)
from variorum.report.escape import esc
from variorum.report.palette import (
    CLAIM_GLYPH,
    CLAIM_STAR,
    CONFLICT_GLYPH,
    CONFLICT_INK,
    EMPTY_CELL_BG,
    GAP,
    GAP_GLYPH,
    HEADER_BG,
    HEAT_SCALE,
    INK,
    LEGEND,
    MARK_STYLES,
    MOVED_GLYPH,
    MUTED,
    RULE,
    VERDICT_BG,
    heat_colours,
)
from variorum.report.story_changes import story_changes_section

# Wider than this, a side-by-side table stops being readable on a landscape page, so the
# versions are shown in successive panels with the same row numbers.
MAX_COLUMNS_PER_PANEL = 5


@dataclass(frozen=True)
class ReportInfo:
    """What the title block and page header say."""

    title: str
    generated: datetime
    app_version: str = __version__

    @property
    def date_text(self) -> str:
        return self.generated.strftime("%Y-%m-%d %H:%M")


def default_title(comparison: Comparison) -> str:
    n = len(comparison.versions)
    named = next((v.title for v in comparison.versions if v.title), None)
    return f"{n} versions of \u201c{named}\u201d" if named else f"Comparison of {n} versions"


def needs_landscape(comparison: Comparison) -> bool:
    return len(comparison.versions) > 2


def panels(count: int, width: int = MAX_COLUMNS_PER_PANEL) -> list[range]:
    """Split ``count`` version columns into balanced panels of at most ``width``."""
    if count <= 0:
        return []
    n_panels = -(-count // width)
    size, extra = divmod(count, n_panels)
    out: list[range] = []
    start = 0
    for i in range(n_panels):
        stop = start + size + (1 if i < extra else 0)
        out.append(range(start, stop))
        start = stop
    return out


def _css(landscape: bool) -> str:
    marks = "\n".join(f".{s.css_class} {{ {s.css} }}" for s in LEGEND)
    page = "@page { size: A4 landscape; }" if landscape else "@page { size: A4; }"
    return f"""
{page}
body {{ font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 9pt; color: {INK}; }}
h1 {{ font-size: 17pt; margin-top: 0; margin-bottom: 3px; }}
h2 {{ font-size: 13pt; margin-top: 16px; margin-bottom: 5px; }}
h3 {{ font-size: 10.5pt; margin-top: 12px; margin-bottom: 4px; }}
p {{ margin-top: 2px; margin-bottom: 5px; }}
table {{ border-collapse: collapse; border-color: {RULE}; }}
th {{ background-color: {HEADER_BG}; text-align: left; font-weight: bold; }}
td, th {{ vertical-align: top; overflow-wrap: anywhere; }}
.meta, .muted, .rowno {{ color: {MUTED}; }}
.small {{ font-size: 7.5pt; }}
.num {{ text-align: right; }}
.empty {{ background-color: {EMPTY_CELL_BG}; }}
.tag {{ color: {MUTED}; font-size: 7.5pt; font-style: italic; }}
.newpage {{ page-break-before: always; }}
.synopsis td {{ font-family: 'DejaVu Sans Condensed', 'Arial Narrow', 'DejaVu Sans', Arial,
  sans-serif; }}
.item {{ margin-top: 0; margin-bottom: 4px; }}
.note {{ color: {INK}; }}
.verdict {{ font-weight: bold; background-color: {VERDICT_BG}; }}
.star {{ color: {CLAIM_STAR}; font-weight: bold; }}
.confglyph {{ color: {CONFLICT_INK}; font-weight: bold; }}
{marks}
"""


def _table(attrs: str = "") -> str:
    return f'<table width="100%" border="1" cellspacing="0" cellpadding="4"{attrs}>'


def _version_heading(index: int, version: Version, base: str) -> str:
    base_tag = ' <span class="tag">(base)</span>' if version.label == base else ""
    return f"{index + 1}.&nbsp;{esc(version.label)}{base_tag}"


def render_runs(runs: Sequence[Run]) -> str:
    """Runs as nested spans, in the palette's order so the look does not depend on overlap."""
    parts: list[str] = []
    for run in runs:
        if Mark.MARKUP in run.marks:
            continue  # the * or _ round emphasis: <em> shows it
        if not run.text:
            (mark,) = run.marks
            if mark is Mark.CLAIM:
                parts.append(f'<span class="star">{CLAIM_GLYPH}</span> ')
            elif mark is Mark.CONFLICT:
                parts.append(f'<span class="confglyph">{CONFLICT_GLYPH}</span>&#8239;')
            else:
                parts.append(f'<span class="{GAP.css_class}">{GAP_GLYPH}</span>')
            continue
        body = esc(run.text)
        if Mark.EMPHASIS in run.marks:
            body = f"<em>{body}</em>"
        for mark in reversed(MARK_STYLES):
            if mark in run.marks:
                body = f'<span class="{MARK_STYLES[mark].css_class}">{body}</span>'
        parts.append(body)
    return "".join(parts)


def _title_block(comparison: Comparison, info: ReportInfo) -> str:
    s = comparison.settings
    base = s.base or (comparison.versions[0].label if comparison.versions else "")
    n_changed = sum(1 for r in comparison.rows if r.kind.value != "same")
    return (
        f"<h1>{esc(info.title)}</h1>"
        f'<p class="meta">Variorum comparison report \u00b7 generated {esc(info.date_text)}'
        f" \u00b7 Variorum {esc(info.app_version)}</p>"
        f'<p class="meta">{len(comparison.versions)} versions \u00b7 {len(comparison.rows)} rows'
        f" ({n_changed} with differences) \u00b7 {len(comparison.claims)} claims only one version"
        f" makes \u00b7 similarity threshold {s.threshold:.2f}, {esc(s.granularity.value)}s,"
        f" base {esc(base)}</p>"
    )


def _versions_table(comparison: Comparison, base: str) -> str:
    out = [
        "<h2>Versions</h2>",
        _table(),
        '<thead><tr><th width="4%">#</th><th width="26%">Label</th><th width="26%">Source</th>'
        '<th width="26%">Title</th><th width="9%">Words</th><th width="9%">Claims</th></tr>'
        "</thead>",
    ]
    for i, v in enumerate(comparison.versions):
        base_tag = ' <span class="tag">(base)</span>' if v.label == base else ""
        partial = f'<br><span class="tag">Partial: {esc(v.partial)}</span>' if v.partial else ""
        if v.claims_cut:
            note = v.claims_cut[:1].upper() + v.claims_cut[1:]
            partial += f'<br><span class="tag">{esc(note)}</span>'
        out.append(
            f'<tr><td class="num">{i + 1}</td><td>{esc(v.label)}{base_tag}{partial}</td>'
            f'<td class="small">{esc(v.source)}{_set_aside(v)}</td><td>{esc(v.title or "")}</td>'
            f'<td class="num">{v.word_count}</td>'
            f'<td class="num">{len(comparison.claims_for(v.label))}</td></tr>'
        )
    out.append("</table>")
    return "".join(out)


def _set_aside(v: Version) -> str:
    """The version's metadata lines and how much site furniture was set aside."""
    parts = [f"<br>{esc(line)}" for line in v.metadata]
    furniture = len(v.boilerplate) - len(v.metadata)
    if furniture:
        noun = "line" if furniture == 1 else "lines"
        parts.append(
            f'<br><span class="muted">{furniture} {noun} of site furniture set aside</span>'
        )
    return "".join(parts)


def _similarity_table(comparison: Comparison) -> str:
    n = len(comparison.versions)
    label_width = 28 if n <= 8 else 20
    cell_width = (100 - label_width) / max(n, 1)
    head = "".join(f'<th width="{cell_width:.1f}%" align="center">{j + 1}</th>' for j in range(n))
    out = [
        "<h2>Similarity</h2>",
        '<p class="muted">Share of content in common, in per cent: row version against column '
        "version (columns numbered as in the versions table). Darker means more in common.</p>",
        _table(' class="heat"'),
        f'<thead><tr><th width="{label_width}%">Version</th>{head}</tr></thead>',
    ]
    for i, v in enumerate(comparison.versions):
        cells = []
        for j in range(n):
            if i == j:
                cells.append(f'<td align="center" bgcolor="{HEADER_BG}">\u2014</td>')
                continue
            value = comparison.similarity[i][j]
            bg, fg = heat_colours(value)
            cells.append(
                f'<td align="center" bgcolor="{bg}" style="background-color: {bg}">'
                f'<span style="color: {fg}">{round(value * 100)}</span></td>'
            )
        out.append(f"<tr><td>{i + 1}.&nbsp;{esc(v.label)}</td>{''.join(cells)}</tr>")
    out.append("</table>")
    steps = len(HEAT_SCALE)
    swatches = "".join(
        f'<td align="center" bgcolor="{c}" style="background-color: {c}">'
        f'<span style="color: {heat_colours((k + 0.5) / steps)[1]}">'
        f"{round(100 * k / steps)}\u2013{round(100 * (k + 1) / steps)}</span></td>"
        for k, c in enumerate(HEAT_SCALE)
    )
    out.append(
        '<p class="small muted">Scale (per cent):</p>'
        f'<table width="60%" border="1" cellspacing="0" cellpadding="2" class="small">'
        f"<tr>{swatches}</tr></table>"
    )
    return "".join(out)


def _claim_html(claim: Claim, version: Version, sentences: dict[int, Sentence]) -> str:
    sentence = sentences.get(claim.sentence)
    if sentence is None:
        return esc(claim.text)
    spans = [Span(t.start, t.end, Mark.TERM) for t in claim.terms]
    if shows_emphasis(version.source):
        spans += emphasis_spans(version.text, sentence.start, sentence.end)
    runs = split_runs(version.text, sentence.start, sentence.end, spans)
    star = f'<span class="star">{CLAIM_GLYPH}</span> ' if claim.unmatched else ""
    return star + render_runs(runs)


def _verdict_summary(comparison: Comparison, annotations: Annotations) -> str:
    counts = dict.fromkeys(Verdict, 0)
    for claim in comparison.claims:
        note = annotations.for_claim(claim)
        counts[note.verdict if note else Verdict.UNREVIEWED] += 1
    order = [v for v in Verdict if v is not Verdict.UNREVIEWED] + [Verdict.UNREVIEWED]
    parts = [f"{counts[v]} {v.title.lower()}" for v in order if counts[v]]
    return f'<p class="verdicts">Your verdicts: {esc(", ".join(parts))}.</p>'


def _claim_rows(
    claim: Claim, version: Version, sentences: dict[int, Sentence], annotations: Annotations | None
) -> str:
    note = annotations.for_claim(claim) if annotations is not None else None
    badge = ""
    if note is not None and note.verdict is not Verdict.UNREVIEWED:
        badge = f'<span class="verdict">&nbsp;{esc(note.verdict.title)}&nbsp;</span> '
    rows = (
        f'<tr><td width="4%" class="rowno small" align="right">{claim.row + 1}</td>'
        f'<td width="96%">{badge}{_claim_html(claim, version, sentences)}</td></tr>'
    )
    if note is not None and note.note:
        rows += f'<tr><td></td><td class="note"><b>Note:</b> {esc(note.note)}</td></tr>'
    return rows


def _disagreements_section(comparison: Comparison, annotations: Annotations | None) -> str:
    """The facts the versions state differently, one table row per disagreement, with the
    user's verdict and note on it when there is one."""
    found = shown_disagreements(comparison)
    out = [
        "<h2>Where the versions disagree</h2>",
        '<p class="muted">Facts of the same kind about the same thing that aligned versions '
        "state differently (numbers and money compared after normalising, so other words for "
        "the same value are not listed). The number is the row in the side-by-side "
        "comparison.</p>",
    ]
    if not found:
        out.append('<p class="muted">The aligned versions state no fact differently.</p>')
        return "".join(out)
    out.append(_table())
    out.append(
        '<thead><tr><th width="6%">Row</th><th width="16%">Kind</th><th width="78%">Values</th>'
        "</tr></thead>"
    )
    for d in found:
        row, k = d.row, d.conflict
        note = annotations.for_conflict(comparison, d) if annotations is not None else None
        about = "" if k.about == k.kind.value else f" ({esc(k.about)})"
        values = " \u2260 ".join(
            f'<span class="term">{esc(v.text)}</span> <span class="small">{esc(v.version)}</span>'
            for v in k.values
        )
        badge = ""
        if note is not None and note.verdict is not Verdict.UNREVIEWED:
            badge = f'<span class="verdict">&nbsp;{esc(note.verdict.title)}&nbsp;</span> '
        written = ""
        if note is not None and note.note:
            written = f'<br><span class="note"><b>Note:</b> {esc(note.note)}</span>'
        out.append(
            f'<tr><td class="num">{row + 1}</td><td>{esc(k.kind.value)}{about}</td>'
            f"<td>{badge}{values}{written}</td></tr>"
        )
    out.append("</table>")
    return "".join(out)


def _claims_section(comparison: Comparison, annotations: Annotations | None) -> str:
    out = [
        "<h2>Claims only one version makes</h2>",
        '<p class="muted">Grouped by version, most salient first; the number before each is '
        f"its row in the side-by-side comparison. {CLAIM_GLYPH} marks a sentence no other "
        'version carries; <span class="term">underlined bold</span> terms occur in no other '
        "version.</p>",
    ]
    if annotations is not None:
        out.append(_verdict_summary(comparison, annotations))
    for i, v in enumerate(comparison.versions):
        claims = comparison.claims_for(v.label)
        noun = "claim" if len(claims) == 1 else "claims"
        out.append(f"<h3>{i + 1}.&nbsp;{esc(v.label)} \u2014 {len(claims)} {noun}</h3>")
        if not claims:
            out.append('<p class="muted">No claim only this version makes.</p>')
            continue
        sentences = {s.id: s for s in v.sentences}
        # A borderless table, not a list: hanging indents in px are not scaled to a printer.
        out.append('<table class="claims" width="100%" border="0" cellspacing="0" cellpadding="2">')
        out.extend(_claim_rows(claim, v, sentences, annotations) for claim in claims)
        out.append("</table>")
    return "".join(out)


def _legend() -> str:
    items = "".join(
        f'<tr><td width="14%"><span class="{s.css_class}">{esc(s.label)}</span></td>'
        f"<td>{esc(s.meaning)}</td></tr>"
        for s in LEGEND
    )
    extra = (
        f'<tr><td><span class="tag">{MOVED_GLYPH} moved</span></td>'
        "<td>text out of its version's reading order</td></tr>"
        f'<tr><td class="empty">&nbsp;</td><td>the version has nothing for this row</td></tr>'
    )
    return (
        '<table width="100%" border="1" cellspacing="0" cellpadding="3" class="small">'
        f"{items}{extra}</table>"
    )


def display_groups(comparison: Comparison, labels: Sequence[str]) -> list[list[int]]:
    """Row indices as the side-by-side table shows them for the versions ``labels``.

    A row with text in two or more versions is a group of its own; a run of consecutive
    rows that each only one version carries is one group (a band): each version's column
    then stacks its own statements of the run, so four empty cells do not follow every
    sentence one version alone makes. Rows with nothing in ``labels`` are left out.
    """
    wanted = set(labels)
    groups: list[list[int]] = []
    band: list[int] = []
    for r, row in enumerate(comparison.rows):
        if not any(c.version in wanted for c in row.cells):
            continue
        if len(row.cells) == 1:
            band.append(r)
            continue
        if band:
            groups.append(band)
            band = []
        groups.append([r])
    if band:
        groups.append(band)
    return groups


def _cell_html(
    comparison: Comparison,
    r: int,
    label: str,
    base: str,
    claims: dict[tuple[str, int], list[Claim]],
    sentences: dict[int, Sentence],
) -> str:
    row = comparison.rows[r]
    cell = row.cell(label)
    assert cell is not None
    tags = []
    if cell.moved:
        tags.append(f"{MOVED_GLYPH} moved")
    if label == row.reference and label != base and len(row.cells) > 1:
        tags.append("reference")
    joined = " \u00b7 ".join(tags)
    prefix = f'<span class="tag">{joined}</span> ' if tags else ""
    return prefix + render_runs(cell_runs(comparison, row, label, claims, sentences))


def _group_row(
    comparison: Comparison,
    group: list[int],
    labels: list[str],
    base: str,
    claims: dict[tuple[str, int], list[Claim]],
    sentences: dict[str, dict[int, Sentence]],
) -> str:
    first, last = group[0] + 1, group[-1] + 1
    number = f"{first}" if first == last else f"{first}\u2013{last}"
    tds = [f'<td class="rowno small">{number}</td>']
    for lab in labels:
        present = [r for r in group if comparison.rows[r].cell(lab) is not None]
        if not present:
            tds.append(f'<td class="empty" bgcolor="{EMPTY_CELL_BG}"></td>')
        elif len(group) == 1:
            tds.append(
                f"<td>{_cell_html(comparison, group[0], lab, base, claims, sentences[lab])}</td>"
            )
        else:
            items = "".join(
                f'<p class="item"><span class="rowno small">{r + 1}</span>&nbsp; '
                f"{_cell_html(comparison, r, lab, base, claims, sentences[lab])}</p>"
                for r in present
            )
            tds.append(f"<td>{items}</td>")
    return f"<tr>{''.join(tds)}</tr>"


def _side_by_side(comparison: Comparison, base: str) -> str:
    versions = comparison.versions
    claims = claims_by_sentence(comparison)
    sentences = {v.label: {s.id: s for s in v.sentences} for v in versions}
    groups = panels(len(versions))
    out = [
        '<h2 class="newpage">Side-by-side comparison</h2>',
        '<p class="muted">One column per version, one row per statement, as in the window. '
        "Word-level changes are marked against each row's reference version (the base "
        "unless the base has nothing for the row; then the cell marked \u201creference\u201d). "
        "Consecutive statements that only one version makes share a band: each version's "
        "column lists its own, with their row numbers.</p>",
        _legend(),
    ]
    row_col = 5 if needs_landscape(comparison) else 7
    for group in groups:
        labels = [versions[k].label for k in group]
        if len(groups) > 1:
            out.append(f"<h3>Versions {group.start + 1}\u2013{group.stop}</h3>")
        width = (100 - row_col) / len(labels)
        head = f'<th width="{row_col}%">Row</th>' + "".join(
            f'<th width="{width:.1f}%">{_version_heading(k, versions[k], base)}</th>' for k in group
        )
        out.append(_table(' class="synopsis"') + f"<thead><tr>{head}</tr></thead>")
        for rows in display_groups(comparison, labels):
            out.append(_group_row(comparison, rows, labels, base, claims, sentences))
        out.append("</table>")
    return "".join(out)


def build_report_html(
    comparison: Comparison, annotations: Annotations | None, info: ReportInfo
) -> str:
    """The whole report as a standalone HTML document (inline CSS, no scripts, no links).

    Verdicts and notes appear when ``annotations`` holds any (a report from a session).
    """
    if annotations is not None and not annotations.notes:
        annotations = None

    base = comparison.settings.base or (comparison.versions[0].label if comparison.versions else "")
    body = "".join(
        (
            _title_block(comparison, info),
            _versions_table(comparison, base),
            _similarity_table(comparison),
            story_changes_section(comparison),
            _disagreements_section(comparison, annotations),
            _claims_section(comparison, annotations),
            _side_by_side(comparison, base),
        )
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="generator" content="Variorum {esc(info.app_version)}">'
        f"<title>{esc(info.title)}</title><style>{_css(needs_landscape(comparison))}</style>"
        f"</head><body>{body}</body></html>\n"
    )
