"""The claims panel's Disagreements section (kind, values side by side with their versions,
click or Enter to jump, verdict badges) and the "Other unique text" folded per version."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from variorum.annotations import Annotations, Verdict, disagreement_note
from variorum.disagreements import shown_disagreements
from variorum.engine.api import compare_documents, load_documents
from variorum.engine.model import Claim, Comparison
from variorum.gui.claims_panel import (
    CLAIM_ROLE,
    ClaimsPanel,
    _folders,
    _groups,
    is_claim_item,
    is_other_item,
)
from variorum.gui.disagreements_list import NOTE_ROLE, VALUES_ROLE, lay_out_chips
from variorum.gui.palette import LIGHT

DATA = Path(__file__).resolve().parents[1] / "data" / "conflicts"


@pytest.fixture(scope="module")
def planted() -> Comparison:
    docs, _ = load_documents([DATA / "planted_page.txt", DATA / "planted_rewrite.txt"])
    return compare_documents(docs)


def _panel(qtbot: QtBot, c: Comparison, annotations: Annotations | None = None) -> ClaimsPanel:
    panel = ClaimsPanel()
    qtbot.addWidget(panel)
    panel.resize(380, 700)
    panel.set_claims(c, c.labels, annotations or Annotations())
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_the_section_lists_each_disagreement_with_both_values(
    qtbot: QtBot, planted: Comparison
) -> None:
    panel = _panel(qtbot, planted)
    section = panel.disagreements
    assert section.heading.text().endswith("Disagreements \u2014 5")
    assert section.list.count() == 5 and section.list.isVisible()
    texts = [section.list.item(r).text() for r in range(5)]
    assert "9 to 3" in texts[0] and "8 to 4" in texts[0] and "planted_rewrite" in texts[0]
    assert texts[1].startswith("money (EUR)")
    spoken = str(section.list.item(3).data(Qt.ItemDataRole.AccessibleTextRole))
    assert spoken.startswith("Row 4, person (speaker)")
    # It sits above the claims filter, and the section takes only the room it needs.
    assert section.geometry().bottom() < panel.filter.geometry().top()
    assert section.list.height() <= 0.45 * panel.height() + 1


def test_values_are_laid_out_side_by_side_and_wrap_when_narrow(
    qtbot: QtBot, planted: Comparison
) -> None:
    panel = _panel(qtbot, planted)
    values = panel.disagreements.list.item(0).data(VALUES_ROLE)
    chips, height = lay_out_chips(values, panel.font(), 0, 0, 360)
    assert len(chips) == 2 and chips[0].rect.top() == chips[1].rect.top()
    assert chips[1].glyph_x >= chips[0].rect.right()  # the ≠ sits between them
    narrow, taller = lay_out_chips(values, panel.font(), 0, 0, 130)
    assert narrow[1].rect.top() > narrow[0].rect.top() and taller > height


def test_click_and_enter_jump_to_the_row(qtbot: QtBot, planted: Comparison) -> None:
    panel = _panel(qtbot, planted)
    lst = panel.disagreements.list
    item = lst.item(2)
    with qtbot.waitSignal(panel.disagreementActivated) as blocker:
        qtbot.mouseClick(
            lst.viewport(), Qt.MouseButton.LeftButton, pos=lst.visualItemRect(item).center()
        )
    assert blocker.args[0].row == shown_disagreements(planted)[2].row
    with qtbot.waitSignal(panel.disagreementActivated) as blocker:
        qtbot.keyClick(lst, Qt.Key.Key_Return)
    assert blocker.args[0].conflict.kind.value == "date"


def test_select_row_follows_the_grid_silently(qtbot: QtBot, planted: Comparison) -> None:
    panel = _panel(qtbot, planted)
    section = panel.disagreements
    emitted: list[object] = []
    panel.disagreementActivated.connect(emitted.append)
    section.select_row(shown_disagreements(planted)[3].row)
    assert section.current() == shown_disagreements(planted)[3] and not emitted
    section.select_row(5)  # the row no version disagrees on
    assert section.current() is None


def test_a_verdict_and_note_show_on_the_disagreement(qtbot: QtBot, planted: Comparison) -> None:
    d = shown_disagreements(planted)[1]
    panel = _panel(qtbot, planted)
    item = panel.disagreements.list.item(1)
    before = panel.disagreements.list.visualItemRect(item).height()
    notes = Annotations().with_note(disagreement_note(planted, d, Verdict.DISPUTED, "minutes"))
    panel.set_annotations(notes)
    qtbot.waitUntil(lambda: panel.disagreements.list.visualItemRect(item).height() > before)
    view = item.data(NOTE_ROLE)
    assert view.verdict is Verdict.DISPUTED and view.note == "minutes"
    assert "Verdict: Disputed" in item.toolTip() and "minutes" in item.toolTip()


def test_no_disagreement_folds_the_section_away(qtbot: QtBot, comparison: Comparison) -> None:
    panel = _panel(qtbot, comparison)
    section = panel.disagreements
    assert section.heading.text().endswith("\u2014 none") and not section.heading.isEnabled()
    assert not section.list.isVisible()


def test_folding_the_heading_hides_the_list(qtbot: QtBot, planted: Comparison) -> None:
    panel = _panel(qtbot, planted)
    panel.disagreements.heading.click()
    assert not panel.disagreements.list.isVisible()
    panel.disagreements.heading.click()
    assert panel.disagreements.list.isVisible()


def _other_items(folder: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    return [folder.child(i) for i in range(folder.childCount())]


def test_other_unique_text_is_folded_per_version_and_lighter(
    qtbot: QtBot, comparison: Comparison
) -> None:
    panel = _panel(qtbot, comparison)
    seen = 0
    for group in _groups(panel.tree):
        label = str(group.data(0, Qt.ItemDataRole.UserRole + 3))
        others = comparison.other_unique_for(label)
        folders = _folders(group)
        assert len(folders) == (1 if others else 0)
        if not others:
            continue
        (folder,) = folders
        assert not folder.isExpanded()  # folded until asked for
        assert folder.text(0).startswith(f"Other unique text \u2014 {len(others)} sentence")
        items = _other_items(folder)
        assert [i.data(0, CLAIM_ROLE) for i in items] == list(others)
        assert all(is_other_item(i) and not is_claim_item(i) for i in items)
        assert items[0].foreground(0).color().name() == LIGHT.muted
        # Never counted or listed as claims.
        assert panel.claim_count(label) == len(comparison.claims_for(label))
        assert not set(panel.visible_claims()) & set(others)
        seen += 1
    assert seen >= 2


def test_activating_other_text_jumps_to_its_row(qtbot: QtBot, comparison: Comparison) -> None:
    panel = _panel(qtbot, comparison)
    group = next(g for g in _groups(panel.tree) if _folders(g))
    folder = _folders(group)[0]
    folder.setExpanded(True)
    item = folder.child(0)
    with qtbot.waitSignal(panel.claimActivated) as blocker:
        panel.tree.setCurrentItem(item)
    claim: Claim = blocker.args[0]
    assert claim in comparison.other_unique and claim.row >= 0


def test_the_filter_reaches_other_text_and_keeps_folding(
    qtbot: QtBot, comparison: Comparison
) -> None:
    panel = _panel(qtbot, comparison)
    other = comparison.other_unique[0]
    word = max(other.text.split(), key=len).strip(".,;:\u201c\u201d\"'").casefold()
    open_folder = next(
        f for g in _groups(panel.tree) for f in _folders(g) if other in
        [i.data(0, CLAIM_ROLE) for i in _other_items(f)]
    )  # fmt: skip
    open_folder.setExpanded(True)
    panel.filter.setText(word)
    shown = [i for i in _other_items(open_folder) if not i.isHidden()]
    assert shown and all(word in i.text(0).casefold() for i in shown)
    assert " of " in open_folder.text(0)
    heading = open_folder.text(0)
    panel.set_claims(comparison, comparison.labels, Annotations())
    again = next(f for g in _groups(panel.tree) for f in _folders(g) if f.text(0) == heading)
    assert again.isExpanded()  # a new analysis keeps what the user unfolded
    assert sum(f.isExpanded() for g in _groups(panel.tree) for f in _folders(g)) == 1
