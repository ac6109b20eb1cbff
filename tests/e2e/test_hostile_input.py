"""Every hostile case of issue 12, small, with the limits scaled down by the same factor.

The outcome is asserted, not the clock: compared (exit 0, JSON written) or refused (exit 2,
one line naming the file and the reason, no traceback). ``bench_hostile.py`` runs the
same cases at full size for time and memory.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile_cases import CASES, Case

from variorum.cli import main
from variorum.engine import limits
from variorum.engine.limits import Limits

SCALE = 0.01


@pytest.fixture(autouse=True)
def scaled_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    full = Limits()
    monkeypatch.setattr(
        limits,
        "LIMITS",
        Limits(
            version_chars=int(full.version_chars * SCALE),
            version_sentences=int(full.version_sentences * SCALE),
            versions=int(full.versions * SCALE),
            total_chars=int(full.total_chars * SCALE),
            total_sentences=int(full.total_sentences * SCALE),
        ),
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_case(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = case.build(tmp_path, SCALE)
    out = tmp_path / "out.json"
    code = main(["compare", *args, "--json", str(out)])
    err = capsys.readouterr().err
    assert "Traceback" not in err and "unexpected failure" not in err
    if case.refused:
        assert code == 2, err
        lines = err.strip().splitlines()
        assert len(lines) == 1, err
        assert lines[0].startswith(f"variorum: error: {args[0]}: ")
        assert case.reason in lines[0]
        assert not out.exists()
    else:
        assert code == 0, err
        result = json.loads(out.read_text(encoding="utf-8"))
        assert len(result["versions"]) == len(args) if len(args) > 1 else 2


def test_the_table_covers_every_case_the_issue_names() -> None:
    assert len(CASES) >= 13
    assert {c.refused for c in CASES} == {True, False}
