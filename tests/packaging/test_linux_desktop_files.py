"""The desktop entry, AppStream metadata and MIME type are valid and agree with each other."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from packaging_support import APP_ID, LINUX, REPO, run_tool

from variorum.resources import APP_ID as RESOLVER_APP_ID
from variorum.resources import SESSION_MIME_TYPE, SESSION_SUFFIX

DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME_XML = LINUX / f"{APP_ID}.xml"
MIME_NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_app_id_is_the_one_the_code_uses() -> None:
    assert RESOLVER_APP_ID == APP_ID


def test_desktop_entry_starts_the_gui_script_with_files() -> None:
    entry = desktop_entry()
    gui_scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "gui-scripts"
    ]
    program, files_code = entry["Exec"].split()
    assert program in gui_scripts
    assert files_code == "%F"  # several articles at once, as local paths
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    assert SESSION_MIME_TYPE in entry["MimeType"].split(";")


def test_desktop_entry_validates() -> None:
    result = run_tool("desktop-file-validate", str(DESKTOP))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower()


def test_metainfo_names_the_desktop_entry_and_the_screenshot() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    image = root.findtext("screenshots/screenshot/image") or ""
    # AppStream wants a URL; it points at the screenshot kept in the repository.
    assert image.startswith("https://")
    assert image.endswith("/packaging/screenshots/main.png")
    assert SESSION_MIME_TYPE in [m.text for m in root.iter("mediatype")]


def test_metainfo_validates() -> None:
    result = run_tool("appstreamcli", "validate", "--no-net", str(METAINFO))
    assert result.returncode == 0, result.stdout + result.stderr


def test_mime_xml_declares_session_files() -> None:
    root = ET.parse(MIME_XML).getroot()
    types = root.findall("m:mime-type", MIME_NS)
    assert [t.get("type") for t in types] == [SESSION_MIME_TYPE]
    globs = [g.get("pattern") for g in types[0].findall("m:glob", MIME_NS)]
    assert globs == [f"*{SESSION_SUFFIX}"]
    assert types[0].find("m:sub-class-of", MIME_NS).get("type") == "application/json"


def test_mime_database_maps_the_suffix(tmp_path: Path) -> None:
    if shutil.which("update-mime-database") is None:
        pytest.skip("update-mime-database is not installed (Debian: shared-mime-info)")
    (tmp_path / "packages").mkdir()
    shutil.copy(MIME_XML, tmp_path / "packages")
    subprocess.run(["update-mime-database", str(tmp_path)], check=True, capture_output=True)
    globs = (tmp_path / "globs2").read_text(encoding="utf-8").splitlines()
    assert any(line.endswith(f"{SESSION_MIME_TYPE}:*{SESSION_SUFFIX}") for line in globs)


def test_screenshot_in_the_repository_is_a_png() -> None:
    shot = REPO / "packaging" / "screenshots" / "main.png"  # packaging/screenshot.py --appstream
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(data[16:20], "big")
    assert width >= 620  # AppStream asks for screenshots at least 620 px wide
