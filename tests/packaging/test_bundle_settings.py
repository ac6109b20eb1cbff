"""The bundle's settings: macOS document types, the spec's data folders, the build extra."""

from __future__ import annotations

import plistlib
import tomllib

from packaging_support import APP_ID, PACKAGING, REPO, load_packaging_module

from variorum.resources import SESSION_MIME_TYPE, SESSION_SUFFIX


def test_info_plist_serialises_and_owns_the_session_type() -> None:
    plist = load_packaging_module("macos_plist").info_plist("1.2.3")
    parsed = plistlib.loads(plistlib.dumps(plist))  # only plist-representable values
    assert parsed["CFBundleShortVersionString"] == "1.2.3"
    (exported,) = parsed["UTExportedTypeDeclarations"]
    tags = exported["UTTypeTagSpecification"]
    assert tags["public.filename-extension"] == [SESSION_SUFFIX.lstrip(".")]
    assert tags["public.mime-type"] == [SESSION_MIME_TYPE]
    owned = [d for d in parsed["CFBundleDocumentTypes"] if d["LSHandlerRank"] == "Owner"]
    assert [d["LSItemContentTypes"] for d in owned] == [[exported["UTTypeIdentifier"]]]
    assert exported["UTTypeIdentifier"].startswith(APP_ID)


def test_spec_ships_resources_and_seeds_where_the_resolver_looks() -> None:
    spec = (PACKAGING / "variorum.spec").read_text(encoding="utf-8")
    compile(spec, "variorum.spec", "exec")
    assert '(str(ROOT / "resources"), "variorum/resources")' in spec
    assert '(str(ROOT / "seeds"), "variorum/seeds")' in spec


def test_bundle_extra_pins_pyinstaller() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(
        req.startswith("pyinstaller>=6") for req in project["optional-dependencies"]["bundle"]
    )


def test_bundle_carries_the_paraphrase_model_files() -> None:
    from pathlib import Path

    from variorum.engine import embed

    spec = (PACKAGING / "variorum.spec").read_text(encoding="utf-8")
    assert "*model_data_files()," in spec
    build = load_packaging_module("build_bundle")
    assert (Path(embed.WEIGHTS).name, Path(embed.TOKENIZER).name) == build.MODEL_FILES


def test_model_is_found_inside_a_frozen_bundle(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    from variorum.engine import embed

    for rel in (embed.WEIGHTS, embed.TOKENIZER):
        target = tmp_path / embed.PACKAGE / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"x")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    weights, tokenizer = embed.model_files()
    assert weights == tmp_path / embed.PACKAGE / embed.WEIGHTS
    assert tokenizer == tmp_path / embed.PACKAGE / embed.TOKENIZER
