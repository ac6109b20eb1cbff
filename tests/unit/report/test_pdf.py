"""The PDF report: real text layer with everything in it, fonts, metadata, pages, paper."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot
from report_helpers import (
    FIXED_DATE,
    HOSTILE_LINE,
    body_text,
    page_texts,
    squash,
    squashed_text_until,
)

from variorum import __version__
from variorum.annotations import Annotations, Verdict, claim_note
from variorum.engine.api import compare_documents
from variorum.engine.ingest import document_from_text
from variorum.engine.model import Comparison
from variorum.report import ReportFormat, report_bytes


def _pdf(comparison: Comparison, title: str = "Seed report") -> bytes:
    return report_bytes(comparison, None, ReportFormat.PDF, title=title, generated=FIXED_DATE)


def _headings(comparison: Comparison) -> list[str]:
    base = comparison.settings.base or comparison.versions[0].label
    side = "Row" + "".join(
        f"{i + 1}. {v.label}" + (" (base)" if v.label == base else "")
        for i, v in enumerate(comparison.versions)
    )
    return [side, "Row Claim"]


@pytest.fixture(scope="module")
def seed_pdf(qapp: object, seed_comparison: Comparison) -> bytes:
    return _pdf(seed_comparison)


@pytest.fixture(scope="module")
def seed_pages(seed_pdf: bytes) -> tuple[str, ...]:
    """The seed report's text layer, page by page: extracting it costs more than rendering,
    so the tests that read it share one extraction."""
    return tuple(page_texts(seed_pdf))


def test_text_layer_holds_every_label_term_and_sentence(
    seed_pages: tuple[str, ...], seed_comparison: Comparison
) -> None:
    text = body_text(list(seed_pages), _headings(seed_comparison))
    for version in seed_comparison.versions:
        assert squash(version.label) in text
        for sentence in version.sentences:
            # Columns side by side interleave in the text layer line by line, so a sentence
            # of an aligned row is checked word by word.
            missing = [w for w in sentence.text.split() if squash(w) not in text]
            assert not missing, sentence.text
    for claim in seed_comparison.claims:
        for term in claim.terms:
            assert squash(term.text) in text


def test_every_page_has_header_and_page_x_of_y(seed_pages: tuple[str, ...]) -> None:
    pages = seed_pages
    for number, text in enumerate(pages, start=1):
        lines = text.splitlines()
        assert squash("Seed report") == squash(lines[0])
        assert squash(f"Variorum {__version__}") in squash(lines[1])
        assert squash(lines[2]) == f"Page{number}of{len(pages)}"


def test_page_count_is_plausible(
    seed_pages: tuple[str, ...], seed_pdf: bytes, seed_comparison: Comparison
) -> None:
    words = sum(v.word_count for v in seed_comparison.versions)
    pages = len(seed_pages)
    assert pages == len(PdfReader(io.BytesIO(seed_pdf)).pages)
    # At least the four sections; at most a generous 100 words a page (it holds ~200).
    assert 4 <= pages <= words / 100


def test_metadata_fonts_and_paper(seed_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(seed_pdf))
    assert reader.metadata is not None
    assert reader.metadata.title == "Seed report"
    assert reader.metadata.creator == f"Variorum {__version__}"
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        descendant = ref.get_object()["/DescendantFonts"][0].get_object()
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor  # embedded
    for page in reader.pages:  # five versions: landscape
        assert float(page.mediabox.width) > float(page.mediabox.height)


def test_two_versions_print_portrait(qapp: object, two_version_comparison: Comparison) -> None:
    reader = PdfReader(io.BytesIO(_pdf(two_version_comparison)))
    page = reader.pages[0]
    assert float(page.mediabox.width) < float(page.mediabox.height)


def test_long_cell_breaks_across_pages_without_losing_text(qapp: object) -> None:
    words = [f"word{i}" for i in range(2500)]
    long_sentence = " ".join(words) + "."
    docs = [
        document_from_text("A short shared opening line.\n\n" + long_sentence, "long", "a.txt"),
        # Nothing beside the long cell, so the text layer reads it in one piece.
        document_from_text("A short shared opening line.", "short", "b.txt"),
    ]
    comparison = compare_documents(docs)
    pages = page_texts(_pdf(comparison, "Long"))
    text = body_text(pages, _headings(comparison))
    assert len(pages) >= 3
    assert squash(long_sentence) in text
    # The cell itself spans a page break: its first and last words sit on different pages.
    first = next(i for i, p in enumerate(pages) if re.search(r"\bword0\b", p))
    last = max(i for i, p in enumerate(pages) if re.search(r"\bword2499\b", p))
    assert last > first


def test_hostile_article_prints_literally(qapp: object, hostile_comparison: Comparison) -> None:
    text = body_text(page_texts(_pdf(hostile_comparison)), _headings(hostile_comparison))
    assert squash(HOSTILE_LINE) in text
    assert squash("<b>hostile</b>") in text


def test_report_renders_without_a_window(qtbot: QtBot, seed_comparison: Comparison) -> None:
    from PySide6.QtGui import QGuiApplication

    before = len(QGuiApplication.topLevelWindows())
    _pdf(seed_comparison)
    assert len(QGuiApplication.topLevelWindows()) == before


def test_every_font_is_embedded_says_pdffonts(seed_pdf: bytes, tmp_path: Path) -> None:
    pdffonts = shutil.which("pdffonts")
    if pdffonts is None:
        pytest.skip("poppler's pdffonts is not installed")
    path = tmp_path / "seed.pdf"
    path.write_bytes(seed_pdf)
    lines = subprocess.run(
        [pdffonts, str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert lines  # at least one font
    for line in lines:
        # name, type words..., encoding, then the emb/sub/uni columns and the object id
        assert line.split()[-5] == "yes", line


def test_no_page_ends_on_a_heading(
    seed_pages: tuple[str, ...], seed_comparison: Comparison
) -> None:
    headings = {squash("Claims only one version makes"), squash("Side-by-side comparison")}
    for i, v in enumerate(seed_comparison.versions):
        n = len(seed_comparison.claims_for(v.label))
        headings.add(squash(f"{i + 1}. {v.label} \u2014 {n} claim{'s' if n != 1 else ''}"))
    for text in seed_pages[:-1]:
        last = squash(text.splitlines()[-1])
        assert last not in headings, last


def test_session_report_shows_verdicts_and_notes(qapp: object, seed_comparison: Comparison) -> None:
    claim = next(c for c in seed_comparison.claims if "Operation Sentinel" in c.text)
    notes = Annotations((claim_note(claim, Verdict.DISPUTED, "No other outlet <b>reports</b> it"),))
    pdf = report_bytes(seed_comparison, notes, ReportFormat.PDF, title="T", generated=FIXED_DATE)
    summary = squash("Your verdicts: 1 disputed")
    note = squash("Note: No other outlet <b>reports</b> it")
    verdict = squash("Disputed") + squash(claim.text)[:20]

    def shows_all(text: str) -> bool:
        return summary in text and note in text and verdict in text.replace("★", "")

    text = squashed_text_until(pdf, shows_all)
    assert summary in text
    assert note in text
    assert verdict in text.replace("★", "")
