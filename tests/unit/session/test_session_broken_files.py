"""Every kind of broken session file is refused with a message naming the problem,
and the file is never modified."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from variorum.session import MAX_SESSION_BYTES, Session, SessionError, load_session
from variorum.session.codec import encode_session, session_to_json

Json = dict[str, Any]


def _load_refused(path: Path) -> SessionError:
    before = (path.read_bytes(), os.stat(path).st_mtime_ns) if path.is_file() else None
    siblings = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(SessionError) as info:
        load_session(path)
    err = info.value
    assert err.path == str(path)
    assert str(err).startswith(f"{path}: ")
    assert "\n" not in str(err)
    if before is not None:
        assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before
    assert sorted(p.name for p in path.parent.iterdir()) == siblings  # no backup, no temp
    return err


RAW_CASES: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "the file is empty"),
    "only whitespace": (b" \n\t\n", "the file is empty"),
    "not json": (b"Troops will deploy to the border.", "not valid JSON"),
    "random bytes": (bytes((i * 151 + 7) % 256 for i in range(2048)), "not UTF-8 text"),
    "json list": (b"[1, 2, 3]", "expected a JSON object, found a list"),
    "json string": (b'"variorum-session"', "expected a JSON object, found a string"),
    "no format field": (b'{"versions": []}', 'no "format" field'),
    "other format": (b'{"format": "docx"}', "not a Variorum session (format is 'docx')"),
    "comparison export": (
        b'{"format": "variorum-comparison", "format_version": 1}',
        "comparison export (JSON output), not a session",
    ),
    "nested too deep": (b'{"format": ' + b"[" * 200_000, "nested too deeply"),
    "NaN": (
        b'{"format": "variorum-session", "format_version": NaN}',
        "NaN is not a JSON number",
    ),
    "integer with thousands of digits": (
        b'{"format": "variorum-session", "format_version": ' + b"9" * 5000 + b"}",
        "not a session file",
    ),
}


@pytest.mark.parametrize("name", RAW_CASES)
def test_raw_broken_content_refused(tmp_path: Path, name: str) -> None:
    content, expected = RAW_CASES[name]
    path = tmp_path / "broken.variorum"
    path.write_bytes(content)
    assert expected in str(_load_refused(path))


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9, 0.999])
def test_truncated_file_refused(tmp_path: Path, session: Session, cut: float) -> None:
    data = encode_session(session)
    path = tmp_path / "cut.variorum"
    path.write_bytes(data[: int(len(data) * cut)])
    assert "cut short" in str(_load_refused(path))


def _set(key_path: str, value: Any) -> Callable[[Json], None]:
    def edit(data: Json) -> None:
        *parents, last = key_path.split("/")
        node: Any = data
        for k in parents:
            node = node[int(k)] if isinstance(node, list) else node[k]
        node[int(last) if isinstance(node, list) else last] = value

    return edit


def _drop(key_path: str) -> Callable[[Json], None]:
    def edit(data: Json) -> None:
        *parents, last = key_path.split("/")
        node: Any = data
        for k in parents:
            node = node[int(k)] if isinstance(node, list) else node[k]
        del node[last]

    return edit


FIELD_CASES: dict[str, tuple[Callable[[Json], None], str]] = {
    "future version": (
        _set("format_version", 2),
        "was saved by a newer Variorum (format 2); this version reads up to 1",
    ),
    "negative version": (_set("format_version", -1), "-1 is not a known session format"),
    "version as string": (
        _set("format_version", "1"),
        "format_version: expected an integer, found a string",
    ),
    "version as bool": (_set("format_version", True), "format_version: expected an integer"),
    "missing format_version": (_drop("format_version"), 'missing field "format_version"'),
    "missing versions": (_drop("versions"), 'missing field "versions"'),
    "versions not a list": (_set("versions", {}), "versions: expected a list, found an object"),
    "no versions": (_set("versions", []), "the session has no versions"),
    "version not an object": (_set("versions/1", "copy"), "versions[1]: expected an object"),
    "missing text": (_drop("versions/0/text"), 'missing field "versions[0].text"'),
    "missing label": (_drop("versions/1/label"), 'missing field "versions[1].label"'),
    "label a number": (
        _set("versions/0/label", 42),
        "versions[0].label: expected a string, found a number",
    ),
    "empty label": (_set("versions/0/label", "  "), "versions[0].label: a version label"),
    "text null": (_set("versions/1/text", None), "versions[1].text: expected a string, found null"),
    "title a list": (_set("versions/0/title", ["x"]), "versions[0].title: expected a string"),
    "boilerplate of numbers": (
        _set("versions/0/boilerplate", [1]),
        "versions[0].boilerplate: expected a list of strings",
    ),
    "duplicate labels": (
        _set("versions/1/label", "wire"),
        "two versions are both labelled 'wire'",
    ),
    "settings a list": (_set("settings", []), "settings: expected an object, found a list"),
    "threshold a string": (_set("settings/threshold", "high"), "settings.threshold: expected a"),
    "threshold out of range": (_set("settings/threshold", 7), "settings.threshold: 7 is outside"),
    "unknown granularity": (_set("settings/granularity", "word"), "settings.granularity: 'word'"),
    "granularity a list": (_set("settings/granularity", ["x"]), "settings.granularity"),
    "ignore_case a string": (_set("settings/ignore_case", "yes"), "settings.ignore_case: expected"),
    "base names no version": (_set("settings/base", "ghost"), "'ghost' is not one of the versions"),
    "annotations an object": (_set("annotations", {}), "annotations: expected a list"),
    "unknown verdict": (_set("annotations/0/verdict", "maybe"), "'maybe' is not one of"),
    "note without anchor": (_drop("annotations/0/anchor"), 'missing field "annotations[0].anchor"'),
    "note of unknown kind": (
        _set("annotations/0/kind", "cell"),
        "'cell' is not one of claim, row, disagreement",
    ),
}


# A bad part of the view costs only that part: the session opens, with a notice.
VIEW_CASES: dict[str, tuple[Callable[[Json], None], str]] = {
    "negative width": (_set("view/column_widths/wire", -5), "view.column_widths.'wire': -5"),
    "width 2**31": (_set("view/column_widths/wire", 2**31), "2147483648 is not a width"),
    "width a string": (_set("view/column_widths/wire", "wide"), "'wide' is not a width"),
    "widths a list": (_set("view/column_widths", [1]), "view.column_widths: expected an object"),
    "scroll a float": (_set("view/scroll_row", 1.5), "view.scroll_row: 1.5 is not a row number"),
    "hidden not strings": (_set("view/hidden", [None]), "view.hidden: expected a list of"),
    "order a string": (_set("view/column_order", "wire"), "view.column_order: expected a list"),
    "view a list": (_set("view", []), "view: expected an object, found a list"),
}


@pytest.mark.parametrize("name", VIEW_CASES)
def test_bad_view_part_is_dropped_with_a_notice(
    tmp_path: Path, session: Session, name: str
) -> None:
    edit, expected = VIEW_CASES[name]
    data = session_to_json(session)
    edit(data)
    path = tmp_path / "edited.variorum"
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = load_session(path)
    (notice,) = loaded.notices
    assert expected in notice
    assert (loaded.documents, loaded.settings, loaded.annotations) == (
        session.documents,
        session.settings,
        session.annotations,
    )
    if name != "view a list":  # the good parts of the view are kept
        kept = [
            loaded.view.column_order == session.view.column_order,
            loaded.view.hidden == session.view.hidden,
            loaded.view.scroll_row == session.view.scroll_row,
            loaded.view.width_of("copy") == session.view.width_of("copy"),
        ]
        assert kept.count(False) <= 1


@pytest.mark.parametrize("name", FIELD_CASES)
def test_wrong_or_missing_field_refused(tmp_path: Path, session: Session, name: str) -> None:
    edit, expected = FIELD_CASES[name]
    data = session_to_json(session)
    edit(data)
    path = tmp_path / "edited.variorum"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert expected in str(_load_refused(path))


@pytest.mark.parametrize("size", [100_000_000, MAX_SESSION_BYTES + 1])
def test_oversize_file_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    path = tmp_path / "huge.variorum"
    with open(path, "wb") as fh:
        fh.truncate(size)  # sparse: no real disk use

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("an oversize file must be refused before it is opened")

    monkeypatch.setattr("builtins.open", no_reading)
    err = _load_refused(path)
    assert "too large for a session" in str(err)
    assert f"{size / 1e6:.1f} MB" in str(err)


def test_file_exactly_at_cap_is_read_and_judged_on_content(tmp_path: Path) -> None:
    path = tmp_path / "at-cap.variorum"
    with open(path, "wb") as fh:
        fh.truncate(MAX_SESSION_BYTES)  # all NUL bytes: within the cap, but not a session
    err = _load_refused(path)
    assert "too large" not in str(err)
    assert "not a session file" in str(err)


def test_folder_refused(tmp_path: Path) -> None:
    folder = tmp_path / "looks.variorum"
    folder.mkdir()
    assert "is a folder" in str(_load_refused(folder))


def test_missing_file_refused(tmp_path: Path) -> None:
    with pytest.raises(SessionError, match="no such file"):
        load_session(tmp_path / "absent.variorum")


def test_fifo_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.variorum"
    os.mkfifo(fifo)
    with pytest.raises(SessionError, match="not a regular file"):
        load_session(fifo)
