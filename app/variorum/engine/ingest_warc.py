"""Web archives (.warc, .warc.gz) to Documents: one version per HTML capture of a URL.

``index_warc`` reads only record headers and returns the archive's pages (one per URL with
at least one HTML capture), each with its captures in time order. ``read_page`` turns one
page's captures into Documents with the same article extraction as a saved ``.html`` file,
labelled by capture date ("2024-01-05 10:00") and dated (``Document.date``, ISO 8601 UTC).
``warc_documents`` does both for one URL, the command line's ``--url``.

An HTML capture is a ``response`` record with a 2xx HTTP status (redirects, errors and
``revisit`` records are not pages) or a ``resource`` record, whose content type is HTML.
Records are found again by their byte offset, so reading one page never decodes the rest
of a large archive. Everything raised is an :class:`IngestError` naming the archive; a
capture without article text is reported, not raised. Nothing here touches the network.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from variorum.engine.ingest import MAX_FILE_BYTES, extract_web_page
from variorum.engine.ingest_errors import ContentError, IngestError
from variorum.engine.model import Document

WARC_SUFFIXES: tuple[str, ...] = (".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_SNIFF_BYTES = 512


def is_warc(path: str | Path) -> bool:
    """True when the file name says web archive (``.warc`` or ``.warc.gz``)."""
    return str(path).lower().endswith(WARC_SUFFIXES)


@dataclass(frozen=True)
class Capture:
    """One HTML capture: when it was taken and where its record starts in the file."""

    url: str
    date: str  # ISO 8601 UTC, "2024-01-05T10:00:00Z" (the record's WARC-Date, normalised)
    offset: int


@dataclass(frozen=True)
class ArchivedPage:
    """A URL and its HTML captures, oldest first."""

    url: str
    captures: tuple[Capture, ...]

    @property
    def first(self) -> str:
        return self.captures[0].date

    @property
    def last(self) -> str:
        return self.captures[-1].date


class UrlChoiceNeeded(IngestError):
    """The archive holds several pages and the caller named none; ``pages`` lists them."""

    def __init__(self, path: str, pages: tuple[ArchivedPage, ...]) -> None:
        super().__init__(path, f"holds {len(pages)} pages; choose one URL")
        self.pages = pages


def normalise_date(raw: str) -> str:
    """A WARC-Date as "YYYY-MM-DDTHH:MM:SSZ" in UTC; unparsable dates are kept as written."""
    try:
        when = datetime.fromisoformat(raw.strip())
    except ValueError:
        return raw.strip()
    if when.tzinfo is None:  # WARC dates are UTC by definition
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def capture_labels(dates: list[str]) -> list[str]:
    """Column labels for capture dates: to the minute, to the second when minutes repeat,
    and " (2)", " (3)" for captures taken in the same second."""
    minutes = [d[:16].replace("T", " ") for d in dates]
    if len(set(minutes)) == len(minutes):
        return minutes
    seconds = [d[:19].replace("T", " ") for d in dates]
    seen: dict[str, int] = {}
    out: list[str] = []
    for s in seconds:
        seen[s] = seen.get(s, 0) + 1
        out.append(s if seen[s] == 1 else f"{s} ({seen[s]})")
    return out


def _open(path: Path, source: str) -> IO[bytes]:
    try:
        if path.is_dir():
            raise IngestError(source, "is a folder, not a web archive")
        return path.open("rb")
    except FileNotFoundError:
        raise IngestError(source, "no such file") from None
    except PermissionError:
        raise IngestError(source, "permission denied (you are not allowed to read it)") from None
    except OSError as e:
        raise IngestError(source, f"cannot be read ({e.strerror or e})") from None


def _records(fh: IO[bytes], source: str) -> Iterator[tuple[Any, Any]]:
    """(iterator, record) pairs; warcio's failures become one IngestError."""
    from warcio.archiveiterator import ArchiveIterator  # imported here: only archives need it

    try:
        records = ArchiveIterator(fh)
        for record in records:
            if record.format != "warc":  # warcio also reads old ARC files, and lone text as ARC
                raise IngestError(source, "is not a readable web archive (no WARC record)")
            yield records, record
    except IngestError:
        raise
    except Exception as e:  # warcio raises many types for damaged or foreign files
        raise IngestError(source, f"is not a readable web archive ({_why(e)})") from None


def _why(e: Exception) -> str:
    text = str(e).strip().splitlines()
    return text[0][:120] if text else type(e).__name__


def _content_type(record: Any) -> str:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    value = headers.get_header("Content-Type") if headers is not None else None
    return str(value or "").split(";")[0].strip().lower()


def _is_html_capture(record: Any) -> bool:
    if record.rec_type == "response":
        if record.http_headers is None:
            return False
        status = str(record.http_headers.get_statuscode() or "")
        if not status.startswith("2"):
            return False
    elif record.rec_type != "resource":
        return False
    kind = _content_type(record)
    if kind:
        return kind in _HTML_TYPES
    head = record.content_stream().read(_SNIFF_BYTES).lstrip().lower()
    return bool(head.startswith((b"<!doctype html", b"<html")))


def index_warc(path: str | Path) -> tuple[ArchivedPage, ...]:
    """The archive's pages, in the order their URLs first appear; raises IngestError."""
    source = str(path)
    by_url: dict[str, list[Capture]] = {}
    with _open(Path(path), source) as fh:
        for records, record in _records(fh, source):
            url = record.rec_headers.get_header("WARC-Target-URI")
            if not url or not _is_html_capture(record):
                continue
            date = normalise_date(str(record.rec_headers.get_header("WARC-Date") or ""))
            by_url.setdefault(url, []).append(Capture(url, date, records.get_record_offset()))
    if not by_url:
        raise IngestError(source, "holds no HTML page captures (is it a web archive?)")
    return tuple(
        ArchivedPage(url, tuple(sorted(caps, key=lambda c: (c.date, c.offset))))
        for url, caps in by_url.items()
    )


def _payload_at(fh: IO[bytes], offset: int, source: str) -> bytes:
    fh.seek(offset)
    for _records_it, record in _records(fh, source):
        raw: bytes = record.content_stream().read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise ContentError(f"is too large (over {MAX_FILE_BYTES // (1024 * 1024)} MB)")
        return raw
    raise IngestError(source, f"has no record at byte {offset} (the archive changed?)")


def read_page(path: str | Path, page: ArchivedPage) -> tuple[list[Document], list[IngestError]]:
    """The page's captures as Documents, oldest first, and the captures that had no text.

    Each problem names the capture as ``archive#url@date``; an unreadable archive raises.
    """
    return read_captures([(str(path), c) for c in page.captures])


def read_captures(
    captures: Sequence[tuple[str, Capture]],
) -> tuple[list[Document], list[IngestError]]:
    """Documents for (archive, capture) pairs, which may come from several archives (one URL
    crawled into a new file each week): in time order, labelled by capture time."""
    ordered = sorted(captures, key=lambda ac: (ac[1].date, ac[0], ac[1].offset))
    docs: list[Document] = []
    problems: list[IngestError] = []
    labels = capture_labels([c.date for _a, c in ordered])
    handles: dict[str, IO[bytes]] = {}
    try:
        for (source, capture), label in zip(ordered, labels, strict=True):
            if source not in handles:
                handles[source] = _open(Path(source), source)
            where = f"{source}#{capture.url}@{capture.date}"
            try:
                raw = _payload_at(handles[source], capture.offset, source)
                title, body, boilerplate = extract_web_page(raw)
            except ContentError as e:
                problems.append(IngestError(where, e.reason))
                continue
            except (RecursionError, MemoryError) as e:
                problems.append(IngestError(where, f"is too complex to read ({type(e).__name__})"))
                continue
            if not body:
                problems.append(IngestError(where, "has no article text"))
                continue
            docs.append(
                Document(
                    label=label,
                    source=where,
                    text=body,
                    title=title,
                    boilerplate=boilerplate,
                    sha256=hashlib.sha256(raw).hexdigest(),
                    date=capture.date,
                )
            )
    finally:
        for fh in handles.values():
            fh.close()
    return docs, problems


def find_page(pages: tuple[ArchivedPage, ...], url: str | None, source: str) -> ArchivedPage:
    """The page for ``url``; with no url, the only page (else UrlChoiceNeeded)."""
    if url is None:
        if len(pages) == 1:
            return pages[0]
        raise UrlChoiceNeeded(source, pages)
    for page in pages:
        if page.url == url:
            return page
    raise IngestError(source, f"holds no HTML captures of {url}")


def warc_documents(
    path: str | Path, url: str | None = None
) -> tuple[list[Document], list[IngestError]]:
    """The captures of ``url`` in the archive at ``path`` (see :func:`find_page`)."""
    page = find_page(index_warc(path), url, str(path))
    return read_page(path, page)


def describe_page(page: ArchivedPage) -> str:
    """One line about a page: capture count, time span and URL (the CLI's list, the dialog's)."""
    n = len(page.captures)
    span = (
        page.first[:10]
        if page.first[:10] == page.last[:10]
        else (f"{page.first[:10]} to {page.last[:10]}")
    )
    return f"{n} capture{'' if n == 1 else 's'} ({span})  {page.url}"


def check_url_choice(paths: Sequence[str | Path], url: str | None) -> None:
    """For the command line: ValueError when ``url`` cannot be meant (no archive given) or
    is needed (an archive of several pages), the latter listing the pages one per line.

    An unreadable archive passes: loading it reports the problem with the other files.
    """
    archives = [p for p in paths if is_warc(p)]
    if url is not None and not archives:
        raise ValueError("--url needs a web archive (.warc or .warc.gz) among the files")
    if url is not None:
        return
    for archive in archives:
        try:
            pages = index_warc(archive)
        except IngestError:
            continue
        if len(pages) > 1:
            # One line, like every message (a newline in it would be printed escaped).
            listing = "; ".join(describe_page(p) for p in pages)
            raise ValueError(
                f"{archive}: holds {len(pages)} pages; choose one with --url: {listing}"
            )
