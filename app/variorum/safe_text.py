"""Text that is not valid Unicode, made safe to write: in JSON, in documents, on a terminal.

Python strings can hold lone surrogates: a file name with bytes that are not UTF-8 arrives
as ``\\udcff`` (surrogate escapes), and a JSON file may hold an escaped ``\\ud800``. Such a
string cannot be encoded as UTF-8, so every writer goes through one of these:

- ``escape_json_surrogates`` for JSON text: each lone surrogate becomes its ``\\uXXXX``
  escape, which is valid JSON and reads back as the same string (lossless);
- ``replace_surrogates`` for documents meant for people (HTML, PDF): U+FFFD in its place;
- ``terminal_safe`` for anything printed: control characters and surrogates escaped, so a
  name can neither split a one-line message nor send escape codes to the terminal.

Standard library only; no Qt.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls, DEL, C1 controls, and the line/paragraph separators terminals treat as breaks.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_UNPRINTABLE_IN_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}


def has_surrogates(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def escape_json_surrogates(json_text: str) -> str:
    """``json_text`` (from ``json.dumps(..., ensure_ascii=False)``) with lone surrogates
    written as ``\\uXXXX`` escapes. Outside strings JSON is ASCII, so every surrogate is
    inside a string, where the escape means exactly that character."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)


def replace_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (for HTML and PDF)."""
    return _SURROGATE.sub(REPLACEMENT, text)


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    named = _NAMED.get(ch)
    if named is not None:
        return named
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with control characters, DEL and lone surrogates shown as escapes
    (``\\n``, ``\\e``, ``\\x07``, ``\\udcff``), for one line of terminal output."""
    return _UNPRINTABLE.sub(_escape, text)


def terminal_safe_lines(text: str) -> str:
    """Like ``terminal_safe`` but keeps the line breaks (and tabs) of multi-line output."""
    return _UNPRINTABLE_IN_LINES.sub(_escape, text)
