"""Read one article file into a :class:`Document`: check, decode, extract, set furniture aside.

``read_document`` raises :class:`IngestError` (path + a reason a user can act on) for
anything it cannot read, and nothing else; ``document_from_text`` never raises. Formats:
plain text and Markdown in any common encoding, saved web pages, Word (.docx) and PDF.
``Document.text`` keeps the article's characters and paragraph breaks; the title and
site furniture are kept apart in ``Document.title`` and ``Document.boilerplate``.
"""

from __future__ import annotations

import hashlib
import os
import stat
import unicodedata
from pathlib import Path
from typing import NamedTuple

from variorum.engine import limits
from variorum.engine.ingest_decode import decode_text, normalise_newlines
from variorum.engine.ingest_errors import ContentError, IngestError
from variorum.engine.ingest_furniture import split_furniture, strip_furniture
from variorum.engine.ingest_html import extract_html
from variorum.engine.ingest_markdown import markdown_to_text
from variorum.engine.ingest_office import extract_docx, extract_pdf
from variorum.engine.model import Document

__all__ = [
    "MAX_FILE_BYTES",
    "SUPPORTED_EXTENSIONS",
    "IngestError",
    "document_from_text",
    "read_document",
    "split_furniture",
    "system_path_reason",
]

SUPPORTED_EXTENSIONS: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
"""File name endings ``read_document`` accepts (lower case); a file without one is read as text."""

MAX_FILE_BYTES = 50 * 1024 * 1024
_MAX_MB = MAX_FILE_BYTES // (1024 * 1024)
_TEXT_SUFFIXES = (".txt", ".md", "")


def _supported_list() -> str:
    return ", ".join(SUPPORTED_EXTENSIONS)


# Kernel and device trees: their "files" are endless, blocking or private, never articles.
_SYSTEM_ROOTS = ("/proc", "/sys", "/dev")


def system_path_reason(path: str | Path) -> str | None:
    """Why ``path`` (or the file a link there points to) must not be opened, or None."""
    try:
        real = os.path.realpath(path)
    except (OSError, ValueError):
        return None
    for root in _SYSTEM_ROOTS:
        if real == root or real.startswith(root + "/"):
            return f"is a system file under {root}, not an article; it is not read"
    return None


def _file_status(p: Path, source: str) -> os.stat_result:
    """The file's status, following links; an IngestError for anything but a regular file."""
    special = system_path_reason(p)
    if special is not None:
        raise IngestError(source, special)
    try:
        status = p.lstat()
    except FileNotFoundError:
        raise IngestError(source, "no such file") from None
    except PermissionError:
        raise IngestError(source, "permission denied (its folder cannot be opened)") from None
    except OSError as e:
        raise IngestError(source, f"cannot be opened ({e.strerror or e})") from None
    if stat.S_ISLNK(status.st_mode):
        try:
            status = p.stat()
        except FileNotFoundError:
            target = os.readlink(p)
            raise IngestError(
                source, f"is a broken link (its target {target} does not exist)"
            ) from None
        except OSError as e:
            raise IngestError(
                source, f"is a link that cannot be followed ({e.strerror or e})"
            ) from None
    if stat.S_ISDIR(status.st_mode):
        try:
            has_articles = any(f.suffix.lower() in SUPPORTED_EXTENSIONS for f in p.iterdir())
        except OSError:
            has_articles = False
        if has_articles:
            raise IngestError(
                source, "is a folder, not a file (choose the article files inside it)"
            )
        raise IngestError(source, f"is a folder with no article files in it ({_supported_list()})")
    if not stat.S_ISREG(status.st_mode):
        raise IngestError(source, "is not a regular file (a device, pipe or socket)")
    return status


def _read_bytes(p: Path, source: str) -> bytes:
    status = _file_status(p, source)
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS and suffix != "":
        raise IngestError(
            source, f"has an unsupported file type '{p.suffix}' (supported: {_supported_list()})"
        )
    too_large = f"is too large ({{}} MB; the limit is {_MAX_MB} MB)"
    if status.st_size > MAX_FILE_BYTES:
        raise IngestError(source, too_large.format(round(status.st_size / 1024 / 1024)))
    try:
        with p.open("rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        raise IngestError(source, "permission denied (you are not allowed to read it)") from None
    except OSError as e:
        raise IngestError(source, f"cannot be read ({e.strerror or e})") from None
    if len(raw) > MAX_FILE_BYTES:  # grew since stat()
        raise IngestError(source, too_large.format(f"over {_MAX_MB}"))
    if not raw:
        raise IngestError(source, "is empty")
    return raw


def _has_visible(text: str) -> bool:
    """True when ``text`` has a character that shows: not space, not a format character
    (zero-width space and joiners, BOM, bidi marks), not a control."""
    return any(not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc") for ch in text)


class _Extracted(NamedTuple):
    title: str | None
    body: str
    boilerplate: tuple[str, ...]
    cut: bool  # reading stopped at the limits: the file holds more than ``body``


def _extract(raw: bytes, suffix: str) -> _Extracted:
    """The article in the file's format, read no further than a little past the comparison
    limits, so that a file far over them costs no more than one just over them."""
    lim = limits.LIMITS
    max_chars = lim.version_chars + 1
    if suffix in _TEXT_SUFFIXES:
        decoded = decode_text(raw)
        text = decoded[: max_chars + 1000]  # room for furniture lines at the top
        cut = len(decoded) > len(text)
        if suffix != ".md":
            return _Extracted(*split_furniture(text), cut)
        md_title, text, front = markdown_to_text(text)
        title, body, furniture = split_furniture(text)
        if md_title is not None and title is None:
            title = md_title
        return _Extracted(title, body, front + furniture, cut)
    cut = False
    dropped: tuple[str, ...] = ()
    if suffix in (".html", ".htm"):
        page = extract_html(raw, lim.version_sentences)
        known_title, text, dropped, cut = page.title, page.text, page.dropped, page.cut
    elif suffix == ".docx":
        known_title, text = extract_docx(raw, lim.version_sentences, max_chars)
        cut = len(text) > max_chars or text.count("\n\n") >= lim.version_sentences
    else:
        known_title, text = extract_pdf(raw)
    if known_title is None:
        title, body, furniture = split_furniture(text)
    else:
        title = known_title
        body, furniture = strip_furniture(text)
    return _Extracted(title, body, dropped + tuple(f for f in furniture if f not in dropped), cut)


def extract_web_page(raw: bytes) -> tuple[str | None, str, tuple[str, ...]]:
    """(title, body, boilerplate) of a web page's bytes, exactly as for an .html file.

    Raises ``ContentError`` when the bytes are not a readable page.
    """
    title, body, boilerplate, _cut = _extract(raw, ".html")
    return title, body, boilerplate


def read_document(path: str | Path) -> Document:
    """Read an article file; the label is the file name without its extension.

    A file beyond the comparison limits is read only up to them and marked
    ``cut_at_read``; ``engine.limits`` then refuses it, or keeps its first part."""
    source = str(path)
    p = Path(path)
    raw = _read_bytes(p, source)
    try:
        title, body, boilerplate, cut = _extract(raw, p.suffix.lower())
    except ContentError as e:
        raise IngestError(source, e.reason) from None
    except (RecursionError, MemoryError) as e:
        raise IngestError(source, f"is too complex to read ({type(e).__name__})") from None
    except Exception as e:  # a reader's own bug must not become an "unexpected failure"
        raise IngestError(source, f"could not be read ({type(e).__name__})") from None
    if not body or not _has_visible(body):
        invisible = "only invisible characters" if body else ""
        what = invisible or (
            "only site furniture" if boilerplate else "only blank space" if not title else ""
        )
        raise IngestError(
            source, f"has no article text ({what})" if what else "has no article text"
        )
    return Document(
        label=p.stem,
        source=source,
        text=body,
        title=title,
        boilerplate=boilerplate,
        sha256=hashlib.sha256(raw).hexdigest(),
        cut_at_read=cut or len(body) > limits.LIMITS.version_chars,
    )


def document_from_text(text: str, label: str, source: str = "", sha256: str = "") -> Document:
    """A Document from text already in memory (pasted text, tests); never raises."""
    title, body, boilerplate = split_furniture(normalise_newlines(text.lstrip("\ufeff")))
    return Document(
        label=label, source=source, text=body, title=title, boilerplate=boilerplate, sha256=sha256
    )
