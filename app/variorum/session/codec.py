"""Session <-> bytes: the JSON session format, read defensively and never executed.

``decode_session`` accepts only well-formed JSON of a known format version (older ones
are upgraded) and checks every field's type before building a :class:`Session`; any
other input raises :class:`SessionError` naming the problem. No pickle, no eval.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

from variorum import __version__
from variorum.annotations import NOTE_KINDS, Annotations, Note, Verdict
from variorum.engine.model import Document, Settings, SettingsError
from variorum.safe_text import escape_json_surrogates, has_surrogates, replace_surrogates
from variorum.session.errors import SessionError
from variorum.session.model import Session, ViewState
from variorum.session.upgrades import (
    CURRENT_VERSION,
    OLDEST_VERSION,
    UpgradeProblem,
    upgrade,
)

FORMAT = "variorum-session"
# Articles are kilobytes; a file this big is not a session and must not be read into memory.
MAX_SESSION_BYTES = 32 * 1024 * 1024
# Numbers a session may hold, checked before any conversion (Qt takes 32-bit ints).
MAX_COLUMN_WIDTH = 100_000
MAX_ROWS = 10_000_000

Json = dict[str, Any]


class _Invalid(Exception):
    """A problem in the JSON; the caller adds the file name."""


def _fail(problem: str) -> NoReturn:
    raise _Invalid(problem)


# ---- writing ---------------------------------------------------------------------------


def session_to_json(session: Session) -> Json:
    s = session.settings
    v = session.view
    return {
        "format": FORMAT,
        "format_version": CURRENT_VERSION,
        "saved_by": f"variorum {__version__}",
        "versions": [
            {
                "label": d.label,
                "source": d.source,
                "sha256": d.sha256,
                "title": d.title,
                "text": d.text,
                "boilerplate": list(d.boilerplate),
                **({"partial": d.partial} if d.partial else {}),
                **({"date": d.date} if d.date is not None else {}),  # optional: older readers
            }
            for d in session.documents
        ],
        "settings": s.to_dict(),
        "view": {
            "column_order": list(v.column_order),
            "column_widths": dict(v.column_widths),
            "hidden": list(v.hidden),
            "scroll_row": v.scroll_row,
        },
        "annotations": [
            {
                "kind": n.kind,
                "version": n.version,
                "anchor": n.anchor,
                "verdict": n.verdict.value,
                "note": n.note,
            }
            for n in session.annotations.notes
        ],
    }


def encode_session(session: Session, extra: Mapping[str, Any] | None = None) -> bytes:
    """The file's bytes; ``extra`` adds top-level keys readers of this format ignore."""
    data = session_to_json(session)
    if extra:
        data.update(extra)
    text = json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False)
    # Non-UTF-8 file names and escaped lone surrogates are kept as JSON escapes: the file
    # is valid UTF-8 and reads back as exactly the same strings.
    return (escape_json_surrogates(text) + "\n").encode()


# ---- reading ---------------------------------------------------------------------------


def _reject_constant(name: str) -> NoReturn:
    _fail(f"not valid JSON ({name} is not a JSON number)")


def parse_json(data: bytes, path: str | Path) -> Json:
    """The top-level JSON object of a file claiming to be a session, at the current format."""
    try:
        return _parse(data)
    except _Invalid as e:
        raise SessionError(path, str(e)) from None


def session_from_json(obj: Json, path: str | Path) -> Session:
    try:
        return _session(obj)
    except _Invalid as e:
        raise SessionError(path, str(e)) from None
    except (ValueError, TypeError, OverflowError, RecursionError, MemoryError) as e:
        # every field is checked above; this is the net for a check that was missed
        raise SessionError(path, f"the file is damaged ({type(e).__name__})") from None


def decode_session(data: bytes, path: str | Path) -> Session:
    """The session in ``data`` (a file's bytes); ``path`` only names it in errors."""
    return session_from_json(parse_json(data, path), path)


def _parse(data: bytes) -> Json:
    if not data.strip():
        _fail("the file is empty")
    if len(data) > MAX_SESSION_BYTES:
        _fail(size_problem(len(data)))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        _fail(f"not a session file: not UTF-8 text (byte {e.start} is 0x{data[e.start]:02x})")
    try:
        obj = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as e:
        if e.pos >= len(text.rstrip()) or e.msg.startswith("Unterminated string"):
            _fail("the file is cut short: its JSON data ends too early")
        _fail(f"not a session file: not valid JSON ({e.msg} at line {e.lineno} column {e.colno})")
    except RecursionError:
        _fail("not a session file: JSON nested too deeply")
    except ValueError:  # Python refuses integers with thousands of digits
        _fail("not a session file: it holds a number too long to read")
    if not isinstance(obj, dict):
        _fail(f"not a session file: expected a JSON object, found {_kind(obj)}")
    fmt = obj.get("format")
    if fmt != FORMAT:
        if fmt is None:
            _fail('not a Variorum session (no "format" field)')
        if fmt == "variorum-comparison":
            _fail("this is a comparison export (JSON output), not a session")
        _fail(f"not a Variorum session (format is {_show(fmt)})")
    version = _required(obj, "format_version", "")
    if not isinstance(version, int) or isinstance(version, bool):
        _fail(f"format_version: expected an integer, found {_kind(version)}")
    if version > CURRENT_VERSION:
        _fail(
            f"was saved by a newer Variorum (format {version}); "
            f"this version reads up to {CURRENT_VERSION}"
        )
    if version < OLDEST_VERSION:
        _fail(f"format_version {version} is not a known session format")
    try:
        return upgrade(obj, version)
    except UpgradeProblem as e:
        _fail(f"format {version} file is damaged: {e}")
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        _fail(f"format {version} file is damaged: cannot upgrade it ({type(e).__name__})")


def size_problem(size: int) -> str:
    return (
        f"the file is {size / 1e6:.1f} MB, too large for a session "
        f"(at most {MAX_SESSION_BYTES / 1e6:.0f} MB)"
    )


def _session(obj: Json) -> Session:
    raw_versions = _list(obj, "versions", "")
    if not raw_versions:
        _fail("versions: the session has no versions")
    notices: list[str] = []
    documents = tuple(_document(v, f"versions[{i}]", notices) for i, v in enumerate(raw_versions))
    labels = [d.label for d in documents]
    for lab in labels:
        if labels.count(lab) > 1:
            _fail(f"versions: two versions are both labelled {_show(lab)}")
    settings = _settings(_optional_object(obj, "settings", ""), labels)
    view = _view(obj.get("view", {}), notices)
    raw_notes = obj.get("annotations", [])
    if not isinstance(raw_notes, list):
        _fail(f"annotations: expected a list, found {_kind(raw_notes)}")
    annotations = Annotations()
    for i, raw in enumerate(raw_notes):
        annotations = annotations.with_note(_note(raw, f"annotations[{i}]"))
    return Session(documents, settings, view, annotations, tuple(notices))


def _document(raw: Any, where: str, notices: list[str]) -> Document:
    obj = _object(raw, where)
    label = _str(obj, "label", where, required=True)
    if not label.strip():
        _fail(f"{where}.label: a version label cannot be empty")
    title = obj.get("title")
    if title is not None and not isinstance(title, str):
        _fail(f"{where}.title: expected a string or null, found {_kind(title)}")
    boilerplate = obj.get("boilerplate", [])
    if not isinstance(boilerplate, list) or not all(isinstance(b, str) for b in boilerplate):
        _fail(f"{where}.boilerplate: expected a list of strings")
    date = obj.get("date")
    if date is not None and not isinstance(date, str):
        _fail(f"{where}.date: expected a date string or null, found {_kind(date)}")
    text = _str(obj, "text", where, required=True)
    # Lone surrogates (escaped in the JSON) are not characters: the analysis cannot take
    # them. The label and source keep theirs (a non-UTF-8 file name, carried losslessly).
    if has_surrogates(text) or has_surrogates(title or "") or any(map(has_surrogates, boilerplate)):
        notices.append(
            f"version {_show(label)}: characters that are not valid Unicode were replaced by \ufffd"
        )
        text = replace_surrogates(text)
        title = None if title is None else replace_surrogates(title)
        boilerplate = [replace_surrogates(b) for b in boilerplate]
    return Document(
        label=label,
        source=_str(obj, "source", where),
        text=text,
        title=title,
        boilerplate=tuple(boilerplate),
        sha256=_str(obj, "sha256", where),
        partial=_str(obj, "partial", where),
        date=date,
    )


def _settings(obj: Json, labels: list[str]) -> Settings:
    try:
        settings = Settings.from_dict(obj)
    except SettingsError as e:
        _fail(f"settings.{e.field}: {e.problem}")
    if settings.base is not None and settings.base not in labels:
        _fail(f"settings.base: {_show(settings.base)} is not one of the versions")
    return settings


def _view(raw: Any, notices: list[str]) -> ViewState:
    """The view, leaving out (with a notice) any part that is not what it should be.

    The view is only how the window was left: a bad part of it must never cost the user
    the versions, settings and verdicts, so it is dropped, never a reason to refuse.
    """
    where = "view"
    if not isinstance(raw, dict):
        notices.append(f"{where}: expected an object, found {_kind(raw)}; the layout is reset")
        return ViewState()

    def drop(field: str, why: str) -> None:
        notices.append(f"{where}.{field}: {why}; left out")

    widths: list[tuple[str, int]] = []
    raw_widths = raw.get("column_widths", {})
    if not isinstance(raw_widths, dict):
        drop("column_widths", f"expected an object, found {_kind(raw_widths)}")
        raw_widths = {}
    for label, width in raw_widths.items():
        if _is_int(width) and 0 <= width <= MAX_COLUMN_WIDTH:
            widths.append((label, width))
        else:
            drop(f"column_widths.{_show(label)}", f"{_show(width)} is not a width in pixels")
    scroll = raw.get("scroll_row", 0)
    if not _is_int(scroll) or not 0 <= scroll <= MAX_ROWS:
        drop("scroll_row", f"{_show(scroll)} is not a row number")
        scroll = 0
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("column_order", "hidden"):
        items = raw.get(key, [])
        if isinstance(items, list) and all(isinstance(x, str) for x in items):
            lists[key] = tuple(items)
        else:
            drop(key, "expected a list of version labels")
            lists[key] = ()
    return ViewState(
        column_order=lists["column_order"],
        column_widths=tuple(widths),
        hidden=lists["hidden"],
        scroll_row=scroll,
    )


def _note(raw: Any, where: str) -> Note:
    obj = _object(raw, where)
    kind = obj.get("kind", "claim")
    if kind not in NOTE_KINDS:
        _fail(f"{where}.kind: {_show(kind)} is not one of {', '.join(NOTE_KINDS)}")
    verdict = obj.get("verdict", Verdict.UNREVIEWED.value)
    if verdict not in tuple(v.value for v in Verdict):
        choices = ", ".join(v.value for v in Verdict)
        _fail(f"{where}.verdict: {_show(verdict)} is not one of {choices}")
    return Note(
        version=_str(obj, "version", where, required=True),
        anchor=_str(obj, "anchor", where, required=True),
        verdict=Verdict(verdict),
        note=_str(obj, "note", where),
        kind=kind,
    )


# ---- small typed accessors: each names the field it complains about ------------------------


def _at(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _required(obj: Json, key: str, where: str) -> Any:
    if key not in obj:
        _fail(f'missing field "{_at(where, key)}"')
    return obj[key]


def _object(raw: Any, where: str) -> Json:
    if not isinstance(raw, dict):
        _fail(f"{where}: expected an object, found {_kind(raw)}")
    return raw


def _optional_object(obj: Json, key: str, where: str) -> Json:
    raw = obj.get(key, {})
    return _object(raw, _at(where, key))


def _list(obj: Json, key: str, where: str) -> list[Any]:
    raw = _required(obj, key, where)
    if not isinstance(raw, list):
        _fail(f"{_at(where, key)}: expected a list, found {_kind(raw)}")
    return raw


def _str(obj: Json, key: str, where: str, required: bool = False) -> str:
    raw = _required(obj, key, where) if required else obj.get(key, "")
    if not isinstance(raw, str):
        _fail(f"{_at(where, key)}: expected a string, found {_kind(raw)}")
    return raw


def _str_list(obj: Json, key: str, where: str) -> tuple[str, ...]:
    raw = obj.get(key, [])
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        _fail(f"{_at(where, key)}: expected a list of strings")
    return tuple(raw)


def _bool(obj: Json, key: str, where: str, default: bool) -> bool:
    raw = obj.get(key, default)
    if not isinstance(raw, bool):
        _fail(f"{_at(where, key)}: expected true or false, found {_kind(raw)}")
    return raw


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _kind(value: Any) -> str:
    """A JSON value's type in the words of the JSON spec."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else json.dumps(value)[:40]
    return text if len(text) <= 60 else text[:57] + "..."
