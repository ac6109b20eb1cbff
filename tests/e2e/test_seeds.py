"""End to end: the CLI on the shipped seed articles against expected.json.

Every ``must`` item is a test of its own; the ``should`` items are scored and must pass too
(the engine reaches them today, so a regression shows).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
EXPECTED = json.loads((Path(__file__).parent / "data" / "expected.json").read_text("utf-8"))
_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "—": "-", "–": "-", "\u00a0": " "})


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.translate(_FOLD)).strip().lower()


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("e2e") / "seeds.json"
    seeds = sorted(str(p) for p in (REPO / "seeds").glob("*.txt"))
    proc = subprocess.run(
        [sys.executable, "-m", "variorum", "compare", *seeds, "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    data: dict[str, Any] = json.loads(out.read_text("utf-8"))
    return data


def by_key(output: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found = {}
    for key, fname in EXPECTED["files"].items():
        for v in output["versions"]:
            if v["label"] == Path(fname).stem:
                found[key] = v
    assert len(found) == 5
    return found


def terms(output: dict[str, Any], label: str | None = None) -> list[str]:
    return [norm(t) for c in output["claims"] if label in (None, c["version"]) for t in c["terms"]]


UNIQUE = [(k, t) for k, ts in EXPECTED["unique_terms_must"].items() for t in ts]


@pytest.mark.parametrize(("key", "term"), UNIQUE)
def test_unique_term_is_flagged(output: dict[str, Any], key: str, term: str) -> None:
    label = by_key(output)[key]["label"]
    nt = norm(term)
    assert any(nt in x or (x in nt and len(x) > 3) for x in terms(output, label)), term


@pytest.mark.parametrize(
    "term",
    EXPECTED["shared_terms_must_not_be_unique"] + EXPECTED["shared_terms_should_not_be_unique"],
)
def test_shared_term_is_not_flagged(output: dict[str, Any], term: str) -> None:
    assert not [x for x in terms(output) if norm(term) in x]


@pytest.mark.parametrize("furniture", EXPECTED["boilerplate_must_not_be_claims"])
def test_site_furniture_is_never_a_claim(output: dict[str, Any], furniture: str) -> None:
    nf = norm(furniture)
    assert not any(nf in norm(c["text"]) for c in output["claims"])
    assert not any(nf in x for x in terms(output))
    # ...and it is kept aside for the user to see.
    kept = [norm(b) for v in output["versions"] for b in v["boilerplate"]]
    assert any(nf in b for b in kept)


def sentence_ids(version: dict[str, Any], needle: str) -> set[int]:
    n = norm(needle)
    return {s["id"] for s in version["sentences"] if n in norm(s["text"])}


@pytest.mark.parametrize(
    "pair", EXPECTED["aligned_must"] + EXPECTED["aligned_should"], ids=lambda p: p["a_text"][:30]
)
def test_aligned_pairs_share_a_row(output: dict[str, Any], pair: dict[str, str]) -> None:
    versions = by_key(output)
    va, vb = versions[pair["a"]], versions[pair["b"]]
    ia, ib = sentence_ids(va, pair["a_text"]), sentence_ids(vb, pair["b_text"])
    assert ia and ib
    assert any(
        set(r["cells"].get(va["label"], [])) & ia and set(r["cells"].get(vb["label"], [])) & ib
        for r in output["rows"]
    )


def test_titles_and_format(output: dict[str, Any]) -> None:
    assert output["format"] == "variorum-comparison" and output["format_version"] == 1
    v = by_key(output)
    assert v["000"]["title"].startswith("NATO Considers Troop Deployment")
    assert v["001"]["title"] is None
    for version in output["versions"]:
        for s in version["sentences"]:
            assert version["text"][s["start"] : s["end"]] == s["text"]
    sim = output["similarity"]
    a, b = v["000"]["label"], v["001"]["label"]
    assert sim[a][b] == sim[b][a] > 0.1


def test_json_is_byte_identical_across_runs(tmp_path: Path, output: dict[str, Any]) -> None:
    seeds = sorted(str(p) for p in (REPO / "seeds").glob("*.txt"))
    outs = []
    for seed in ("1", "2"):
        proc = subprocess.run(
            [sys.executable, "-m", "variorum", "compare", *seeds, "--json", "-"],
            capture_output=True,
            check=True,
            env={**_env(), "PYTHONHASHSEED": seed},
        )
        outs.append(proc.stdout)
    assert outs[0] == outs[1]
    assert json.loads(outs[0])["rows"] == output["rows"]


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)
