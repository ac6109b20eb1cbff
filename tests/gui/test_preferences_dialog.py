"""PreferencesDialog: shows and returns the values, keeps slider and spin box in step,
Restore Defaults resets without saving, Cancel changes nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from variorum.engine.model import Granularity
from variorum.gui.options import Preferences, load_preferences
from variorum.gui.preferences_dialog import PreferencesDialog

CUSTOM = Preferences(
    threshold=0.4,
    granularity=Granularity.PARAGRAPH,
    ignore_case=False,
    ignore_punctuation=True,
    ignore_quote_style=False,
    differences_only=True,
    match_paraphrases=False,
)


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("VARIORUM_CONFIG_DIR", str(folder))
    return folder


def make(qtbot: QtBot, prefs: Preferences) -> PreferencesDialog:
    dialog = PreferencesDialog(prefs)
    qtbot.addWidget(dialog)
    return dialog


def test_untouched_dialog_returns_its_input_exactly(qtbot: QtBot) -> None:
    odd = replace(CUSTOM, threshold=0.555)  # finer than the controls show
    assert make(qtbot, odd).preferences() == odd
    assert make(qtbot, Preferences()).preferences() == Preferences()


def test_fields_show_the_input(qtbot: QtBot) -> None:
    dialog = make(qtbot, CUSTOM)
    assert dialog.threshold_slider.value() == 40
    assert dialog.threshold_spin.value() == pytest.approx(0.40)
    assert dialog.threshold_spin.text() == "0.40"
    assert dialog.granularity_combo.currentText() == "Paragraph"
    assert not dialog.ignore_case_box.isChecked()
    assert dialog.ignore_punctuation_box.isChecked()
    assert not dialog.ignore_quote_style_box.isChecked()
    assert not dialog.match_paraphrases_box.isChecked()
    assert make(qtbot, Preferences()).match_paraphrases_box.isChecked()  # on by default


def test_round_trip_of_user_changes(qtbot: QtBot) -> None:
    dialog = make(qtbot, Preferences())
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.threshold_spin.setValue(0.7)
    dialog.granularity_combo.setCurrentIndex(dialog.granularity_combo.findText("Paragraph"))
    box = dialog.ignore_case_box  # click its indicator: the box is wider than its label
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    dialog.ignore_punctuation_box.setChecked(True)
    dialog.ignore_quote_style_box.setChecked(False)
    dialog.match_paraphrases_box.setChecked(False)
    got = dialog.preferences()
    assert got == Preferences(
        threshold=0.7,
        granularity=Granularity.PARAGRAPH,
        ignore_case=not Preferences().ignore_case,
        ignore_punctuation=True,
        ignore_quote_style=False,
        differences_only=False,
        match_paraphrases=False,
    )
    assert got.settings(None).match_paraphrases is False
    assert not got.differences_only  # a field the dialog does not show is kept


def test_slider_and_spin_box_stay_in_step(qtbot: QtBot) -> None:
    dialog = make(qtbot, Preferences())
    dialog.threshold_slider.setValue(30)
    assert dialog.threshold_spin.value() == pytest.approx(0.30)
    assert dialog.preferences().threshold == pytest.approx(0.30)
    dialog.threshold_spin.setValue(0.85)
    assert dialog.threshold_slider.value() == 85
    assert dialog.preferences().threshold == pytest.approx(0.85)
    # Keyboard on the slider: one step is 0.01, Page Up is 0.05.
    dialog.threshold_slider.setFocus()
    qtbot.keyClick(dialog.threshold_slider, Qt.Key.Key_PageUp)
    assert dialog.threshold_spin.value() == pytest.approx(0.90)


def test_threshold_is_limited_to_its_range(qtbot: QtBot) -> None:
    dialog = make(qtbot, Preferences())
    dialog.threshold_spin.setValue(2.0)
    assert dialog.preferences().threshold == pytest.approx(0.95)
    dialog.threshold_slider.setValue(0)
    assert dialog.preferences().threshold == pytest.approx(0.05)
    assert dialog.threshold_spin.text() == "0.05"


def test_restore_defaults_resets_fields_without_saving(qtbot: QtBot, config_dir: Path) -> None:
    dialog = make(qtbot, CUSTOM)
    restore = dialog.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert dialog.preferences() == replace(Preferences(), differences_only=True)
    assert dialog.threshold_slider.value() == round(Preferences().threshold * 100)
    assert dialog.granularity_combo.currentData() == Preferences().granularity
    assert not (config_dir / "prefs.json").exists()
    assert load_preferences() == Preferences()


def test_ok_accepts_with_the_new_values(qtbot: QtBot) -> None:
    dialog = make(qtbot, CUSTOM)

    def answer() -> None:
        dialog.threshold_spin.setValue(0.6)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, answer)
    assert dialog.exec() == QDialog.DialogCode.Accepted
    assert dialog.preferences() == replace(CUSTOM, threshold=0.6)


def test_cancel_rejects_and_leaves_the_input_unchanged(qtbot: QtBot) -> None:
    before = replace(CUSTOM)
    dialog = make(qtbot, CUSTOM)

    def answer() -> None:
        dialog.threshold_slider.setValue(90)
        dialog.ignore_case_box.setChecked(True)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, answer)
    assert dialog.exec() == QDialog.DialogCode.Rejected
    assert before == CUSTOM


def test_escape_cancels(qtbot: QtBot) -> None:
    dialog = make(qtbot, CUSTOM)
    QTimer.singleShot(0, lambda: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    assert dialog.exec() == QDialog.DialogCode.Rejected


def test_labels_have_buddies_and_controls_are_named(qtbot: QtBot) -> None:
    dialog = make(qtbot, CUSTOM)
    buddies = {lab.text(): lab.buddy() for lab in dialog.findChildren(QLabel) if lab.buddy()}
    assert buddies["Similarity &threshold:"] is dialog.threshold_slider
    assert buddies["Compare &by:"] is dialog.granularity_combo
    for widget in (
        dialog.threshold_slider,
        dialog.threshold_spin,
        dialog.granularity_combo,
        dialog.ignore_case_box,
        dialog.ignore_punctuation_box,
        dialog.ignore_quote_style_box,
        dialog.match_paraphrases_box,
    ):
        assert widget.accessibleName()
    for box in (
        dialog.ignore_case_box,
        dialog.ignore_punctuation_box,
        dialog.ignore_quote_style_box,
        dialog.match_paraphrases_box,
    ):
        assert "&" in box.text() and box.toolTip()
    explanation = [lab.text() for lab in dialog.findChildren(QLabel) if "looser" in lab.text()]
    assert explanation and "more rows" in explanation[0]


def test_about_names_the_model_and_its_licences() -> None:
    from variorum.gui.window import about_text

    text = about_text()
    assert "WordLlama" in text and "MIT" in text and "Llama 2" in text
