"""Big and hostile inputs a newsroom meets, generated at any scale (issue 12).

Each case writes its files into a folder and returns the ``variorum compare`` arguments.
``scale`` 1.0 is the size the issue names; the test table runs them small with limits
scaled by the same factor, so the outcome (compared or refused, and why) is the one a
user gets at full size. Shared by ``test_hostile_input.py`` and ``bench_hostile.py``.
"""

from __future__ import annotations

import base64
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted((REPO / "seeds").glob("*.txt"))


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path, float], list[str]]
    refused: bool  # the expected outcome at any scale: refused (exit 2) or compared (exit 0)
    reason: str = ""  # a fragment of the one-line message when refused


def _n(count: int, scale: float, least: int = 10) -> int:
    return max(least, int(count * scale))


def _seed() -> str:
    return str(SEEDS[0])


def _sentences(count: int) -> list[str]:
    words = SEEDS[1].read_text(encoding="utf-8").split()
    return [f"Item {i} says {words[i % len(words)]} again." for i in range(count)]


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_RELS = "application/vnd.openxmlformats-package.relationships+xml"


def _docx_bytes(paragraphs: list[str]) -> bytes:
    """A minimal valid .docx, written directly: python-docx is far too slow at 10^6 paragraphs."""
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    document = f'{head}<w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'
    types = (
        f'{head}<Types xmlns="{_PKG}/content-types">'
        f'<Default Extension="rels" ContentType="{_RELS}"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{_MAIN}"/></Types>'
    )
    rels = (
        f'{head}<Relationships xmlns="{_PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{_OFFICE}" Target="word/document.xml"/></Relationships>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document)
    return buf.getvalue()


def docx_paragraphs(d: Path, scale: float) -> list[str]:
    path = d / "transcript.docx"
    path.write_bytes(_docx_bytes(_sentences(_n(1_000_000, scale))))
    return [str(path), _seed()]


def html_paragraphs(d: Path, scale: float) -> list[str]:
    path = d / "page.html"
    paras = "".join(f"<p>{s}</p>" for s in _sentences(_n(1_000_000, scale)))
    path.write_text(f"<html><head><title>Long</title></head><body>{paras}</body></html>")
    return [str(path), _seed()]


def html_inline_image(d: Path, scale: float) -> list[str]:
    """A scraped page with a big inline (data: URI) image next to a short article."""
    path = d / "scraped.html"
    image = base64.b64encode(bytes(range(256)) * _n(40_000, scale)).decode()
    article = "".join(f"<p>{s}</p>" for s in _sentences(40))
    path.write_text(
        f'<html><body><article><img src="data:image/png;base64,{image}">{article}</article>'
        "</body></html>"
    )
    return [str(path), _seed()]


def one_line(d: Path, scale: float) -> list[str]:
    path = d / "oneline.txt"
    words = SEEDS[1].read_text(encoding="utf-8").split()
    target = _n(50_000_000, scale, 1000)
    parts, size, i = [], 0, 0
    while size < target:
        w = words[i % len(words)].strip(".!?")
        parts.append(w)
        size += len(w) + 1
        i += 1
    path.write_text(" ".join(parts))
    return [str(path), _seed()]


def twenty_megabytes(d: Path, scale: float) -> list[str]:
    """Varied paragraphs (not one repeated line), so alignment sees realistic input."""
    path = d / "big.txt"
    words = SEEDS[1].read_text(encoding="utf-8").split()
    paragraphs, size, i = [], 0, 0
    while size < _n(20 * 2**20, scale, 1000):
        start = (i * 7919) % (len(words) - 40)
        paragraph = f"Paragraph {i}: " + " ".join(words[start : start + 25 + i % 15]) + "."
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
        i += 1
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return [str(path), _seed()]


def full_stops(d: Path, scale: float) -> list[str]:
    path = d / "dots.txt"
    path.write_text("." * _n(1_000_000, scale))
    return [str(path), _seed()]


def spaced_full_stops(d: Path, scale: float) -> list[str]:
    path = d / "spaced-dots.txt"
    path.write_text(". " * _n(1_000_000, scale))
    return [str(path), _seed()]


def short_sentences(d: Path, scale: float) -> list[str]:
    path = d / "short.txt"
    path.write_text(" ".join(f"Go {i}." for i in range(_n(1_000_000, scale))))
    return [str(path), _seed()]


def bad_charset(d: Path, scale: float) -> list[str]:
    path = d / "charset.html"
    path.write_bytes(
        b'<html><head><meta charset="undefined"><title>T</title></head><body>'
        b"<p>The council voted nine to three on Tuesday to build the barrier.</p>"
        b"<p>Work starts in May, officials said.</p></body></html>"
    )
    return [str(path), _seed()]


def _session(d: Path, versions: list[dict[str, object]], **settings: object) -> list[str]:
    path = d / "doctored.variorum"
    data = {
        "format": "variorum-session",
        "format_version": 1,
        "versions": versions,
        "settings": {"threshold": 0.55, **settings},
    }
    path.write_text(json.dumps(data))
    return [str(path)]


def _version(label: str, text: str, source: str = "") -> dict[str, object]:
    return {"label": label, "source": source, "sha256": "", "text": text}


def _seed_versions() -> list[dict[str, object]]:
    return [_version(p.stem, p.read_text(encoding="utf-8")) for p in SEEDS[:2]]


def session_huge_threshold(d: Path, scale: float) -> list[str]:
    path = d / "threshold.variorum"
    raw = json.dumps(
        {
            "format": "variorum-session",
            "format_version": 1,
            "versions": _seed_versions(),
            "settings": {"threshold": 0},
        }
    )
    path.write_text(raw.replace('"threshold": 0', '"threshold": ' + "9" * 400))
    return [str(path)]


def session_big_version(d: Path, scale: float) -> list[str]:
    words = SEEDS[1].read_text(encoding="utf-8").split()
    target = _n(28_000_000, scale, 1000)
    text = " ".join(words[i % len(words)] for i in range(target // 6))
    return _session(d, [_version("big", text), *_seed_versions()[:1]])


def session_full_stops(d: Path, scale: float) -> list[str]:
    return _session(d, [_version("dots", ". " * _n(3_000_000, scale)), *_seed_versions()[:1]])


def session_many_versions(d: Path, scale: float) -> list[str]:
    versions = [_version(f"v{i}", f"Version {i} of the story.") for i in range(_n(2000, scale))]
    return _session(d, versions)


def session_proc_source(d: Path, scale: float) -> list[str]:
    versions = _seed_versions()
    versions[0]["source"] = "/proc/self/pagemap"
    versions[0]["sha256"] = "0" * 64
    return _session(d, versions)


CASES: list[Case] = [
    Case("docx of 1,000,000 paragraphs", docx_paragraphs, True, "sentences"),
    Case("html of 1,000,000 <p>", html_paragraphs, True, "sentences"),
    Case("html with a big inline image", html_inline_image, False),
    Case("50 MB on one line", one_line, True, "characters"),
    Case("20 MB text file", twenty_megabytes, False),
    Case("1,000,000 full stops", full_stops, False),
    Case("1,000,000 spaced full stops", spaced_full_stops, True, "sentences"),
    Case("1,000,000 short sentences", short_sentences, True, "sentences"),
    Case("meta charset naming no codec", bad_charset, False),
    Case("session threshold of 400 digits", session_huge_threshold, True, "threshold"),
    Case("session with a 28 MB version", session_big_version, True, "characters"),
    Case("session of 3,000,000 full stops", session_full_stops, True, "sentences"),
    Case("session of 2,000 tiny versions", session_many_versions, True, "versions"),
    Case("session source /proc/self/pagemap", session_proc_source, False),
]
