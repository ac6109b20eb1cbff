"""The report HTML: complete, escaped, standalone, with verdicts when annotations are given."""

from __future__ import annotations

import re

import pytest
from report_helpers import FIXED_DATE, HOSTILE_LINE, squash, strip_tags

from variorum.annotations import Annotations, Note, Verdict, anchor_text
from variorum.engine.model import Comparison
from variorum.report import ReportFormat, report_bytes
from variorum.report.export import default_file_name
from variorum.report.markup import ReportInfo, build_report_html, display_groups, panels
from variorum.report.palette import GAP_GLYPH, HEAT_SCALE, heat_colours


def _html(comparison: Comparison, annotations: Annotations | None = None) -> str:
    return build_report_html(comparison, annotations, ReportInfo("Seed report", FIXED_DATE))


def test_html_holds_every_label_term_and_sentence(seed_comparison: Comparison) -> None:
    visible = squash(strip_tags(_html(seed_comparison)))
    for version in seed_comparison.versions:
        assert squash(version.label) in visible
        for sentence in version.sentences:
            # a […] gap mark may sit inside a changed sentence
            assert squash(sentence.text) in visible.replace(squash(GAP_GLYPH), ""), sentence.text
    for claim in seed_comparison.claims:
        for term in claim.terms:
            assert squash(term.text) in visible


def test_title_block_names_title_date_and_version(seed_comparison: Comparison) -> None:
    from variorum import __version__

    visible = strip_tags(_html(seed_comparison))
    assert "Seed report" in visible
    assert "2025-03-14" in visible
    assert f"Variorum {__version__}" in visible


def test_html_is_standalone(seed_comparison: Comparison) -> None:
    page = _html(seed_comparison).lower()
    for loader in ("<script", "<link", "<img", "<iframe", " src=", " href=", "url(", "@import"):
        assert loader not in page
    assert page.count("<style>") == 1


def test_hostile_article_text_is_shown_literally(hostile_comparison: Comparison) -> None:
    page = _html(hostile_comparison)
    lowered = page.lower()
    assert "<img" not in lowered and "<script" not in lowered and "<b>hostile" not in lowered
    assert "&lt;b&gt;hostile&lt;/b&gt;" in page  # the label, too
    # Decoding our own markup once gives the article's characters back, "&amp;" included.
    visible = squash(strip_tags(page))
    assert squash(HOSTILE_LINE) in visible
    assert "Smith&amp;Jones" in visible


def test_verdicts_and_notes_appear_only_with_annotations(seed_comparison: Comparison) -> None:
    claim = seed_comparison.claims[0]
    note = Note(claim.version, anchor_text(claim.text), Verdict.DISPUTED, "Ask the <desk> first")
    with_notes = _html(seed_comparison, Annotations((note,)))
    assert "Disputed" in with_notes
    assert "Ask the &lt;desk&gt; first" in with_notes
    total = len(seed_comparison.claims)
    assert f"Your verdicts: 1 disputed, {total - 1} unreviewed." in with_notes
    plain = _html(seed_comparison)
    assert "Your verdicts" not in plain and 'class="verdict"' not in plain


def test_claims_are_grouped_by_version_with_terms_emphasised(
    seed_comparison: Comparison,
) -> None:
    page = _html(seed_comparison)
    section = page[page.index("Claims only one version makes") : page.index("Side-by-side")]
    positions = [section.index(f"{v.label} \u2014") for v in seed_comparison.versions]
    assert positions == sorted(positions)
    term = next(t for c in seed_comparison.claims for t in c.terms)
    assert re.search(r'<span class="term">[^<]*' + re.escape(term.text.split()[0]), section)


@pytest.mark.parametrize(
    ("count", "sizes"),
    [(1, [1]), (5, [5]), (6, [3, 3]), (11, [4, 4, 3]), (20, [5, 5, 5, 5])],
)
def test_panels_split_columns_evenly(count: int, sizes: list[int]) -> None:
    groups = panels(count)
    assert [len(g) for g in groups] == sizes
    assert [i for g in groups for i in g] == list(range(count))


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_heat_map_numbers_stay_readable_on_every_step() -> None:
    for step in range(len(HEAT_SCALE)):
        bg, fg = heat_colours((step + 0.5) / len(HEAT_SCALE))
        assert bg == HEAT_SCALE[step]
        light, dark = sorted((_luminance(bg), _luminance(fg)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.0, bg
    lums = [_luminance(c) for c in HEAT_SCALE]
    assert lums == sorted(lums, reverse=True)  # one hue, light to dark


def test_side_by_side_bands_keep_every_row_once(seed_comparison: Comparison) -> None:
    labels = list(seed_comparison.labels)
    groups = display_groups(seed_comparison, labels)
    assert [r for g in groups for r in g] == list(range(len(seed_comparison.rows)))
    for group in groups:
        if len(group) > 1:  # a band: only rows one version alone carries
            assert all(len(seed_comparison.rows[r].cells) == 1 for r in group)
    assert len(groups) < len(seed_comparison.rows) / 2  # the seeds are mostly one-version rows
    page = _html(seed_comparison)
    side = page[page.index("Side-by-side comparison") :]
    numbers = {int(n) for n in re.findall(r'<span class="rowno small">(\d+)</span>', side)}
    numbers |= {int(n) for n in re.findall(r'<td class="rowno small">(\d+)', side)}
    assert numbers == set(range(1, len(seed_comparison.rows) + 1))


def test_panels_leave_out_rows_with_nothing_in_them(seed_comparison: Comparison) -> None:
    first = seed_comparison.labels[0]
    groups = display_groups(seed_comparison, [first])
    rows = [r for g in groups for r in g]
    assert rows == [r for r, row in enumerate(seed_comparison.rows) if row.cell(first) is not None]


def test_html_export_is_the_shared_markup(seed_comparison: Comparison) -> None:
    data = report_bytes(
        seed_comparison, None, ReportFormat.HTML, title="Seed report", generated=FIXED_DATE
    )
    assert data.decode("utf-8") == _html(seed_comparison)


def test_empty_annotations_are_no_verdicts(seed_comparison: Comparison) -> None:
    assert _html(seed_comparison, Annotations()) == _html(seed_comparison)


@pytest.mark.parametrize(
    ("title", "fmt", "name"),
    [
        ("5 versions of \u201cNATO: plans/deploy?\u201d", ReportFormat.PDF,
         "5 versions of NATO plans deploy.pdf"),
        ("<script>", ReportFormat.HTML, "script.html"),
        ("***", ReportFormat.PDF, "Variorum report.pdf"),
        ("word " * 30, ReportFormat.HTML, "word word word word word word word word word word word "
         "word.html"),
    ],
)  # fmt: skip
def test_default_file_name_is_safe(title: str, fmt: ReportFormat, name: str) -> None:
    assert default_file_name(title, fmt) == name
