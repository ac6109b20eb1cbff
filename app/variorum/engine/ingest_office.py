"""Word (.docx, read as an XML stream) and PDF (pypdf text layer) files to (title, text).

Both return paragraphs separated by blank lines. Damaged, encrypted or image-only files
raise :class:`ContentError` with a reason a user can act on. The third-party parsers see
untrusted bytes and fail in many ways, so their failures are caught broadly here.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
import warnings
import zipfile
from collections.abc import Iterator
from typing import Any

from variorum.engine.ingest_decode import sniff_kind
from variorum.engine.ingest_errors import ContentError

_MAX_UNZIPPED_BYTES = 500 * 1024 * 1024  # a .docx expanding beyond this is a zip bomb
# The longest stretch of XML with no markup in it (one text or attribute value). The parser
# holds such a stretch whole, at twice its size or more, so a bomb of one endless text node
# must stop here rather than at the unpacked-size budget. A real paragraph is far shorter.
_MAX_RUN_BYTES = 16 * 1024 * 1024
# Elements the parser must keep between two items read (body paragraphs, styles): each
# costs it about 120 bytes, so a bomb of millions of empty tags is stopped here. A real
# document has a few dozen per paragraph; a very large table some hundred thousand.
_MAX_PENDING_TAGS = 1_000_000
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SPACES = re.compile(r"[ \t\u00a0]+")
_HYPHENATED = re.compile(r"(\w)-$")
_COLUMN_GAP = re.compile(r"\S {6,}\S")


def _not_this_format(raw: bytes, what: str) -> ContentError:
    kind = sniff_kind(raw)
    if kind is None:
        if raw.lstrip()[:1] == b"<":
            kind = "a web page or XML file"
        else:
            return ContentError(f"is not {what} (it may be damaged or renamed)")
    return ContentError(f"looks like {kind}, not {what}")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_READ_CHUNK = 1 << 20


def _capped_entry(archive: zipfile.ZipFile, name: str, budget: list[int]) -> Iterator[bytes]:
    """An entry's bytes in chunks, stopping at the unpacked-size budget whatever the zip's
    directory claims (a bomb can lie about its sizes). ``budget`` is [bytes left, tags
    read since the reader last took an item]; the reader resets the second."""
    run = 0  # bytes since the last "<"
    with archive.open(name) as fh:
        while chunk := fh.read(_READ_CHUNK):
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise ContentError(
                    f"expands to more than {_MAX_UNZIPPED_BYTES // 2**20} MB when unpacked; "
                    "not read"
                )
            last_tag = chunk.rfind(b"<")
            run = run + len(chunk) if last_tag < 0 else len(chunk) - last_tag
            budget[1] += chunk.count(b"<")
            if budget[1] > _MAX_PENDING_TAGS:
                raise ContentError(
                    f"holds over {_MAX_PENDING_TAGS:,} XML elements outside any paragraph "
                    "(a zip bomb?); not read"
                )
            if run > _MAX_RUN_BYTES:
                raise ContentError(
                    f"holds more than {_MAX_RUN_BYTES // 2**20} MB of text with no markup "
                    "(a zip bomb?); not read"
                )
            yield chunk


class _Stream(io.RawIOBase):
    """A zip entry as a file object for lxml, under the unpacked-size budget."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._rest = b""

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if not self._rest:
            self._rest = next(self._chunks, b"")
        n = len(self._rest) if size is None or size < 0 else size
        out, self._rest = self._rest[:n], self._rest[n:]
        return out


def _iterparse(archive: zipfile.ZipFile, name: str, budget: list[int], tag: str) -> Any:
    from lxml import etree  # python-docx's parser; C speed on a million paragraphs

    return etree.iterparse(
        _Stream(_capped_entry(archive, name, budget)),
        events=("end",),
        tag=tag,
        resolve_entities=False,
        no_network=True,
        huge_tree=True,  # one paragraph may hold megabytes; sizes are capped above
    )


def _style_names(archive: zipfile.ZipFile, budget: list[int]) -> dict[str, str]:
    """Paragraph style id -> style name ("Heading1" -> "heading 1")."""
    if "word/styles.xml" not in archive.namelist():
        return {}
    names: dict[str, str] = {}
    for _event, el in _iterparse(archive, "word/styles.xml", budget, _W + "style"):
        name = el.find(_W + "name")
        style_id = el.get(_W + "styleId")
        if style_id and name is not None:
            names[style_id] = name.get(_W + "val", style_id)
        el.clear()
        budget[1] = 0
    return names


_RUN_TEXT = {_W + "tab": "\t", _W + "ptab": "\t", _W + "br": "\n", _W + "cr": "\n"}
_RUN_TEXT[_W + "noBreakHyphen"] = "-"


def _docx_paragraphs(
    archive: zipfile.ZipFile, budget: list[int], max_paragraphs: int, max_chars: int
) -> list[tuple[str, str]]:
    """(text, style id) of each body paragraph, read as a stream: memory and time stay
    linear in the document, whatever its number of paragraphs. Stops once past either
    maximum (the caller then knows the document is over the limits)."""
    out: list[tuple[str, str]] = []
    chars = 0
    body = _W + "body"
    text_tags = (_W + "t", *_RUN_TEXT)
    for _event, el in _iterparse(archive, "word/document.xml", budget, _W + "p"):
        parent = el.getparent()
        if parent is None or parent.tag != body:
            continue  # a paragraph in a table or text box: read with its own parent, or not
        parts = [
            (t.text or "") if t.tag == _W + "t" else _RUN_TEXT[t.tag] for t in el.iter(text_tags)
        ]
        style_el = el.find(f"{_W}pPr/{_W}pStyle")
        style = style_el.get(_W + "val", "") if style_el is not None else ""
        text = "".join(parts)
        out.append((text, style))
        el.clear()
        while el.getprevious() is not None:  # drop what was read: memory stays flat
            del parent[0]
        chars += len(text) + 2
        budget[1] = 0
        if len(out) > max_paragraphs or chars > max_chars:
            break
    return out


def extract_docx(
    raw: bytes, max_paragraphs: int = 2**62, max_chars: int = 2**62
) -> tuple[str | None, str]:
    """(title, text) of a Word document; the title is a first paragraph styled Title/Heading.

    Reading stops past ``max_paragraphs`` paragraphs or ``max_chars`` characters."""
    what = "a Word document (.docx)"
    if raw.startswith(_OLE):
        raise ContentError(
            "is an old-style Word file (.doc) or a password-protected document; "
            "save it as .docx without a password"
        )
    if not raw.startswith(b"PK"):
        raise _not_this_format(raw, what)
    budget = [_MAX_UNZIPPED_BYTES, 0]
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            if sum(info.file_size for info in archive.infolist()) > _MAX_UNZIPPED_BYTES:
                raise ContentError("expands to more than 500 MB when unpacked; not read")
            if "word/document.xml" not in archive.namelist():
                raise ContentError(f"is a ZIP archive but not {what}")
            styles = _style_names(archive, budget)
            paragraphs = _docx_paragraphs(archive, budget, max_paragraphs, max_chars)
    except ContentError:
        raise
    except zipfile.BadZipFile:
        raise ContentError(f"is a damaged {what[2:]}: its ZIP structure is broken") from None
    except Exception as e:  # any parser failure means a damaged file
        raise ContentError(f"is a damaged {what[2:]} ({type(e).__name__})") from None
    texts = [(text.strip(), styles.get(style, style)) for text, style in paragraphs if text.strip()]
    title = None
    if texts and texts[0][1].lower().startswith(("title", "heading")) and len(texts) > 1:
        title = texts.pop(0)[0]
    return title, "\n\n".join(text for text, _ in texts)


def _reflow(page_text: str) -> list[str]:
    """Join a page's visually wrapped lines back into paragraphs.

    A line ends its paragraph when it is blank, or ends a sentence while clearly shorter
    than the page's usual line width.
    """
    lines = [_SPACES.sub(" ", line).strip() for line in page_text.split("\n")]
    lengths = [len(line) for line in lines if line]
    if not lengths:
        return []
    width = statistics.quantiles(lengths, n=10)[-1] if len(lengths) >= 2 else lengths[0]
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
                current = ""
            continue
        if current and _HYPHENATED.search(current) and line[:1].islower():
            current = current[:-1] + line
        else:
            current = f"{current} {line}" if current else line
        if line.endswith((".", "!", "?", "”", "’", '"', ":")) and len(line) < 0.85 * width:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _page_text(page: Any) -> str:
    """A page's text with blank lines where the layout has paragraph gaps.

    pypdf's layout mode keeps those gaps but lays columns side by side, so a page whose
    lines mostly contain a wide gap is read in plain (content-stream) order instead.
    """
    try:
        text = str(page.extract_text(extraction_mode="layout") or "")
    except Exception:  # layout mode is newer and stricter; plain mode still may work
        text = ""
    lines = [line for line in text.split("\n") if line.strip()]
    columns = sum(1 for line in lines if _COLUMN_GAP.search(line.strip()))
    if not lines or columns > 0.3 * len(lines):
        text = str(page.extract_text() or "")
    return text


def extract_pdf(raw: bytes) -> tuple[str | None, str]:
    """(None, text) from a PDF's text layer; metadata titles are too often "Untitled"."""
    what = "a PDF document"
    if b"%PDF" not in raw[:1024]:
        raise _not_this_format(raw, what)
    import pypdf  # imported here: only needed for PDFs

    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)  # it logs every repaired defect
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = pypdf.PdfReader(io.BytesIO(raw))
            # Many PDFs are encrypted with an empty password just to set permissions;
            # those read (AES needs the cryptography package, a dependency).
            if reader.is_encrypted and not reader.decrypt(""):
                raise ContentError("is encrypted (needs a password); remove it and try again")
            pages = [_page_text(page) for page in reader.pages]
    except ContentError:
        raise
    except pypdf.errors.LimitReachedError:
        # pypdf's own guards against compression bombs and endless structures
        raise ContentError("is too large to read (it goes over a PDF reading limit)") from None
    except pypdf.errors.DependencyError:
        raise ContentError(
            "is encrypted in a way this installation cannot read (cryptography is missing)"
        ) from None
    except Exception as e:  # any parser failure means a damaged file
        raise ContentError(f"is a damaged {what[2:]} ({type(e).__name__})") from None
    finally:
        logger.setLevel(level)
    paragraphs = [p for page in pages for p in _reflow(page.replace("\x0c", "\n"))]
    if not paragraphs:
        raise ContentError("has no text layer (scanned image?); run OCR on it first")
    return None, "\n\n".join(paragraphs)
