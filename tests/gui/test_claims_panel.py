"""ClaimsPanel on the seed comparison: grouping and counts, activation by click, keyboard
and Enter, silent select_claim, the filter, verdict badges, context menu, escaping."""

from __future__ import annotations

from dataclasses import replace

import pytest
from dark_palette import dark_palette_from
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from variorum.annotations import Annotations, Verdict, claim_note
from variorum.engine.model import Claim, Comparison
from variorum.gui.claims_panel import (
    CLAIM_ROLE,
    NOTE_ROLE,
    ClaimMenuRequest,
    ClaimsPanel,
    NoteView,
    claim_tooltip,
    term_spans,
)
from variorum.gui.palette import CLAIM_GLYPH


@pytest.fixture
def panel(qtbot: QtBot, comparison: Comparison) -> ClaimsPanel:
    widget = ClaimsPanel()
    qtbot.addWidget(widget)
    widget.resize(360, 500)
    widget.set_claims(comparison, comparison.labels, Annotations())
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def sentinel(c: Comparison) -> Claim:
    return next(cl for cl in c.claims if "Operation Sentinel" in cl.text)


def click(qtbot: QtBot, panel: ClaimsPanel, item: QTreeWidgetItem) -> None:
    panel.tree.scrollToItem(item)
    pos = panel.tree.visualItemRect(item).center()
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_operation_sentinel_is_a_claim_of_the_embellished_copy(
    panel: ClaimsPanel, comparison: Comparison
) -> None:
    claim = sentinel(comparison)
    item = panel.claim_item(claim)
    assert item is not None and item.parent() is not None
    assert item.parent().text(0).startswith("000_")
    assert "Operation Sentinel" in item.text(0)
    assert "Operation Sentinel" in [t.text for t in claim.terms]


def test_groups_follow_the_labels_and_count_their_claims(
    panel: ClaimsPanel, comparison: Comparison
) -> None:
    tree = panel.tree
    assert tree.topLevelItemCount() == len(comparison.labels)
    for i, label in enumerate(comparison.labels):
        group = tree.topLevelItem(i)
        n = len(comparison.claims_for(label))
        folded = 1 if comparison.other_unique_for(label) else 0  # "Other unique text"
        assert panel.claim_count(label) == n == group.childCount() - folded
        assert group.text(0) == f"{label} \u2014 {n} claims"
        listed = [group.child(j).data(0, CLAIM_ROLE) for j in range(n)]
        assert listed == list(comparison.claims_for(label))  # highest salience first
        assert [c.salience for c in listed] == sorted((c.salience for c in listed), reverse=True)


def test_versions_not_shown_are_not_listed(qtbot: QtBot, comparison: Comparison) -> None:
    panel = ClaimsPanel()
    qtbot.addWidget(panel)
    shown = (comparison.labels[2], comparison.labels[0])
    panel.set_claims(comparison, shown, Annotations())
    assert [panel.tree.topLevelItem(i).text(0).split(" ")[0] for i in range(2)] == list(shown)
    assert panel.tree.topLevelItemCount() == 2
    assert panel.claim_count(comparison.labels[3]) == 0
    assert {c.version for c in panel.visible_claims()} == set(shown)


def test_claim_glyph_terms_and_tooltip(panel: ClaimsPanel, comparison: Comparison) -> None:
    claim = sentinel(comparison)
    assert claim.unmatched  # painted with the ★
    spans = term_spans(comparison, claim)
    assert [claim.text[a:b] for a, b in spans] == sorted(
        (t.text for t in claim.terms), key=claim.text.index
    )
    tip = panel.claim_item(claim).toolTip(0)
    assert "Operation Sentinel" in tip and "Salience" in tip and "Unreviewed" in tip
    assert CLAIM_GLYPH  # the palette's glyph is what the delegate draws


def test_click_emits_claim_activated(
    qtbot: QtBot, panel: ClaimsPanel, comparison: Comparison
) -> None:
    claim = sentinel(comparison)
    item = panel.claim_item(claim)
    with qtbot.waitSignal(panel.claimActivated) as blocker:
        click(qtbot, panel, item)
    assert blocker.args == [claim]
    # A second click on the same claim jumps to it again (the grid may have moved on).
    with qtbot.waitSignal(panel.claimActivated) as blocker:
        click(qtbot, panel, item)
    assert blocker.args == [claim]


def test_one_click_emits_once(qtbot: QtBot, panel: ClaimsPanel, comparison: Comparison) -> None:
    seen: list[Claim] = []
    panel.claimActivated.connect(seen.append)
    click(qtbot, panel, panel.claim_item(comparison.claims_for(comparison.labels[1])[0]))
    assert seen == [comparison.claims_for(comparison.labels[1])[0]]


def test_clicking_a_group_emits_nothing(qtbot: QtBot, panel: ClaimsPanel) -> None:
    with qtbot.assertNotEmitted(panel.claimActivated):
        click(qtbot, panel, panel.tree.topLevelItem(1))


def test_keyboard_moves_activate_and_enter_activates(
    qtbot: QtBot, panel: ClaimsPanel, comparison: Comparison
) -> None:
    first, second = comparison.claims_for(comparison.labels[0])[:2]
    panel.select_claim(first)
    panel.tree.setFocus()
    with qtbot.waitSignal(panel.claimActivated) as blocker:
        qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
    assert blocker.args == [second]
    with qtbot.waitSignal(panel.claimActivated) as blocker:
        qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert blocker.args == [second]


def test_enter_on_a_group_folds_it(qtbot: QtBot, panel: ClaimsPanel) -> None:
    group = panel.tree.topLevelItem(0)
    panel.tree.setCurrentItem(group)
    panel.tree.setFocus()
    with qtbot.assertNotEmitted(panel.claimActivated):
        qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert not group.isExpanded()


def test_select_claim_selects_without_emitting(
    qtbot: QtBot, panel: ClaimsPanel, comparison: Comparison
) -> None:
    claim = comparison.claims_for(comparison.labels[4])[-1]
    with qtbot.assertNotEmitted(panel.claimActivated):
        panel.select_claim(claim)
    current = panel.tree.currentItem()
    assert current is not None and current.data(0, CLAIM_ROLE) == claim
    assert current.isSelected()
    rect = panel.tree.visualItemRect(current)
    assert panel.tree.viewport().rect().intersects(rect)  # scrolled into view
    with qtbot.assertNotEmitted(panel.claimActivated):
        panel.select_claim(None)
    assert panel.tree.selectedItems() == []


def test_select_claim_opens_a_folded_group(panel: ClaimsPanel, comparison: Comparison) -> None:
    group = panel.tree.topLevelItem(0)
    group.setExpanded(False)
    panel.select_claim(sentinel(comparison))
    assert group.isExpanded()


def test_filter_hides_what_does_not_match(
    qtbot: QtBot, panel: ClaimsPanel, comparison: Comparison
) -> None:
    with qtbot.assertNotEmitted(panel.claimActivated):
        panel.filter.setText("SENTINEL")
    visible = panel.visible_claims()
    assert sentinel(comparison) in visible
    assert all(
        "sentinel" in " ".join([c.text, *(t.text for t in c.terms)]).lower() for c in visible
    )
    label = comparison.labels[0]
    total = len(comparison.claims_for(label))
    assert panel.group_text(label) == f"{label} \u2014 {len(visible)} of {total} claims"
    assert panel.tree.topLevelItem(1).isHidden()  # no match in 001: its group goes
    panel.filter.clear()
    assert len(panel.visible_claims()) == sum(
        len(comparison.claims_for(lab)) for lab in comparison.labels
    )


def test_filter_matches_terms_and_all_words(panel: ClaimsPanel, comparison: Comparison) -> None:
    panel.filter.setText("wall  JOURNAL")
    visible = panel.visible_claims()
    assert visible
    assert {c.version for c in visible} == {comparison.labels[2]}  # only 002 names the WSJ


def test_filter_with_no_match_says_so(qtbot: QtBot, panel: ClaimsPanel) -> None:
    panel.filter.setText("zzzz-nothing-like-this")
    assert panel.visible_claims() == ()
    assert panel.empty.isVisible()
    assert "zzzz-nothing-like-this" in panel.empty.text()
    qtbot.keyClick(panel.filter, Qt.Key.Key_Escape)
    assert panel.filter.text() == ""
    assert panel.tree.isVisible()


def test_down_from_the_filter_goes_to_the_list(qtbot: QtBot, panel: ClaimsPanel) -> None:
    panel.activateWindow()
    panel.filter.setFocus()
    qtbot.keyClick(panel.filter, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is panel.tree


def test_set_annotations_shows_the_verdict_and_keeps_the_view(
    qtbot: QtBot, panel: ClaimsPanel, comparison: Comparison
) -> None:
    claim = sentinel(comparison)
    panel.tree.topLevelItem(3).setExpanded(False)
    panel.select_claim(claim)
    note = "Only Bild has this <script>; ask the desk"
    annotations = Annotations().with_note(claim_note(claim, Verdict.DISPUTED, note))
    with qtbot.assertNotEmitted(panel.claimActivated):
        panel.set_annotations(annotations)
    item = panel.claim_item(claim)
    assert "Verdict: Disputed" in item.data(0, Qt.ItemDataRole.AccessibleTextRole)
    assert item.data(0, NOTE_ROLE) == NoteView(Verdict.DISPUTED, note)  # what paints the badge
    assert "Disputed" in item.toolTip(0)
    assert "&lt;script&gt;" in item.toolTip(0) and "<script>" not in item.toolTip(0)
    assert panel.tree.currentItem() is item  # selection kept
    assert not panel.tree.topLevelItem(3).isExpanded()  # folding kept
    # Back to unreviewed: the badge goes.
    panel.set_annotations(Annotations())
    assert "Verdict" not in item.data(0, Qt.ItemDataRole.AccessibleTextRole)


def test_set_claims_again_keeps_selection_and_folding(
    qtbot: QtBot, panel: ClaimsPanel, comparison: Comparison
) -> None:
    claim = sentinel(comparison)
    panel.select_claim(claim)
    panel.tree.topLevelItem(2).setExpanded(False)
    with qtbot.assertNotEmitted(panel.claimActivated):
        panel.set_claims(comparison, comparison.labels, Annotations())
    assert panel.tree.currentItem().data(0, CLAIM_ROLE) == claim
    assert not panel.tree.topLevelItem(2).isExpanded()
    assert panel.tree.topLevelItem(1).isExpanded()


def test_no_comparison_and_no_claims(qtbot: QtBot, comparison: Comparison) -> None:
    panel = ClaimsPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.set_claims(None, (), Annotations())
    assert panel.tree.topLevelItemCount() == 0 and panel.empty.isVisible()
    nothing = replace(comparison, claims=(), other_unique=())
    panel.set_claims(nothing, comparison.labels, Annotations())
    assert panel.claim_count(comparison.labels[0]) == 0
    assert panel.empty.isVisible() and "No claims" in panel.empty.text()


def test_context_menu_asks_for_the_verdict_menu(
    qtbot: QtBot, panel: ClaimsPanel, comparison: Comparison
) -> None:
    claim = sentinel(comparison)
    item = panel.claim_item(claim)
    panel.tree.scrollToItem(item)
    pos = panel.tree.visualItemRect(item).center()
    global_pos = panel.tree.viewport().mapToGlobal(pos)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, global_pos)
    with qtbot.waitSignal(panel.verdictMenuRequested) as blocker:
        QApplication.sendEvent(panel.tree.viewport(), event)
    request = blocker.args[0]
    assert isinstance(request, ClaimMenuRequest)
    assert request.claim == claim and request.global_pos == global_pos
    # From the keyboard (menu key): the current claim's menu.
    panel.select_claim(claim)
    key_event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), panel.tree.mapToGlobal(QPoint(0, 0))
    )
    with qtbot.waitSignal(panel.verdictMenuRequested) as blocker:
        QApplication.sendEvent(panel.tree, key_event)
    assert blocker.args[0].claim == claim


def test_tooltip_escapes_article_text(comparison: Comparison) -> None:
    claim = replace(sentinel(comparison), text="<img src=x onerror=alert(1)> & <b>bold</b>")
    tip = claim_tooltip(claim, NoteView(Verdict.FALSE, "<i>mine</i>"))
    assert "<img" not in tip and "&lt;img" in tip
    assert "<i>mine" not in tip and "&lt;i&gt;mine" in tip
    assert "Verdict: False" in tip


def test_accessible_names(panel: ClaimsPanel) -> None:
    assert panel.filter.accessibleName()
    assert panel.tree.accessibleName()
    assert panel.focusProxy() is panel.tree


def test_paints_in_light_and_dark(panel: ClaimsPanel, comparison: Comparison) -> None:
    claims = comparison.claims_for(comparison.labels[0])
    annotations = (
        Annotations()
        .with_note(claim_note(claims[0], Verdict.VERIFIED, "checked"))
        .with_note(claim_note(claims[1], Verdict.NEEDS_SOURCE))
    )
    panel.set_annotations(annotations)
    panel.filter.setText("nato")
    panel.select_claim(panel.visible_claims()[0])
    assert not panel.grab().isNull()
    dark = dark_palette_from(panel.palette())
    panel.setPalette(dark)
    assert not panel.grab().isNull()
    # Narrow and wide: rows re-wrap to the width.
    item = panel.claim_item(panel.visible_claims()[0])
    tall = panel.tree.visualItemRect(item).height()
    panel.resize(900, 500)
    QApplication.processEvents()
    panel.tree.executeDelayedItemsLayout()
    assert panel.tree.visualItemRect(item).height() < tall
