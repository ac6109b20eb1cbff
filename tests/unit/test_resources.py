"""The resource resolver finds icons and samples in a checkout, a package and a bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from variorum import resources

REPO = Path(__file__).resolve().parents[2]


def test_source_checkout_resolves_to_repository_folders() -> None:
    assert resources.resource_dir("resources") == REPO / "resources"
    assert resources.resource_dir("seeds") == REPO / "seeds"


def test_samples_are_the_five_seed_articles_in_name_order() -> None:
    samples = resources.sample_paths()
    assert [p.name for p in samples] == sorted(p.name for p in (REPO / "seeds").glob("*.txt"))
    assert len(samples) == 5
    assert all(p.read_text(encoding="utf-8").strip() for p in samples)


def test_icon_path_gives_the_svg_and_every_png_size() -> None:
    assert resources.icon_path().suffix == ".svg"
    assert resources.icon_path().is_file()
    paths = resources.icon_paths()
    assert [p.name for p in paths] == [f"variorum-{s}.png" for s in resources.ICON_SIZES]
    assert all(p.is_file() for p in paths)


def test_icon_path_rejects_a_size_that_is_not_rendered() -> None:
    with pytest.raises(ValueError, match="no 20 px icon"):
        resources.icon_path(20)


def test_installed_package_folder_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    package = tmp_path / "site-packages" / "variorum"
    (package / "seeds").mkdir(parents=True)
    (package / "seeds" / "b.txt").write_text("b", encoding="utf-8")
    (package / "seeds" / "a.txt").write_text("a", encoding="utf-8")
    monkeypatch.setattr(resources, "_PKG", package)
    assert resources.resource_dir("seeds") == package / "seeds"
    assert [p.name for p in resources.sample_paths()] == ["a.txt", "b.txt"]


def test_pyinstaller_bundle_folder_is_found(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    meipass = tmp_path / "_internal"
    (meipass / "variorum" / "resources").mkdir(parents=True)
    # Frozen modules report a package dir that holds no data folders.
    monkeypatch.setattr(resources, "_PKG", tmp_path / "nowhere" / "variorum")
    monkeypatch.setattr(sys, "_MEIPASS", str(meipass), raising=False)
    assert resources.resource_dir("resources") == meipass / "variorum" / "resources"


def test_a_stray_folder_outside_a_checkout_is_not_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # lib/python3.x/site-packages/variorum: two levels up is no checkout, even with "seeds".
    package = tmp_path / "lib" / "site-packages" / "variorum"
    package.mkdir(parents=True)
    (tmp_path / "lib" / "seeds").mkdir()
    monkeypatch.setattr(resources, "_PKG", package)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    with pytest.raises(FileNotFoundError, match="'seeds' folder is missing"):
        resources.resource_dir("seeds")
