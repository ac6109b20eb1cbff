"""Split plain article text into title, body and site furniture (pure functions, stdlib only).

Furniture is whole lines a website wraps around an article: "No time to read?",
"Advertisement", share and newsletter prompts, cookie notices, and "Previous Article" /
"Related stories" markers together with the unrelated headlines listed after them. It is
returned separately, never in the body. The title is a short first line without closing
punctuation (or a Markdown heading); it is not part of the body either.

Some of what is set aside is the version's *metadata* rather than furniture: bylines ("By
Tom Reyes, Regional Wire · 12 March 2026"), date lines ("Updated 14:05 GMT, 3 May 2025",
"Published on 12 March 2026") and photo credits. They leave the body the same way and
:func:`is_metadata` tells them apart, so they can be shown as who wrote the version and
when, never as rows or claims.
"""

from __future__ import annotations

import re

# Lines longer than this are article text, never furniture; also keeps regexes cheap on
# a single multi-megabyte line.
_MAX_FURNITURE_CHARS = 400
_MAX_TITLE_WORDS = 20
_MAX_TITLE_CHARS = 200
_MAX_HEADLINE_WORDS = 20
_MAX_LISTED_HEADLINES = 12

_SOCIAL = r"facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|e-?mail|bluesky|threads"

# Whole-line furniture, matched against the line lower-cased with decorations removed.
_STANDALONE = re.compile(
    "|".join(
        (
            r"no time to read\??(?: get a (?:summary|recap))?",
            r"get an? (?:summary|recap|ai summary)",
            r"(?:summari[sz]e|summary of) (?:this|the) (?:article|story)",
            r"listen to (?:this|the) (?:article|story)(?: \d+ min(?:ute)?s?)?",
            r"(?:reading time:? )?\d+ min(?:ute)?s?(?: read)?",
            r"advert(?:isement)?s?|ad|ads|sponsored(?: content| post)?|paid (?:content|post)"
            r"|promoted|partner content",
            r"(?:story|article) continues (?:below|after)(?: the)? advert(?:isement)?",
            r"advert(?:isement)? ?[-–—:]? ?scroll to continue(?: with content)?"
            r"|scroll to continue(?: with content)?",
            r"share(?: this| the)?(?: article| story| post| page)?(?: on (?:" + _SOCIAL + r"))?",
            r"(?:" + _SOCIAL + r"|tweet|print|copy link|copy url|save|bookmark|gift article)",
            r"(?:sign ?up|subscribe|register)(?: now| today| here)?(?: [-–—:] .{0,80})?",
            r"(?:sign ?up|subscribe|register)\b.{0,60}"
            r"\b(?:newsletters?|updates|alerts|briefings?|digest|inbox)\b.{0,120}",
            r"(?:get|receive) (?:our|the) .{0,40}newsletters?.{0,80}",
            r"newsletters?|(?:our|the) .{0,30} newsletter",
            r"enter your e-?mail(?: address)?.{0,40}",
            r"(?:read|see|show|load|view) more(?: stories| articles| news)?|continue reading",
            r"(?:view |show |read |load )?comments?(?: \(\d+\))?|\d+ comments?"
            r"|leave an? (?:comment|reply)|join the (?:conversation|discussion)",
            r"skip to (?:main )?(?:content|navigation)|back to top|jump to",
            r"follow us(?: on .{1,40})?",
            r"(?:accept|reject|allow|decline|deny)(?: all)?(?: cookies)?",
            r"(?:manage|cookie|privacy) (?:preferences|settings|choices)",
            r"(?:cookie|privacy) (?:policy|notice|statement)|terms of (?:use|service)"
            r"|all rights reserved",
            r"©.{0,80}|\(c\) ?\d{4}.{0,80}|copyright(?: ©| \(c\))? ?\d{4}.{0,80}",
            r"(?:photo|image|picture|photograph|video|credit)s?(?: credit)?: .{1,80}",
            r"(?:we use|this (?:web)?site uses|our (?:web)?site uses) cookies\b.*",
            r"by (?:continuing|using|browsing)\b.{0,60}\b(?:you (?:agree|accept|consent))\b.*",
        )
    )
)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,? )?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)? {_MONTH},? \d{{4}}|{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
)
_TIME = r"\d{1,2}[:.]\d{2}(?: ?[ap]\.?m\.?)?(?: [a-z]{2,5})?"
_AGO = r"\d+ (?:min(?:ute)?s?|hours?|days?) ago"
_WHEN = rf"(?:{_DATE}(?:,? (?:at )?{_TIME})?|{_TIME},? {_DATE}|{_TIME}|{_AGO})"
_NAME = r"[a-z][\w.'’-]*(?: [a-z][\w.'’-]*){0,3}"

# Lines that say who wrote a version and when, matched like furniture (lower-cased key);
# a byline's names must also be capitalised in the original, see is_metadata.
_METADATA = re.compile(
    "|".join(
        (
            rf"(?:words )?by {_NAME}(?:(?:,| and| &) {_NAME})*(?: ?[,·|/–—-] ?.{{0,80}})?",
            rf"(?:reporting|writing|editing|additional reporting) by {_NAME}.{{0,120}}",
            rf"(?:(?:first |last )?(?:published|updated|posted|modified)|last update)"
            rf"(?: on| at)?:? {_WHEN}.{{0,40}}",
            rf"{_WHEN}(?: [·|] .{{0,60}})?",
            r"(?:photo|image|picture|photograph|video|credit)s?(?: credit)?: .{1,80}",
            r"\(?(?:photo|picture|image)s? (?:by|courtesy of) .{1,80}",
            r".{0,60}/ ?(?:getty images|afp|reuters|ap|epa|pa|shutterstock|alamy)"
            r"(?: via getty)?\)?",
        )
    )
)
_BYLINE_NAME = re.compile(r"(?:[Ww]ords )?[Bb]y [A-Z]")


# Markers after which a site lists unrelated headlines (the headlines go too).
_LIST_INTRO = re.compile(
    "|".join(
        (
            r"(?:previous|next|prev)(?: article| story| post| page)?",
            r"(?:related|recommended|popular|trending|latest|more|top)(?: now| for you)?"
            r"(?: articles?| stories| news| posts| reads| content| coverage| reading)?",
            r"(?:most|more) (?:read|popular|viewed|shared|from .{1,40}|on this (?:story|topic))",
            r"you (?:may|might) (?:also )?(?:like|be interested in|have missed)",
            r"(?:read|watch|up) next|don't miss|also (?:read|on .{1,40})|see also|in other news",
            r"(?:editor'?s'? picks|what to read next|further reading)",
        )
    )
)

# A link to another story on one line: "Read more: NATO says ...".
_PREFIXED_LINK = re.compile(
    r"(?:read more|also read|read also|see also|related|recommended|watch|more)"
    r" ?[:|»›>–—-] ?\S.*"
)

_DECORATION = " \t\u00a0»«›‹→←▶►•·|>*_#–—-:"
_SPACES = re.compile(r"\s+")
_SENTENCE_END = (".", "!", "?", "…", "。", "！", "？")
_TITLE_CLOSERS = (*_SENTENCE_END, ",", ";", ":", "，", "；", "：")
_QUOTES = ("'", '"', "’", "”", "»", "」", "』", ")")
_MD_HEADING = re.compile(r"#{1,6}[ \t]+(.+?)[ \t#]*")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def _key(line: str) -> str:
    """A line as furniture patterns see it: lower-case, undecorated, single-spaced."""
    bare = line.strip(_DECORATION)
    # The only space a printable string can hold is " " (the others are not printable),
    # and none at its edges (the decoration is stripped): then without a double space
    # there is nothing to collapse, and an article's lines need no split into words.
    if bare.isprintable() and "  " not in bare:
        return bare.casefold()
    if bare[:1].isspace() or bare[-1:].isspace():
        return _SPACES.sub(" ", bare).casefold()  # an edge space stays (as one)
    # Otherwise the same: str.split and the regex's \s agree on what a space is, and
    # splitting costs a fraction of a substitution per space (a second on 20 MB).
    return " ".join(bare.split()).casefold()


def _is_headline(line: str) -> bool:
    """A short line that does not end like a sentence, e.g. a linked story's headline."""
    return (
        len(line) <= _MAX_TITLE_CHARS
        and len(line.split()) <= _MAX_HEADLINE_WORDS
        and not line.endswith(".")
    )


def _ends_closed(line: str) -> bool:
    stripped = line.rstrip()
    while stripped.endswith(_QUOTES):
        stripped = stripped[:-1].rstrip()
        if stripped.endswith((*_SENTENCE_END, ",")):
            return True
    return stripped.endswith(_TITLE_CLOSERS)


def title_of(line: str) -> str | None:
    """The title this first line gives, or None when the line is article text."""
    stripped = line.strip()
    heading = _MD_HEADING.fullmatch(stripped)
    if heading is not None:
        return heading.group(1).strip()
    if (
        stripped
        and len(stripped) <= _MAX_TITLE_CHARS
        and len(stripped.split()) <= _MAX_TITLE_WORDS
        and not _ends_closed(stripped)
    ):
        return stripped
    return None


def is_metadata(line: str) -> bool:
    """Whether a set-aside line is a byline, a date line or a photo credit."""
    stripped = line.strip()
    sentence_end = stripped.endswith((".", "?")) and not stripped.endswith(("a.m.", "p.m."))
    if not stripped or len(stripped) > _MAX_FURNITURE_CHARS or sentence_end:
        return False
    key = _key(stripped)
    if not _METADATA.fullmatch(key):
        return False
    if key.startswith(("by ", "words by ")):
        return _BYLINE_NAME.match(stripped.lstrip(_DECORATION)) is not None
    return True


def _remove_furniture(lines: list[str]) -> tuple[list[str], list[str]]:
    kept: list[str] = []
    removed: list[str] = []
    listed = -1  # headlines taken since the last list marker; -1 = not in a list
    for line in lines:
        stripped = line.strip()
        if not stripped:
            kept.append("")
            continue
        if len(stripped) <= _MAX_FURNITURE_CHARS:
            key = _key(stripped)
            if key and _LIST_INTRO.fullmatch(key):
                removed.append(stripped)
                listed = 0
                continue
            if key and (_STANDALONE.fullmatch(key) or _PREFIXED_LINK.fullmatch(key)):
                removed.append(stripped)
                continue
            if key and is_metadata(stripped):
                removed.append(stripped)
                continue
            if 0 <= listed < _MAX_LISTED_HEADLINES and _is_headline(stripped):
                removed.append(stripped)
                listed += 1
                continue
        listed = -1
        kept.append(line.rstrip())
    return kept, removed


def join_body(lines: list[str]) -> str:
    """Lines back into text: 3+ newlines become one blank line, the whole stripped."""
    text = "\n".join(lines)
    if "\n\n\n" in text:  # a find is a small part of the regex's scan of every position
        text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()


def split_furniture(text: str) -> tuple[str | None, str, tuple[str, ...]]:
    """Return (title, body, boilerplate) for plain article text.

    The body keeps the original characters and line structure; the title is taken only
    when more text follows it.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept, removed = _remove_furniture(lines)
    first = next((i for i, line in enumerate(kept) if line.strip()), None)
    title = None
    if first is not None and any(line.strip() for line in kept[first + 1 :]):
        title = title_of(kept[first])
        if title is not None:
            del kept[: first + 1]
    return title, join_body(kept), tuple(removed)


def strip_furniture(text: str) -> tuple[str, tuple[str, ...]]:
    """(body, boilerplate) for text whose title is already known (web pages, Word files)."""
    kept, removed = _remove_furniture(text.split("\n"))
    return join_body(kept), tuple(removed)
