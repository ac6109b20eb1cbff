"""The window's inputs value: every edit returns a new value and keeps labels distinct."""

from __future__ import annotations

from pathlib import Path

from variorum.engine.model import Document, Settings
from variorum.gui.inputs import Inputs, expand_dropped


def doc(label: str, text: str = "Some text.") -> Document:
    return Document(label, f"/tmp/{label}.txt", text)


BASE = Inputs(documents=(doc("a"), doc("b"), doc("c")), settings=Settings(base="b"))


def test_adding_keeps_labels_distinct() -> None:
    after = BASE.adding([doc("a"), doc("d")])
    assert after.labels == ("a", "b", "c", "a (2)", "d")
    assert BASE.labels == ("a", "b", "c")  # the original is untouched


def test_removing_forgets_exclusion_and_base_falls_back() -> None:
    inputs = BASE.including("b", False)
    assert inputs.included == (doc("a"), doc("c"))
    assert inputs.base is None  # an excluded base is no base
    after = inputs.removing("b")
    assert after.labels == ("a", "c") and after.excluded == frozenset()


def test_renaming_follows_base_and_exclusion() -> None:
    inputs = BASE.including("b", False).renaming("b", "wire")
    assert inputs.labels == ("a", "wire", "c")
    assert inputs.excluded == {"wire"}
    assert inputs.settings.base == "wire"


def test_replacing_keeps_the_place() -> None:
    after = BASE.replacing("b", doc("a", "Other text."))
    assert after.labels == ("a", "a (2)", "c")
    assert after.documents[1].text == "Other text."
    assert after.settings.base == "a (2)"


def test_reordered_and_base() -> None:
    after = BASE.reordered(("c", "a", "b"))
    assert after.labels == ("c", "a", "b")
    assert after.with_base("c").analysis_settings().base == "c"
    assert after.with_base("zzz").analysis_settings().base is None


def test_with_settings_keeps_the_base() -> None:
    after = BASE.with_settings(Settings(threshold=0.8))
    assert after.settings.threshold == 0.8 and after.settings.base == "b"


def test_expand_dropped(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "b.txt").write_text("x")
    (folder / "a.html").write_text("x")
    (folder / "c.png").write_bytes(b"x")
    (folder / "sub").mkdir()
    session = tmp_path / "work.variorum"
    session.write_text("{}")
    single = tmp_path / "z.md"
    sessions, articles = expand_dropped([folder, session, single])
    assert sessions == [session]
    assert articles == [folder / "a.html", folder / "b.txt", single]
