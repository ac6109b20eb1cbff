"""A saved web page to (title, article text, what was dropped), via trafilatura.

trafilatura (the reference article extractor) keeps the article body and drops scripts,
navigation, cookie banners, newsletter boxes, related-story lists and footers. When it
finds nothing or fails (tiny pages, nesting deeper than lxml accepts), a non-recursive
stdlib parser takes the visible text outside the usual page chrome instead, so no page
crashes the reader. Paragraphs come out separated by blank lines.
"""

from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass
from html.parser import HTMLParser

from variorum.engine.ingest_decode import decode_text
from variorum.engine.ingest_errors import ContentError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_MAX_DROPPED = 200  # boilerplate entries kept from one page
_MAX_DROPPED_CHARS = 300
_THOROUGH_CHARS = 2_000_000  # bigger pages skip trafilatura's slower fallback extractors

# Elements whose text is never article text.
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe"})
_CHROME = frozenset({"nav", "header", "footer", "aside", "form", "button", "select", "menu"})
_CHROME_ATTR = re.compile(
    r"cookie|consent|gdpr|newsletter|subscribe|related|recommend|share|social|promo|advert"
    r"|\bads?\b|sidebar|footer|header|\bnav|menu|breadcrumb|comment",
    re.I,
)
_BLOCKS = frozenset(
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "article",
        "section", "main", "blockquote", "pre", "tr", "table", "figcaption", "figure", "dd",
        "dt", "dl", "hr", "address", "details", "summary", "title",
    }
)  # fmt: skip
_VOID = frozenset(
    {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source",
     "track", "wbr", "param"}
)  # fmt: skip


@dataclass(frozen=True)
class HtmlArticle:
    title: str | None
    text: str
    dropped: tuple[str, ...]
    cut: bool = False  # the page had more blocks than asked for; only the first were read


# Opening tags of blocks, counted on the raw bytes before any parsing.
_BLOCK_TAG = re.compile(rb"<(?:p|div|li|br|tr|h[1-6]|blockquote|section|article)[\s/>]", re.I)
_BIG_PAGE_BLOCKS = 20_000  # past this, trafilatura's per-node work takes minutes


def _cut_at_block(raw: bytes, max_blocks: int) -> tuple[bytes, int]:
    """(the page up to its ``max_blocks``-th block, the number of blocks in what is kept)."""
    n = 0
    for m in _BLOCK_TAG.finditer(raw):
        n += 1
        if n > max_blocks:
            return raw[: m.start()], max_blocks
    return raw, n


def _lxml_blocks(html: str) -> tuple[list[str], str | None]:
    """(visible text blocks without chrome, the page title) of a very big page, by lxml:
    linear and in C where it matters; the stdlib parser and trafilatura are far slower."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html, parser=lxml_html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError):
        return [], None
    title_el = root.find(".//title")
    title = (
        _SPACES.sub(" ", title_el.text_content()).strip() or None if title_el is not None else None
    )
    blocks: list[str] = []
    parts: list[str] = []

    def flush() -> None:
        text = _SPACES.sub(" ", "".join(parts)).strip()
        parts.clear()
        if text:
            blocks.append(text)

    skipping: etree._Element | None = None
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if skipping is not None:
                continue
            marks = " ".join(el.get(k) or "" for k in ("class", "id", "role"))
            if (
                tag in _INVISIBLE
                or tag in _CHROME
                or (marks.strip() and _CHROME_ATTR.search(marks) is not None)
            ):
                flush()
                skipping = el
                continue
            if tag in _BLOCKS:
                flush()
            if el.text:
                parts.append(el.text)
        else:
            if skipping is el:
                skipping = None
            elif skipping is not None:
                continue
            elif tag in _BLOCKS:
                flush()
            if el.tail and skipping is None:
                parts.append(el.tail)
    flush()
    return blocks, title


class _BlockText(HTMLParser):
    """Visible text split into blocks; iterative, so nesting depth does not matter."""

    def __init__(self, skip_chrome: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_chrome = skip_chrome
        self.blocks: list[str] = []
        self.title: str | None = None
        self.h1: str | None = None
        self.og_title: str | None = None
        self._parts: list[str] = []
        self._skip_tag: str | None = None
        self._skip_depth = 0
        self._in_title = False
        self._in_h1 = False
        self._title_parts: list[str] = []
        self._h1_parts: list[str] = []

    def _flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self._parts)).strip()
        self._parts.clear()
        if text:
            self.blocks.append(text)

    def _skips(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if tag in _INVISIBLE:
            return True
        if not self.skip_chrome:
            return False
        if tag in _CHROME:
            return True
        marks = " ".join(v for k, v in attrs if k in ("class", "id", "role") and v)
        return bool(marks) and _CHROME_ATTR.search(marks) is not None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta" and self.og_title is None:
            values = dict(attrs)
            if values.get("property") == "og:title" and values.get("content"):
                self.og_title = _SPACES.sub(" ", values["content"] or "").strip() or None
        if tag == "title" and self.title is None:
            self._in_title = True
            return
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth += 1
            return
        if tag not in _VOID and self._skips(tag, attrs):
            self._flush()
            self._skip_tag, self._skip_depth = tag, 1
            return
        if tag in _BLOCKS:
            self._flush()
        if tag == "h1" and self.h1 is None:
            self._in_h1 = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._in_title:
            self._in_title = False
            self.title = _SPACES.sub(" ", "".join(self._title_parts)).strip() or None
            return
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth -= 1
                if self._skip_depth == 0:
                    self._skip_tag = None
            return
        if tag == "h1" and self._in_h1:
            self._in_h1 = False
            self.h1 = _SPACES.sub(" ", "".join(self._h1_parts)).strip() or None
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
        elif self._skip_tag is None:
            self._parts.append(data)
            if self._in_h1:
                self._h1_parts.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _parse_blocks(html: str, skip_chrome: bool) -> _BlockText:
    parser = _BlockText(skip_chrome)
    parser.feed(html)
    parser.close()
    return parser


def decode_html(raw: bytes) -> str:
    """Decode a page using its declared charset when that works, else like a text file."""
    declared = _META_CHARSET.search(raw[:4096])
    if declared is not None and not raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode(declared.group(1).decode("ascii"))
        except (UnicodeError, LookupError, ValueError, TypeError):
            pass  # a wrong or made-up declaration ("undefined") is common; detect instead
    try:
        return decode_text(raw)
    except ContentError as e:
        raise ContentError(e.reason.replace("not text", "not a web page")) from None


def _trafilatura(html: str) -> list[str]:
    """Article paragraphs from trafilatura, or [] when it finds no article.

    Its metadata pass (dates via htmldate) costs more than the extraction on big pages and
    only the title is wanted, which the page's own tags give; so metadata is off. Past
    ``_THOROUGH_CHARS`` its second-opinion extractors are skipped too.
    """
    import trafilatura  # imported here: slow to import, only needed for web pages

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = trafilatura.bare_extraction(
            html,
            with_metadata=False,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=True,
            fast=len(html) > _THOROUGH_CHARS,
        )
    text = getattr(result, "text", None) if result is not None else None
    lines = [_SPACES.sub(" ", line).strip() for line in str(text or "").split("\n")]
    return [x for x in lines if x]


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def _dropped(all_blocks: list[str], kept: list[str], title: str | None) -> tuple[str, ...]:
    """Visible page text the extractor left out, for the user to inspect."""
    kept_keys = {_key(p) for p in kept}
    if title:
        kept_keys.add(_key(title))
    out: list[str] = []
    seen: set[str] = set()
    for block in all_blocks:
        key = _key(block)
        if not key or key in kept_keys or key in seen:
            continue
        seen.add(key)
        out.append(block if len(block) <= _MAX_DROPPED_CHARS else block[:_MAX_DROPPED_CHARS] + "…")
        if len(out) >= _MAX_DROPPED:
            break
    return tuple(out)


def extract_html(raw: bytes, max_blocks: int = 2**62) -> HtmlArticle:
    """The article in a saved web page; raises ContentError when the page has no text.

    Only the first ``max_blocks`` blocks (paragraphs, list items...) are read; a page
    with that many is over the comparison limits, and ``cut`` says so."""
    raw, blocks = _cut_at_block(raw, max_blocks)
    cut = blocks == max_blocks
    if blocks > _BIG_PAGE_BLOCKS:
        html = decode_html(raw)
        paragraphs, title = _lxml_blocks(html)
        if not paragraphs:  # nested past lxml's depth limit: the iterative parser copes
            page = _parse_blocks(html, skip_chrome=True)
            paragraphs, title = page.blocks, page.og_title or page.h1 or page.title
        return HtmlArticle(title, "\n\n".join(paragraphs), (), cut)
    html = decode_html(raw)
    logger = logging.getLogger("trafilatura")
    level = logger.level
    logger.setLevel(logging.CRITICAL)  # it logs parse failures we handle ourselves
    try:
        paragraphs = _trafilatura(html)
    except (RecursionError, ValueError, TypeError, AttributeError, MemoryError):
        paragraphs = []
    finally:
        logger.setLevel(level)
    everything = _parse_blocks(html, skip_chrome=False)
    if not paragraphs:
        paragraphs = _parse_blocks(html, skip_chrome=True).blocks
    title = everything.og_title or everything.h1 or everything.title
    if title and paragraphs and _key(paragraphs[0]) == _key(title):
        paragraphs = paragraphs[1:]
    return HtmlArticle(
        title, "\n\n".join(paragraphs), _dropped(everything.blocks, paragraphs, title), cut
    )
