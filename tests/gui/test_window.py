"""The main window, offscreen: open the seeds, navigate, find, drop files, change settings,
edit versions with undo, bad files, and window state that survives a restart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from waits import settle_grid

from variorum.engine.model import RowKind
from variorum.gui.actions import ActionId
from variorum.gui.inputs import Inputs
from variorum.gui.options import Preferences, load_window_state
from variorum.gui.window import MainWindow

WAIT_MS = 10_000


def wait_for_comparison(qtbot: QtBot, window: MainWindow, versions: int) -> None:
    qtbot.waitUntil(
        lambda: window.comparison is not None and len(window.comparison.versions) == versions,
        timeout=WAIT_MS,
    )


@pytest.fixture
def seeds_window(
    make_window: Callable[[], MainWindow], qtbot: QtBot, seed_paths: list[Path]
) -> MainWindow:
    window = make_window()
    window.open_files(seed_paths)
    wait_for_comparison(qtbot, window, 5)
    return window


def test_the_window_reads_the_inputs_but_never_writes_them(
    make_window: Callable[[], MainWindow],
) -> None:
    window = make_window()
    with pytest.raises(AttributeError):
        window.inputs = Inputs()  # type: ignore[misc]
    with pytest.raises(AttributeError):
        window.inputs_editor.inputs = Inputs()  # type: ignore[misc]
    assert window.inputs is window.inputs_editor.inputs


def test_starts_on_the_start_page(make_window: Callable[[], MainWindow]) -> None:
    window = make_window()
    assert window.windowTitle() == "Variorum"
    assert window.pages.currentWidget() is window.start_page
    assert not window.actions_by_id[ActionId.NEXT_DIFFERENCE].isEnabled()


def test_seeds_fill_the_grid_and_the_panels(seeds_window: MainWindow) -> None:
    w = seeds_window
    c = w.comparison
    assert c is not None
    assert w.pages.currentIndex() == 1
    assert w.windowTitle() == "Variorum — Untitled[*]"  # Qt shows "*" there when modified
    assert w.model.columnCount() == 5
    assert w.model.rowCount() == len(c.rows)
    label_000 = next(lab for lab in c.labels if lab.startswith("000 \u00b7 "))
    sentinel = [cl for cl in c.claims_for(label_000) if "Operation Sentinel" in cl.text]
    assert sentinel
    assert w.claims_panel.claim_count(label_000) == len(c.claims_for(label_000))
    status = w.status_area.text()
    assert "5 versions" in status and f"{len(c.rows)} rows" in status and "claims" in status
    # Every row is as tall as its tallest cell (a wrapped sentence is never cut off).
    for r in range(0, w.model.rowCount(), 7):
        tallest = max(
            w.view.cell_document(r, col, w.view.columnWidth(col)).size().height()  # type: ignore[union-attr]
            for col in range(5)
            if w.model.row_at(r).cell(w.model.label_at(col)) is not None
        )
        assert w.view.rowHeight(r) >= int(tallest)


def test_clicking_a_claim_scrolls_the_grid_to_it(seeds_window: MainWindow, qtbot: QtBot) -> None:
    w = seeds_window
    c = w.comparison
    assert c is not None
    claim = max((cl for cl in c.claims if "Operation Sentinel" in cl.text), key=lambda cl: cl.row)
    w.view.scrollToTop()
    w.claims_panel.claimActivated.emit(claim)
    index = w.view.currentIndex()
    assert w.model.source_row(index.row()) == claim.row
    assert w.model.label_at(index.column()) == claim.version
    assert w.view.viewport().rect().intersects(w.view.visualRect(index))
    assert w.view.verticalScrollBar().value() > 0


def test_alt_down_walks_through_differences(seeds_window: MainWindow, qtbot: QtBot) -> None:
    w = seeds_window
    w.view.setFocus()
    w.view.setCurrentIndex(w.model.index(0, 0))
    visited = []
    for _ in range(4):
        qtbot.keyClick(w.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        visited.append(w.view.currentIndex().row())
    assert visited == sorted(visited) and len(set(visited)) == 4
    assert all(w.model.row_differs(w.model.row_at(r)) for r in visited)
    qtbot.keyClick(w.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert w.view.currentIndex().row() == visited[-2]


def test_next_claim_selects_it_in_the_claims_panel(seeds_window: MainWindow) -> None:
    w = seeds_window
    w.view.setCurrentIndex(w.model.index(0, 0))
    w.actions_by_id[ActionId.NEXT_CLAIM].trigger()
    assert w.model.row_has_claim(w.view.currentIndex().row())


def test_differences_only_hides_identical_rows(seeds_window: MainWindow) -> None:
    w = seeds_window
    c = w.comparison
    assert c is not None
    all_rows = w.model.rowCount()
    w.actions_by_id[ActionId.DIFFERENCES_ONLY].setChecked(True)
    hidden = w.model.hidden_row_count()
    assert w.model.rowCount() == all_rows - hidden
    assert all(w.model.row_differs(w.model.row_at(r)) for r in range(w.model.rowCount()))
    # The five seeds all differ somewhere in every row: the filter says so.
    assert (f"{hidden} identical row" if hidden else "nothing to hide") in w.status_area.text()
    w.actions_by_id[ActionId.DIFFERENCES_ONLY].setChecked(False)
    assert w.model.rowCount() == all_rows


def test_find_counts_and_steps_through_matches(seeds_window: MainWindow, qtbot: QtBot) -> None:
    w = seeds_window
    w.actions_by_id[ActionId.FIND].trigger()
    assert w.find_bar.isVisible()
    with qtbot.waitSignal(w.find_bar.queryChanged, timeout=2000):
        qtbot.keyClicks(w.find_bar.findChild(type(w.find_bar.focusWidget())), "Rutte")
    c = w.comparison
    assert c is not None
    expected = sum(v.text.lower().count("rutte") for v in c.versions)
    assert w.view.match_count == expected > 3
    w.actions_by_id[ActionId.FIND_NEXT].trigger()
    first = w.view.current_match
    w.actions_by_id[ActionId.FIND_NEXT].trigger()
    assert w.view.current_match == first + 1
    assert "Rutte" in str(w.model.data(w.view.currentIndex()))


def test_dropping_files_adds_versions(
    make_window: Callable[[], MainWindow], qtbot: QtBot, seed_paths: list[Path]
) -> None:
    w = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in seed_paths[:3]])
    centre = QPointF(w.rect().center())
    copy, none = Qt.DropAction.CopyAction, Qt.MouseButton.NoButton
    plain = Qt.KeyboardModifier.NoModifier
    # Qt delivers a drop only to the widget that accepted the drag's enter event.
    enter = QDragEnterEvent(centre.toPoint(), copy, mime, none, plain)
    QApplication.sendEvent(w, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(w, QDropEvent(centre, copy, mime, none, plain))
    wait_for_comparison(qtbot, w, 3)
    assert w.model.columnCount() == 3


def test_dropping_a_folder_adds_its_articles(
    make_window: Callable[[], MainWindow], qtbot: QtBot, seed_paths: list[Path], tmp_path: Path
) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    for p in seed_paths[:2]:
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "notes.xyz").write_text("not an article")
    w = make_window()
    w.open_dropped([folder])
    wait_for_comparison(qtbot, w, 2)


def test_a_binary_file_gives_a_message_not_a_crash(
    make_window: Callable[[], MainWindow], qtbot: QtBot, seed_paths: list[Path], tmp_path: Path
) -> None:
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    w = make_window()
    w.open_files([*seed_paths[:2], bad])
    wait_for_comparison(qtbot, w, 2)
    assert w.notice.isVisible()
    assert "photo.txt" in w.notice.text()


def test_threshold_change_realigns(seeds_window: MainWindow, qtbot: QtBot) -> None:
    w = seeds_window
    before = w.comparison
    assert before is not None
    w.apply_preferences(Preferences(threshold=0.9))
    qtbot.waitUntil(
        lambda: w.comparison is not None and w.comparison.settings.threshold == 0.9,
        timeout=WAIT_MS,
    )
    after = w.comparison
    assert after is not None
    assert len(after.rows) > len(before.rows)  # a stricter threshold aligns fewer sentences
    assert w.model.rowCount() == len(after.rows)


def test_choosing_a_base_marks_it_and_diffs_against_it(
    seeds_window: MainWindow, qtbot: QtBot
) -> None:
    w = seeds_window
    label = w.inputs.labels[2]
    w.set_base(label)
    qtbot.waitUntil(lambda: w.comparison is not None and w.comparison.settings.base == label)
    assert "(base)" in str(w.model.headerData(2, Qt.Orientation.Horizontal))
    c = w.comparison
    assert c is not None
    assert all(r.reference == label for r in c.rows if r.cell(label) is not None)


def test_remove_a_version_and_undo(seeds_window: MainWindow, qtbot: QtBot) -> None:
    w = seeds_window
    label = w.inputs.labels[1]
    w.remove_version(label)
    wait_for_comparison(qtbot, w, 4)
    assert label not in w.model.labels
    assert w.windowTitle().endswith("*") or w.isWindowModified()
    w.actions_by_id[ActionId.UNDO].trigger()
    wait_for_comparison(qtbot, w, 5)
    assert w.model.labels[1] == label


def test_excluding_a_version_reanalyses_without_it(seeds_window: MainWindow, qtbot: QtBot) -> None:
    from variorum.gui.versions_panel import IncludeChange

    w = seeds_window
    label = w.inputs.labels[0]
    w.versions_panel.includedChanged.emit(IncludeChange(label, False))
    wait_for_comparison(qtbot, w, 4)
    assert label not in w.model.labels
    assert label in w.inputs.labels  # still listed, just left out


def test_pair_view_from_the_similarity_map(seeds_window: MainWindow) -> None:
    w = seeds_window
    a, b = w.inputs.labels[0], w.inputs.labels[1]
    w.similarity_panel.pairActivated.emit((a, b))
    assert w.model.labels == (a, b)
    assert w.notice.isVisible()
    w.show_all_versions()
    assert w.model.columnCount() == 5


def test_article_markup_is_shown_literally(
    make_window: Callable[[], MainWindow], qtbot: QtBot, tmp_path: Path
) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    hostile = (
        'Officials said <img src="http://example.invalid/x.png"> and '
        "<script>alert(1)</script> &amp; more."
    )
    a.write_text("The minister spoke on Monday about the plan.\n\n" + hostile + "\n")
    b.write_text("The minister spoke on Tuesday about the plan.\n")
    w = make_window()
    w.open_files([a, b])
    wait_for_comparison(qtbot, w, 2)
    texts = [
        w.view.cell_document(r, 0, 400).toPlainText()  # type: ignore[union-attr]
        for r in range(w.model.rowCount())
        if w.model.row_at(r).cell("a") is not None
    ]
    joined = " ".join(texts)
    assert '<img src="http://example.invalid/x.png">' in joined
    assert "<script>alert(1)</script> &amp;" in joined


def test_zoom_changes_the_font_and_is_remembered(
    make_window: Callable[[], MainWindow], seed_paths: list[Path], qtbot: QtBot
) -> None:
    w = make_window()
    size = w.view.font().pointSizeF()
    w.actions_by_id[ActionId.ZOOM_IN].trigger()
    w.actions_by_id[ActionId.ZOOM_IN].trigger()
    assert w.view.font().pointSizeF() == size + 2
    w.resize(711, 555)  # within the offscreen screen
    w.close()
    assert load_window_state().zoom == 2
    again = make_window(size=None)
    assert again.view.zoom == 2
    assert again.size().width() == 711 and again.size().height() == 555


def test_paste_adds_a_version(seeds_window: MainWindow, qtbot: QtBot) -> None:
    w = seeds_window
    QApplication.clipboard().setText("NATO Secretary General Mark Rutte said something new today.")
    w.actions_by_id[ActionId.PASTE_VERSION].trigger()
    wait_for_comparison(qtbot, w, 6)
    assert "Pasted 1" in w.model.labels


def test_jump_to_reading_order_for_moved_text(
    make_window: Callable[[], MainWindow], qtbot: QtBot, tmp_path: Path
) -> None:
    paragraphs = [
        "The council approved the new budget for the harbour district on Monday evening.",
        "Residents complained about the noise from the construction site near the school.",
        "The mayor promised a public hearing about the bridge repairs before the winter.",
        "Local shops reported higher sales during the summer festival than last year.",
    ]
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("\n\n".join(paragraphs) + "\n")
    b.write_text("\n\n".join([paragraphs[3], *paragraphs[:3]]) + "\n")
    w = make_window()
    w.open_files([a, b])
    wait_for_comparison(qtbot, w, 2)
    c = w.comparison
    assert c is not None
    moved = [(i, cell) for i, r in enumerate(c.rows) for cell in r.cells if cell.moved]
    assert moved
    row, cell = moved[0]
    w.view.go_to_source(row, cell.version)
    assert w.actions_by_id[ActionId.JUMP_TO_MOVED].isEnabled()
    w.actions_by_id[ActionId.JUMP_TO_MOVED].trigger()
    assert w.view.current_source_row() != row


def test_row_kinds_show_in_the_row_header(seeds_window: MainWindow) -> None:
    w = seeds_window
    c = w.comparison
    assert c is not None
    first_unique = next(i for i, r in enumerate(c.rows) if r.kind is RowKind.UNIQUE)
    header = str(w.model.headerData(first_unique, Qt.Orientation.Vertical))
    assert header.startswith(str(first_unique + 1))


def test_zoom_keeps_the_reading_position(seeds_window: MainWindow, qtbot: QtBot) -> None:
    w = seeds_window
    w.view.scrollTo(w.model.index(30, 0), w.view.ScrollHint.PositionAtTop)
    assert w.view.rowAt(0) == 30
    w.actions_by_id[ActionId.ZOOM_IN].trigger()
    w.actions_by_id[ActionId.ZOOM_IN].trigger()
    settle_grid(qtbot, w.view)  # the zoom's deferred row sizing must keep the row on top
    assert w.view.rowAt(0) == 30


def test_ctrl_c_copies_the_current_cells_words(seeds_window: MainWindow, qtbot: QtBot) -> None:
    w = seeds_window
    c = w.comparison
    assert c is not None
    w.view.setFocus()
    w.view.go_to(0, 0)
    qtbot.keyClick(w.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    row = w.model.row_at(0)
    cell = row.cell(w.model.label_at(0))
    assert cell is not None
    expected = c.version(cell.version).text[cell.start : cell.end]
    assert QApplication.clipboard().text() == expected


def test_find_survives_differences_only_and_highlights_update(
    make_window: Callable[..., MainWindow], qtbot: QtBot, tmp_path: Path
) -> None:
    same = "The council met on Monday evening in the old town hall to vote."
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(f"{same}\n\nThe budget passed with a narrow majority of council votes.\n")
    b.write_text(f"{same}\n\nThe budget failed by a narrow margin of council votes.\n")
    w = make_window()
    w.open_files([a, b])
    wait_for_comparison(qtbot, w, 2)
    w.find_bar.open("council")
    w.find_bar.queryChanged.emit("council")  # what typing does, once debounced
    assert w.view.match_count == 4
    w.actions_by_id[ActionId.DIFFERENCES_ONLY].setChecked(True)  # hides the identical row
    assert w.model.rowCount() == 1
    assert w.view.match_count == 2
    w.actions_by_id[ActionId.DIFFERENCES_ONLY].setChecked(False)
    w.find_bar.open("budget")
    w.find_bar.queryChanged.emit("budget")
    texts = [
        w.view.cell_document(r, col, 300).toPlainText()  # type: ignore[union-attr]
        for r in range(w.model.rowCount())
        for col in range(2)
    ]
    assert sum("budget" in t for t in texts) == 2
    assert w.view.match_count == 2


def test_every_focusable_widget_has_an_accessible_name(seeds_window: MainWindow) -> None:
    from PySide6.QtWidgets import QAbstractButton, QWidget

    unnamed = [
        f"{type(wid).__name__} {wid.objectName()}"
        for wid in seeds_window.findChildren(QWidget)
        if wid.isVisible()
        and wid.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not wid.accessibleName()
        and not (isinstance(wid, QAbstractButton) and wid.text())
    ]
    assert unnamed == []


def test_tooltips_show_markup_in_names_literally(
    make_window: Callable[..., MainWindow], qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtGui import QTextDocument

    a = tmp_path / "<b>bold<i>.txt"  # markup a file name can carry (no slash)
    b = tmp_path / "plain.txt"
    a.write_text("The minister spoke on Monday about the harbour plan and its costs.\n")
    b.write_text("The minister spoke on Tuesday about the harbour plan and its costs.\n")
    w = make_window()
    w.open_files([a, b])
    wait_for_comparison(qtbot, w, 2)
    tips = [
        str(w.model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)),
        str(w.model.data(w.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)),
    ]
    for tip in tips:
        shown = QTextDocument()
        shown.setHtml(tip)  # what Qt does with a tooltip that looks like markup
        assert "<b>bold<i>" in shown.toPlainText()


def test_paragraph_granularity_realigns_by_paragraph(
    seeds_window: MainWindow, qtbot: QtBot
) -> None:
    from variorum.engine.model import Granularity

    w = seeds_window
    before = w.comparison
    assert before is not None
    w.apply_preferences(Preferences(granularity=Granularity.PARAGRAPH))
    qtbot.waitUntil(
        lambda: (
            w.comparison is not None and w.comparison.settings.granularity is Granularity.PARAGRAPH
        ),
        timeout=WAIT_MS,
    )
    after = w.comparison
    assert after is not None
    assert sum(len(v.sentences) for v in after.versions) < sum(
        len(v.sentences) for v in before.versions
    )
    assert w.model.rowCount() == len(after.rows)
    assert w.isWindowModified()  # the session's settings changed


def test_the_grid_menu_is_made_of_table_actions(seeds_window: MainWindow, qtbot: QtBot) -> None:
    w = seeds_window
    w.view.go_to(0, 1)
    label = w.model.label_at(1)
    pos = w.view.visualRect(w.model.index(0, 1)).center()
    menu = w.grid_menu(pos)
    assert menu is not None
    own = [a for a in menu.actions() if not a.isSeparator() and a.menu() is None]
    names = [a.objectName() for a in own]
    assert all(n.startswith("action_") for n in names), names
    assert f"action_{ActionId.GRID_COPY_TEXT.value}" in names
    base = next(a for a in own if a.objectName() == f"action_{ActionId.GRID_USE_AS_BASE.value}")
    assert base.text() == f"Use {label} as &Base"
    copy = next(a for a in own if a.objectName() == f"action_{ActionId.GRID_COPY_TEXT.value}")
    copy.trigger()
    assert QApplication.clipboard().text() == str(w.model.data(w.model.index(0, 1)))
    base.trigger()
    assert w.inputs.settings.base == label
    assert w.grid_menu(QPoint(-5, -5)) is None
