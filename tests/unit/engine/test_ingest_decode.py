"""Encoding detection, newline normalisation and non-text recognition (engine/ingest_decode)."""

from __future__ import annotations

import codecs
import random

import pytest

from variorum.engine.ingest_decode import decode_text, sniff_kind
from variorum.engine.ingest_errors import ContentError

ENGLISH = "NATO’s chief said the troops’ plan was “fatal” for Moscow — café, naïve.\n"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (ENGLISH, "utf-8"),
        (ENGLISH, "utf-8-sig"),
        (ENGLISH, "utf-16"),  # Python writes a BOM
        (ENGLISH, "utf-16-le"),  # no BOM
        (ENGLISH, "utf-16-be"),  # no BOM
        (ENGLISH, "utf-32"),
        (ENGLISH, "cp1252"),
        ("Café au lait\n", "cp1252"),
        ("Straße und Grüße aus Köln. Das ist schön.\n", "latin-1"),
        ("Señor Núñez visitó la capital española el lunes pasado.\n", "cp1252"),
        ("Été à Paris: « bonjour », naïve façade.\n", "cp1252"),
        ("Zażółć gęślą jaźń. Łódź i Kraków są w Polsce, mówi minister.\n", "cp1250"),
        ("Привет, мир! Это короткий текст на русском языке.\n", "cp1251"),
        ("Привет, мир! Это короткий текст на русском языке.\n", "koi8-r"),
        ("Καλημέρα κόσμε, αυτό είναι ελληνικό κείμενο.\n", "cp1253"),
        ("これは日本語のテキストです。東京は晴れ。\n", "shift_jis"),
        ("这是中文文本。北京今天天气很好。\n", "gb18030"),
    ],
)
def test_common_encodings_decode_to_the_original_text(text: str, encoding: str) -> None:
    assert decode_text(text.encode(encoding)) == text


def test_plain_ascii_is_ascii() -> None:
    assert decode_text(b"Plain words only.\n") == "Plain words only.\n"


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n", "\u2028"])
def test_line_endings_become_lf(newline: str) -> None:
    raw = f"One.{newline}Two.{newline}{newline}Three.".encode()
    assert decode_text(raw) == "One.\nTwo.\n\nThree."


def test_utf16_crlf_becomes_lf() -> None:
    assert decode_text("A.\r\nB.\r\n".encode("utf-16")) == "A.\nB.\n"


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "a GIF image"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "a WebP image"),
        (b"%PDF-1.7\n%\xe2\xe3", "a PDF document"),
        (b"PK\x03\x04\x14\x00", "a ZIP archive or Office document"),
        (b"\x7fELF\x02\x01\x01", "a program (executable)"),
    ],
)
def test_known_file_signatures_are_named(raw: bytes, kind: str) -> None:
    assert sniff_kind(raw) == kind
    with pytest.raises(ContentError) as err:
        decode_text(raw + b"\x00" * 64)
    assert err.value.reason == f"looks like {kind}, not text"


def test_random_binary_is_binary() -> None:
    raw = random.Random(7).randbytes(4096)
    with pytest.raises(ContentError, match="looks like a binary file, not text"):
        decode_text(raw)


def test_control_characters_without_nul_are_binary() -> None:
    rng = random.Random(3)
    raw = bytes(rng.choice(b"\x01\x02\x03\x04\x05abc") for _ in range(2000))
    with pytest.raises(ContentError, match="binary"):
        decode_text(raw)


def test_bytes_no_encoding_makes_sense_of_are_undecodable() -> None:
    rng = random.Random(5)
    raw = bytes(rng.randrange(0x80, 0x100) for _ in range(2000))
    with pytest.raises(ContentError, match="cannot be decoded as text"):
        decode_text(raw)


def test_invalid_bytes_after_a_utf8_bom_are_reported() -> None:
    with pytest.raises(ContentError, match="not valid text"):
        decode_text(codecs.BOM_UTF8 + b"abc \xff\xfe\xfd")


def test_multibyte_character_cut_at_the_sample_boundary_still_detects() -> None:
    text = "Zażółć gęślą jaźń. " * 8000  # cp1250 text far longer than the sample
    assert decode_text(text.encode("cp1250")) == text


@pytest.mark.parametrize(
    "text", ["a\r\nb", "a\r\r\nb\n\r", "\r", "x\u2028y\x85z\u2029w", "plain", "\r\n\r\n"]
)
def test_normalise_newlines_is_the_regex_rule(text: str) -> None:
    from variorum.engine.ingest_decode import _NEWLINES, normalise_newlines

    assert normalise_newlines(text) == _NEWLINES.sub("\n", text).replace("\u2029", "\n\n")
