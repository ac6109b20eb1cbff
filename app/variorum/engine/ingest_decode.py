"""Bytes to text: recognise non-text files by signature, detect the encoding, normalise newlines.

``decode_text`` returns the decoded text with LF line endings and raises
:class:`ContentError` for images, archives, binary data and undecodable bytes.
Tried in order: a byte-order mark, UTF-8 (strict), UTF-16 without a BOM, then the
common legacy code pages ranked by charset-normalizer's mess measure (ties go to the
most widespread code page, so short Western text is not mistaken for cp1006 or cp775).
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from variorum.engine.ingest_errors import ContentError

SAMPLE_BYTES = 64 * 1024

# (signature, offset, what it is); checked before any decoding.
_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "a PNG image"),
    (b"\xff\xd8\xff", 0, "a JPEG image"),
    (b"GIF87a", 0, "a GIF image"),
    (b"GIF89a", 0, "a GIF image"),
    (b"II*\x00", 0, "a TIFF image"),
    (b"MM\x00*", 0, "a TIFF image"),
    (b"\x00\x00\x01\x00", 0, "an icon image"),
    (b"%PDF", 0, "a PDF document"),
    (b"PK\x03\x04", 0, "a ZIP archive or Office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "an old Microsoft Office file (.doc/.xls)"),
    (b"{\\rtf", 0, "an RTF document"),
    (b"\x1f\x8b", 0, "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "a 7-Zip archive"),
    (b"Rar!\x1a\x07", 0, "a RAR archive"),
    (b"\x7fELF", 0, "a program (executable)"),
    (b"SQLite format 3\x00", 0, "an SQLite database"),
    (b"ID3", 0, "an MP3 audio file"),
    (b"OggS", 0, "an Ogg audio/video file"),
    (b"fLaC", 0, "a FLAC audio file"),
    (b"ftyp", 4, "an MP4/HEIC media file"),
    (b"\x1aE\xdf\xa3", 0, "a Matroska/WebM video"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Most widespread first: a tie in the mess measure goes to the earlier one.
LEGACY_ENCODINGS: tuple[str, ...] = (
    "cp1252",
    "cp1250",
    "cp1251",
    "koi8_r",
    "cp1253",
    "cp1254",
    "cp1257",
    "gb18030",
    "cp932",
    "euc_kr",
    "big5",
    "euc_jp",
    "cp1255",
    "cp1256",
    "mac_roman",
)
_MAX_MESS = 0.4  # charset-normalizer rates real text near 0; above this it is gibberish

# C0 controls that never occur in text (tab, LF, VT, FF, CR and ESC are allowed).
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?|\u2028|\x85")


def sniff_kind(raw: bytes) -> str | None:
    """What a file with this content is, if its signature says it is not text."""
    for signature, offset, kind in _SIGNATURES:
        if raw[offset : offset + len(signature)] == signature:
            return kind
    if raw[:4] == b"RIFF" and raw[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file"}.get(raw[8:12], "an AVI video")
    return None


def normalise_newlines(text: str) -> str:
    """CRLF, CR and Unicode line separators become LF; a paragraph separator a blank line."""
    # The same as _NEWLINES.sub("\n", text) (each CRLF pair, then each lone CR, is one LF),
    # in a few C scans instead of the regex's attempt at every position.
    for ending in ("\r\n", "\r", "\u2028", "\x85"):
        text = text.replace(ending, "\n")
    return text.replace("\u2029", "\n\n")


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit in every other byte, as in ASCII-heavy UTF-16."""
    even = sample[0::2]
    odd = sample[1::2]
    if not odd:
        return None
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _strict(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except (UnicodeError, LookupError, ValueError, TypeError):
        return None


def _looks_binary(text_sample: str) -> bool:
    return len(_CONTROL_CHARS.findall(text_sample)) > max(2, len(text_sample) // 100)


def _legacy_candidates(raw: bytes) -> list[str]:
    """Legacy encodings that decode the sample, cleanest first."""
    sample = raw[:SAMPLE_BYTES]
    scored: list[tuple[float, int, str]] = []
    names = list(LEGACY_ENCODINGS)
    guess = from_bytes(sample).best()
    if guess is not None and guess.encoding not in names:
        names.append(guess.encoding)  # an encoding outside our list, last in ties
    for rank, name in enumerate(names):
        try:
            # An incremental decoder tolerates a multi-byte character cut at the sample's end.
            decoded = codecs.getincrementaldecoder(name)().decode(sample, final=False)
        except (UnicodeError, LookupError, ValueError, TypeError):
            continue
        mess = mess_ratio(decoded, maximum_threshold=1.0)
        if mess <= _MAX_MESS:
            scored.append((mess, rank, name))
    return [name for _, _, name in sorted(scored)]


def decode_text(raw: bytes) -> str:
    """Decode a text file's bytes; newlines normalised to LF, a BOM dropped."""
    kind = sniff_kind(raw)
    if kind is not None:
        raise ContentError(f"looks like {kind}, not text")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            text = _strict(raw, encoding)
            if text is None:
                raise ContentError(f"starts with a {encoding.upper()} mark but is not valid text")
            return normalise_newlines(text)
    sample = raw[:SAMPLE_BYTES]
    if b"\x00" in sample:
        utf16 = _utf16_without_bom(sample)
        text = _strict(raw, utf16) if utf16 else None
        if text is None or _looks_binary(text[:SAMPLE_BYTES]):
            raise ContentError("looks like a binary file, not text")
        return normalise_newlines(text)
    if len(_CONTROL_BYTES.findall(sample)) > max(2, len(sample) // 100):
        raise ContentError("looks like a binary file, not text")
    text = _strict(raw, "utf-8")
    if text is not None:
        return normalise_newlines(text)
    for encoding in _legacy_candidates(raw):
        text = _strict(raw, encoding)
        if text is not None:
            return normalise_newlines(text)
    raise ContentError("cannot be decoded as text (not UTF-8, UTF-16 or a common legacy encoding)")
