"""`variorum batch`: the same per-family JSON as `variorum compare`, serially and on a real
Dask cluster on the loopback address; resumable; one bad family never stops the run."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from batch_corpus import family, family_id, write_folders, write_jsonl
from variorum.batch import run_batch
from variorum.batch_families import output_name
from variorum.cli import main
from warc_builder import OTHER, STORY, three_and_two

FAMILIES = 120  # bench_batch.py checks the acceptance size, 400, the same way


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=1,  # a real worker process: another interpreter, another hash seed
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as c:
        yield str(c.scheduler_address)


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "families").iterdir())}


@pytest.mark.slow
def test_serial_and_cluster_write_byte_identical_families(tmp_path: Path, cluster: str) -> None:
    source = write_jsonl(tmp_path / "families.jsonl", FAMILIES)
    serial = run_batch(source, tmp_path / "serial", serial=True)
    assert (serial.count("compared"), serial.count("failed")) == (FAMILIES, 0)
    assert {r["versions"] for r in serial.rows} == {3, 4, 5, 6}
    on_dask = run_batch(source, tmp_path / "dask", scheduler=cluster, window=16)
    assert on_dask.count("compared") == FAMILIES
    assert _files(tmp_path / "dask") == _files(tmp_path / "serial")
    for name in ("summary.csv", "summary.parquet"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "serial" / name).read_bytes()


def test_family_json_is_exactly_compare_json(
    tmp_path: Path, cluster: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_folders(tmp_path / "in", 6)
    assert main(["batch", str(root), "--out", str(tmp_path / "out"), "--scheduler", cluster]) == 0
    assert "6 families: 6 compared, 0 resumed, 0 failed" in capsys.readouterr().out
    for i in range(6):
        folder = root / family_id(i)
        files = sorted(str(p) for p in folder.iterdir())
        assert main(["compare", *files, "--json", str(tmp_path / "one.json")]) == 0
        written = tmp_path / "out" / "families" / f"{family_id(i)}.json"
        assert written.read_bytes() == (tmp_path / "one.json").read_bytes()


def test_summary_table_in_parquet_and_csv(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "f.jsonl", 5)
    report = run_batch(source, tmp_path / "out", serial=True)
    table = pq.read_table(tmp_path / "out" / "summary.parquet").to_pylist()
    assert table == report.rows
    assert [r["family"] for r in table] == [family_id(i) for i in range(5)]
    first = json.loads((tmp_path / "out" / "families" / "story-0000.json").read_text())
    assert table[0]["versions"] == len(first["versions"]) == len(family(0))
    assert table[0]["rows"] == len(first["rows"])
    assert table[0]["claims"] == len(first["claims"])
    assert 0.0 < table[0]["similarity"] < 1.0
    assert [v.get("date") for v in first["versions"]][:2] == [
        "2024-05-01T09:00:00Z",
        "2024-05-02T09:00:00Z",
    ]
    csv_lines = (tmp_path / "out" / "summary.csv").read_text().splitlines()
    assert csv_lines[0].split(",")[:4] == ["family", "status", "versions", "rows"]
    assert len(csv_lines) == 6


def test_a_killed_run_resumes_without_redoing_finished_families(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "f.jsonl", 12)
    reference = tmp_path / "reference"
    run_batch(source, reference, serial=True)
    # The state a kill leaves: some families written, one half-written temporary file.
    out = tmp_path / "out"
    (out / "families").mkdir(parents=True)
    for i in range(5):
        name = f"{family_id(i)}.json"
        (out / "families" / name).write_bytes((reference / "families" / name).read_bytes())
    stale = out / "families" / f".{family_id(5)}.json.k3j2.tmp"
    stale.write_text('{"format": "variorum-comp', encoding="utf-8")
    before = (out / "families" / "story-0000.json").stat().st_mtime_ns
    report = run_batch(source, out, serial=True)
    assert (report.count("resumed"), report.count("compared")) == (5, 7)
    assert not stale.exists()
    assert (out / "families" / "story-0000.json").stat().st_mtime_ns == before  # not redone
    assert _files(out) == _files(reference)
    assert (out / "summary.csv").read_text().replace("resumed", "compared") == (
        reference / "summary.csv"
    ).read_text()


def test_bad_families_are_recorded_and_the_run_goes_on(tmp_path: Path) -> None:
    good = {"family": "good", "versions": [{"label": "a", "text": "One. Two."},
                                           {"label": "b", "text": "One. Three."}]}  # fmt: skip
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps({"family": "lonely", "versions": [{"label": "a", "text": "Only one."}]}),
        json.dumps({"family": "both", "versions": [{"label": "a", "text": "x", "path": "y"}]}),
        json.dumps(
            {
                "family": "gone",
                "versions": [{"label": "a", "path": "missing.txt"}, {"label": "b", "text": "B."}],
            }
        ),
        json.dumps(good),
    ]
    source = tmp_path / "f.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = run_batch(source, tmp_path / "out", serial=True)
    by_family = {r["family"]: r for r in report.rows}
    assert by_family["good"]["status"] == "compared"
    assert "not valid JSON" in by_family["(line 2)"]["error"]
    assert "fewer than two versions" in by_family["lonely"]["error"]
    assert 'exactly one of "text" and "path"' in by_family["both"]["error"]
    assert "missing.txt: no such file" in by_family["gone"]["error"]
    assert "appears twice" in by_family["good (line 6)"]["error"]
    assert report.count("failed") == 5 and len(report.rows) == 6


def test_web_archives_give_one_family_per_url(tmp_path: Path) -> None:
    folder = tmp_path / "archives"
    folder.mkdir()
    three_and_two(folder / "week1.warc.gz")
    report = run_batch(folder, tmp_path / "out", serial=True)
    assert [(r["family"], r["versions"]) for r in report.rows] == [(STORY, 3), (OTHER, 2)]
    data = json.loads((tmp_path / "out" / "families" / output_name(STORY)).read_text())
    assert [v["date"] for v in data["versions"]] == [
        "2024-03-04T06:00:00Z",
        "2024-03-04T08:15:00Z",
        "2024-03-05T10:30:00Z",
    ]


def test_output_names_are_safe_and_distinct() -> None:
    assert output_name("story-0001") == "story-0001.json"
    a, b = output_name("https://x.org/a?b"), output_name("https://x.org/a_b")
    assert a != b and "/" not in a and a.startswith("https_x.org_a_b-")
    assert output_name("..") != output_name(".")


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert main(["batch", str(tmp_path), "--out", str(tmp_path / "o"), "--workers", "0"]) == 2
    assert "--workers must be at least 1" in capsys.readouterr().err
