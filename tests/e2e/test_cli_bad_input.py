"""``variorum compare`` on bad, odd and big input: exit codes, one-line messages, no tracebacks.

Contract: exit 0 on success; exit 2 with one line naming the file and the reason when
fewer than two readable versions remain; an unreadable file next to two readable ones is
skipped with a warning naming it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from variorum.cli import main

REPO = Path(__file__).resolve().parents[2]
SEED_A, SEED_B = sorted((REPO / "seeds").glob("*.txt"))[:2]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


def _empty(d: Path) -> tuple[Path, str]:
    (d / "empty.txt").write_bytes(b"")
    return d / "empty.txt", "is empty"


def _binary(d: Path) -> tuple[Path, str]:
    (d / "data.txt").write_bytes(bytes(range(256)) * 64)
    return d / "data.txt", "looks like a binary file, not text"


def _image_renamed(d: Path) -> tuple[Path, str]:
    (d / "photo.txt").write_bytes(PNG + b"\x00" * 200)
    return d / "photo.txt", "looks like a PNG image, not text"


def _unknown_extension(d: Path) -> tuple[Path, str]:
    (d / "notes.odt").write_bytes(b"PK\x03\x04 whatever")
    return d / "notes.odt", "unsupported file type '.odt' (supported: .txt, .md"


def _missing(d: Path) -> tuple[Path, str]:
    return d / "no-such-article.txt", "no such file"


def _directory(d: Path) -> tuple[Path, str]:
    (d / "folder").mkdir()
    return d / "folder", "is a folder"


def _dangling_link(d: Path) -> tuple[Path, str]:
    (d / "link.txt").symlink_to(d / "deleted.txt")
    return d / "link.txt", "is a broken link"


def _broken_docx(d: Path) -> tuple[Path, str]:
    (d / "broken.docx").write_bytes(b"PK\x03\x04" + b"\x00not a real zip" * 40)
    return d / "broken.docx", "is a damaged Word document (.docx)"


def _broken_pdf(d: Path) -> tuple[Path, str]:
    (d / "broken.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00\x01 garbage" * 100)
    return d / "broken.pdf", "is a damaged PDF document"


def _scanned_pdf(d: Path) -> tuple[Path, str]:
    return REPO / "tests" / "data" / "ingest" / "scanned.pdf", "has no text layer"


BAD_INPUTS: dict[str, Callable[[Path], tuple[Path, str]]] = {
    "empty": _empty,
    "binary": _binary,
    "image renamed .txt": _image_renamed,
    "unknown extension": _unknown_extension,
    "missing path": _missing,
    "directory": _directory,
    "dangling link": _dangling_link,
    "broken docx": _broken_docx,
    "broken pdf": _broken_pdf,
    "pdf without text": _scanned_pdf,
}


def _run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main(["compare", *map(str, args)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_unreadable_file_with_one_readable_version_exits_2_naming_it(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad, reason = BAD_INPUTS[case](tmp_path)
    code, out, err = _run(capsys, bad, SEED_A)
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"variorum: error: {bad}: ")
    assert reason in lines[0]


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_unreadable_file_next_to_two_readable_ones_is_skipped_with_a_warning(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad, reason = BAD_INPUTS[case](tmp_path)
    code, out, err = _run(capsys, SEED_A, bad, SEED_B, "--json", "-")
    assert code == 0
    assert [v["label"] for v in json.loads(out)["versions"]] == [SEED_A.stem, SEED_B.stem]
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"variorum: warning: skipped {bad}: ")
    assert reason in lines[0]


def test_two_unreadable_files_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty, _ = _empty(tmp_path)
    missing, _ = _missing(tmp_path)
    code, _, err = _run(capsys, empty, missing)
    assert code == 2
    assert len(err.splitlines()) == 1
    assert str(empty) in err


def test_a_single_file_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, SEED_A)
    assert code == 2
    assert err.startswith("variorum: error: ")
    assert len(err.splitlines()) == 1


def test_the_same_file_twice_gets_distinct_labels(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, SEED_A, SEED_A, "--json", "-")
    assert code == 0, err
    labels = [v["label"] for v in json.loads(out)["versions"]]
    assert len(labels) == 2
    assert len(set(labels)) == 2
    assert labels[0] == SEED_A.stem


def test_two_hundred_small_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = SEED_B.read_text(encoding="utf-8").splitlines()[:4]
    paths = []
    for i in range(200):
        lines = [line.replace("NATO", ("NATO", "the alliance", "Nato")[i % 3]) for line in base]
        lines.append(f"Version {i} adds a remark of its own about item number {i}.")
        path = tmp_path / f"v{i:03d}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    code, out, err = _run(capsys, *paths, "--json", "-")
    assert code == 0, err
    assert len(json.loads(out)["versions"]) == 200


def _compare_with_seed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes
) -> dict[str, object]:
    (tmp_path / name).write_bytes(data)
    code, out, err = _run(capsys, tmp_path / name, SEED_A, "--json", "-")
    assert code == 0, err
    assert err == ""  # no stray library logging either
    result: dict[str, object] = json.loads(out)
    return result


@pytest.mark.slow
def test_four_megabyte_text_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Varied sentences (not one repeated line) so alignment sees realistic input. The full
    # 20 MB case runs in tests/benchmarks/bench_hostile.py, where its time is measured.
    words = SEED_B.read_text(encoding="utf-8").split()
    paragraphs, size, i = [], 0, 0
    while size < 4 * 2**20:
        start = (i * 7919) % (len(words) - 40)
        paragraph = f"Paragraph {i}: " + " ".join(words[start : start + 25 + i % 15]) + "."
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
        i += 1
    result = _compare_with_seed(tmp_path, capsys, "big.txt", "\n\n".join(paragraphs).encode())
    versions = result["versions"]
    assert isinstance(versions, list)
    assert versions[0]["label"] == "big"


def test_single_400000_word_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sentence = " ".join(f"word{(i * 31) % 5000}" for i in range(400_000)) + "."
    result = _compare_with_seed(tmp_path, capsys, "long.txt", sentence.encode())
    versions = result["versions"]
    assert isinstance(versions, list)
    assert versions[0]["text"] == sentence


def test_twenty_thousand_tiny_paragraphs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "\n\n".join(f"Item {i} is fine." for i in range(20_000))
    result = _compare_with_seed(tmp_path, capsys, "tiny.txt", text.encode())
    versions = result["versions"]
    assert isinstance(versions, list)
    assert len(versions[0]["sentences"]) == 20_000


def test_deeply_nested_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    depth = 50_000
    para = "<p>NATO Secretary General Mark Rutte confirmed that troops are ready.</p>"
    html = "<html><body>" + "<div>" * depth + para + "</div>" * depth + "</body></html>"
    result = _compare_with_seed(tmp_path, capsys, "deep.html", html.encode())
    versions = result["versions"]
    assert isinstance(versions, list)
    assert "Mark Rutte confirmed" in versions[0]["text"]


def test_mixed_scripts_and_emoji(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        "Рютте заявил: «Мы готовы». 🇺🇦 Zelensky 👍🏽 replied.\n\n"
        "قال الأمين العام إن الحلف مستعد. שלום עולם.\n\n"
        "北约秘书长表示，多国愿意派兵。नमस्ते दुनिया। 👨‍👩‍👧‍👦 e\u0301 ﬁn.\n"
    )
    result = _compare_with_seed(tmp_path, capsys, "mixed.txt", text.encode())
    versions = result["versions"]
    assert isinstance(versions, list)
    assert versions[0]["text"] == text.strip()


def _subprocess(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "app"), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "variorum", "compare", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )


def test_subprocess_exit_codes_and_messages(tmp_path: Path) -> None:
    bad, reason = _image_renamed(tmp_path)
    failed = _subprocess(bad, SEED_A)
    assert failed.returncode == 2
    assert failed.stderr == f"variorum: error: {bad}: {reason}\n"
    assert failed.stdout == ""

    skipped = _subprocess(SEED_A, bad, SEED_B)
    assert skipped.returncode == 0
    assert skipped.stderr == f"variorum: warning: skipped {bad}: {reason}\n"
    assert SEED_A.stem in skipped.stdout
    assert "Traceback" not in failed.stderr + skipped.stderr
