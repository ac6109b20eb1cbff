"""The Preferences dialog: similarity threshold, granularity, what to ignore, paraphrases.

Contract: ``PreferencesDialog(prefs, parent)``; after ``exec()`` returns Accepted,
``preferences()`` is what the user set, every field the dialog does not show (such as
``differences_only``) kept from ``prefs``. The dialog never saves; the window does.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from variorum.engine.model import THRESHOLD_RANGE, Granularity
from variorum.gui.options import Preferences

__all__ = ["THRESHOLD_RANGE", "PreferencesDialog"]
_STEPS = 100  # the slider works in hundredths; the spin box shows the same value as 0.00

_GRANULARITY_TEXT: dict[Granularity, tuple[str, str]] = {
    Granularity.SENTENCE: (
        "Sentence",
        "Line up the versions sentence by sentence (finest detail)",
    ),
    Granularity.PARAGRAPH: (
        "Paragraph",
        "Line up whole paragraphs (for versions that reword and re-split sentences)",
    ),
}


def _plain_label(text: str, *, muted: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if muted:
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class PreferencesDialog(QDialog):
    """Edits a copy of ``prefs``; nothing changes until the caller reads ``preferences()``."""

    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setObjectName("preferencesDialog")
        self._initial = prefs
        # The exact threshold, kept apart from the controls: they show hundredths, and an
        # untouched value (say 0.555 from prefs.json) must come back as it went in.
        self._threshold = prefs.threshold

        self.threshold_slider = QSlider(Qt.Orientation.Horizontal)
        self.threshold_slider.setRange(
            round(THRESHOLD_RANGE[0] * _STEPS), round(THRESHOLD_RANGE[1] * _STEPS)
        )
        self.threshold_slider.setSingleStep(1)
        self.threshold_slider.setPageStep(5)
        self.threshold_slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.threshold_slider.setTickInterval(10)
        self.threshold_slider.setAccessibleName("Similarity threshold")
        self.threshold_spin = QDoubleSpinBox()
        self.threshold_spin.setRange(*THRESHOLD_RANGE)
        self.threshold_spin.setDecimals(2)
        self.threshold_spin.setSingleStep(0.01)
        self.threshold_spin.setAccessibleName("Similarity threshold value")
        lo, hi = THRESHOLD_RANGE
        self.threshold_spin.setToolTip(f"From {lo:.2f} (loosest) to {hi:.2f} (strictest)")
        self.threshold_slider.setToolTip(self.threshold_spin.toolTip())
        self.threshold_slider.valueChanged.connect(self._slider_moved)
        self.threshold_spin.valueChanged.connect(self._spin_changed)

        threshold_box = QWidget()
        grid = QGridLayout(threshold_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.threshold_slider, 0, 0, 1, 2)
        grid.addWidget(self.threshold_spin, 0, 2)
        looser = _plain_label("Looser", muted=True)
        stricter = _plain_label("Stricter", muted=True)
        stricter.setAlignment(Qt.AlignmentFlag.AlignRight)
        grid.addWidget(looser, 1, 0)
        grid.addWidget(stricter, 1, 1)
        explanation = _plain_label(
            "How alike two passages must be to share a row. Lower is looser: more rows "
            "are aligned, though unrelated sentences may be paired. Higher is stricter: "
            f"only close rewrites line up. Default: {Preferences().threshold:.2f}.",
            muted=True,
        )
        explanation.setWordWrap(True)
        grid.setRowMinimumHeight(2, 6)  # a little air between the scale and the words
        grid.addWidget(explanation, 3, 0, 1, 3)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        self.granularity_combo = QComboBox()
        self.granularity_combo.setAccessibleName("Compare by")
        for granularity in Granularity:
            text, tip = _GRANULARITY_TEXT.get(granularity, (granularity.value.capitalize(), ""))
            self.granularity_combo.addItem(text, granularity)
            self.granularity_combo.setItemData(
                self.granularity_combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole
            )
        self.granularity_combo.setToolTip(
            "Sentence lines up the versions sentence by sentence; "
            "Paragraph lines up whole paragraphs"
        )

        self.ignore_case_box = self._check(
            "Ignore &case", "Ignore case", "Treat “Troops” and “troops” as the same word"
        )
        self.ignore_punctuation_box = self._check(
            "Ignore &punctuation",
            "Ignore punctuation",
            "Treat sentences that differ only in commas, full stops and other "
            "punctuation as identical",
        )
        self.ignore_quote_style_box = self._check(
            "Ignore &quote style",
            "Ignore quote style",
            "Treat straight and curly quotes (\" ' and “ ” ‘ ’) as the same",
        )

        self.match_paraphrases_box = self._check(
            "&Match paraphrases",
            "Match paraphrases",
            "Line up reworded statements by their meaning (“take about 18 months” / “last a "
            "year and a half”) when they also share content words; off: by wording only",
        )

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(10)
        threshold_label = _plain_label("Similarity &threshold:")
        threshold_label.setTextFormat(Qt.TextFormat.AutoText)  # plain text has no mnemonic
        threshold_label.setBuddy(self.threshold_slider)
        form.addRow(threshold_label, threshold_box)
        form.addRow("Compare &by:", self.granularity_combo)
        form.addRow("When comparing:", self.ignore_case_box)
        form.addRow("", self.ignore_punctuation_box)
        form.addRow("", self.ignore_quote_style_box)
        form.addRow("Line up:", self.match_paraphrases_box)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        restore = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.setText("&Restore Defaults")
        restore.setToolTip("Put back the standard settings (saved only when you press OK)")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.clicked.connect(self._button_clicked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 14)
        layout.addLayout(form)
        layout.addSpacing(10)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

        self._show(prefs)
        self.threshold_slider.setFocus()

    def _check(self, text: str, name: str, tip: str) -> QCheckBox:
        box = QCheckBox(text)
        box.setAccessibleName(name)
        box.setToolTip(tip)
        box.setAccessibleDescription(tip)
        return box

    # -- public API ------------------------------------------------------------------------

    def preferences(self) -> Preferences:
        """``prefs`` with the dialog's fields as the user left them."""
        granularity = self.granularity_combo.currentData()
        return replace(
            self._initial,
            threshold=self._threshold,
            granularity=Granularity(granularity),
            ignore_case=self.ignore_case_box.isChecked(),
            ignore_punctuation=self.ignore_punctuation_box.isChecked(),
            ignore_quote_style=self.ignore_quote_style_box.isChecked(),
            match_paraphrases=self.match_paraphrases_box.isChecked(),
        )

    def restore_defaults(self) -> None:
        """Put the standard values in the fields; nothing is saved until OK."""
        defaults = Preferences()
        self._show(replace(defaults, differences_only=self._initial.differences_only))

    # -- internals -------------------------------------------------------------------------

    def _show(self, prefs: Preferences) -> None:
        self._threshold = prefs.threshold
        self._set_threshold_controls(prefs.threshold)
        index = self.granularity_combo.findData(prefs.granularity)
        self.granularity_combo.setCurrentIndex(max(index, 0))
        self.ignore_case_box.setChecked(prefs.ignore_case)
        self.ignore_punctuation_box.setChecked(prefs.ignore_punctuation)
        self.ignore_quote_style_box.setChecked(prefs.ignore_quote_style)
        self.match_paraphrases_box.setChecked(prefs.match_paraphrases)

    def _set_threshold_controls(self, value: float) -> None:
        # Both controls move together; blocking stops each from echoing into the other
        # and overwriting the exact value with its rounded one.
        for widget in (self.threshold_slider, self.threshold_spin):
            widget.blockSignals(True)
        try:
            self.threshold_slider.setValue(round(value * _STEPS))
            self.threshold_spin.setValue(value)
        finally:
            for widget in (self.threshold_slider, self.threshold_spin):
                widget.blockSignals(False)

    def _slider_moved(self, steps: int) -> None:
        self._threshold = steps / _STEPS
        self._set_threshold_controls(self._threshold)

    def _spin_changed(self, value: float) -> None:
        self._threshold = round(value, 2)
        self._set_threshold_controls(self._threshold)

    def _button_clicked(self, button: QAbstractButton) -> None:
        role = self.buttons.buttonRole(button)
        if role == QDialogButtonBox.ButtonRole.ResetRole:
            self.restore_defaults()
