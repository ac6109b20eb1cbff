"""Story families for ``variorum batch``: where they come from, and comparing one of them.

A family is a story's versions. ``plan_families`` reads an input lazily and returns how
many families it holds with an iterator of small picklable ``FamilySpec`` values (paths,
texts, archive offsets; never analysis), so a run holds only the families in flight:

- a folder of family folders: each sub-folder is a family, its article files (in name
  order) the versions, labelled by file name as ``variorum compare`` labels them;
- a JSONL file, one family a line: ``{"family": id, "versions": [{"label": ..., "text":
  ... | "path": ..., "date": ...}]}`` (a relative path is relative to the JSONL file);
- web archives (one ``.warc``/``.warc.gz`` file, or those directly in the folder): one
  family per URL, its HTML captures from every archive as versions, oldest first.

``compare_family`` runs anywhere (a Dask worker included: it reads the paths itself, so
a remote cluster needs the inputs on a shared file system) and never raises: a family
that cannot be compared comes back with its error. Its JSON is ``export.comparison_to_json``
of ``compare_documents`` on the same documents ``variorum compare`` would read, so the
output is byte-identical to that command's ``--json`` wherever it runs.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from variorum.engine.ingest import SUPPORTED_EXTENSIONS
from variorum.engine.ingest_warc import Capture, is_warc
from variorum.engine.model import Document, Settings


class InputError(Exception):
    """The batch input as a whole cannot be read (one line, naming the path)."""


@dataclass(frozen=True)
class VersionSpec:
    label: str
    text: str | None = None
    path: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class FamilySpec:
    """One family, described (not read): versions, files, or archive captures."""

    family: str
    versions: tuple[VersionSpec, ...] = ()  # from JSONL
    files: tuple[str, ...] = ()  # from a family folder
    captures: tuple[tuple[str, Capture], ...] = ()  # (archive, capture) from web archives
    error: str | None = None  # already known to be broken (a bad JSONL line)


@dataclass(frozen=True)
class FamilyResult:
    family: str
    json_text: str | None  # None when it failed
    counts: dict[str, Any]  # summary numbers (see summary_counts)
    error: str | None = None  # why it failed, or what was skipped inside it


# ---- reading the input ------------------------------------------------------------------


def plan_families(source: Path) -> tuple[int, Iterator[FamilySpec]]:
    """(number of families, the families in input order); raises InputError."""
    if source.is_file() and source.suffix.lower() == ".jsonl":
        return _count_lines(source), _jsonl_families(source)
    if source.is_file() and is_warc(source):
        groups = _archive_groups([source])
        return len(groups), iter(groups)
    if source.is_dir():
        entries = sorted(source.iterdir(), key=lambda p: p.name)
        folders = [p for p in entries if p.is_dir() and not p.name.startswith(".")]
        archives = [p for p in entries if p.is_file() and is_warc(p)]
        groups = _archive_groups(archives) if archives else []
        return len(folders) + len(groups), _folder_families(folders, groups)
    if not source.exists():
        raise InputError(f"{source}: no such file or folder")
    raise InputError(
        f"{source}: not a batch input (a folder of family folders, a .jsonl file or web archives)"
    )


def _count_lines(path: Path) -> int:
    try:
        with path.open("rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError as e:
        raise InputError(f"{path}: cannot be read ({e.strerror or e})") from None


def _folder_families(folders: list[Path], groups: list[FamilySpec]) -> Iterator[FamilySpec]:
    for folder in folders:
        files = sorted(
            (
                p
                for p in folder.iterdir()
                if p.is_file() and p.suffix.lower() in SUPPORTED_EXTENSIONS
            ),
            key=lambda p: p.name,
        )
        yield FamilySpec(folder.name, files=tuple(str(p) for p in files))
    yield from groups


def _archive_groups(archives: list[Path]) -> list[FamilySpec]:
    """One family per URL across the archives, in order of first appearance."""
    from variorum.engine.ingest import IngestError
    from variorum.engine.ingest_warc import index_warc

    by_url: dict[str, list[tuple[str, Capture]]] = {}
    broken: list[FamilySpec] = []
    for archive in archives:
        try:
            pages = index_warc(archive)
        except IngestError as e:
            broken.append(FamilySpec(str(archive), error=e.reason))
            continue
        for page in pages:
            by_url.setdefault(page.url, []).extend((str(archive), c) for c in page.captures)
    return [FamilySpec(url, captures=tuple(caps)) for url, caps in by_url.items()] + broken


def _jsonl_families(path: Path) -> Iterator[FamilySpec]:
    seen: set[str] = set()
    with path.open("r", encoding="utf-8-sig", errors="replace") as fh:
        number = 0
        for line in fh:
            if not line.strip():
                continue
            number += 1
            spec = _jsonl_family(line, number, path.parent)
            if spec.family in seen and spec.error is None:
                twice = f"line {number}: family {spec.family!r} appears twice"
                spec = replace(spec, family=f"{spec.family} (line {number})", error=twice)
            seen.add(spec.family)
            yield spec


def _jsonl_family(line: str, number: int, folder: Path) -> FamilySpec:
    where = f"line {number}"
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, RecursionError, ValueError) as e:
        return FamilySpec(f"({where})", error=f"{where}: not valid JSON ({e})")
    if not isinstance(obj, dict):
        return FamilySpec(f"({where})", error=f"{where}: expected a JSON object")
    family = obj.get("family")
    if isinstance(family, int) and not isinstance(family, bool):
        family = str(family)
    if not isinstance(family, str) or not family.strip():
        return FamilySpec(f"({where})", error=f'{where}: "family" must be a non-empty string')
    raw = obj.get("versions")
    if not isinstance(raw, list):
        return FamilySpec(family, error=f'{where}: "versions" must be a list')
    versions: list[VersionSpec] = []
    for i, v in enumerate(raw):
        problem = _version_problem(v)
        if problem:
            return FamilySpec(family, error=f"{where}: versions[{i}]: {problem}")
        path = v.get("path")
        if path is not None and not Path(path).is_absolute():
            path = str(folder / path)
        versions.append(VersionSpec(v["label"], v.get("text"), path, v.get("date")))
    return FamilySpec(family, versions=tuple(versions))


def _version_problem(v: Any) -> str | None:
    if not isinstance(v, dict):
        return "expected an object"
    if not isinstance(v.get("label"), str) or not v["label"].strip():
        return '"label" must be a non-empty string'
    if ("text" in v) == ("path" in v):
        return 'give exactly one of "text" and "path"'
    if not isinstance(v.get("text", v.get("path")), str):
        return '"text" and "path" must be strings'
    if v.get("date") is not None and not isinstance(v["date"], str):
        return '"date" must be a string'
    return None


# ---- comparing one family ----------------------------------------------------------------


def family_documents(spec: FamilySpec) -> tuple[list[Document], list[str]]:
    """The family's documents and what was skipped; ValueError when it cannot be compared."""
    from variorum.engine.api import load_documents
    from variorum.engine.ingest import IngestError, document_from_text, read_document
    from variorum.engine.ingest_warc import read_captures

    if spec.error is not None:
        raise ValueError(spec.error)
    problems: list[str] = []
    if spec.files:
        docs, loaded = load_documents(spec.files)  # exactly what `variorum compare` reads
        problems = [str(p) for p in loaded]
    elif spec.captures:
        docs, skipped = read_captures(spec.captures)
        problems = [str(p) for p in skipped]
    else:
        docs = []
        labels = [v.label for v in spec.versions]
        for v in spec.versions:
            if labels.count(v.label) > 1:
                raise ValueError(f"two versions are both labelled {v.label!r}")
            if v.text is not None:
                doc = document_from_text(v.text, v.label)
            else:
                try:
                    doc = replace(read_document(v.path or ""), label=v.label)
                except IngestError as e:
                    problems.append(str(e))
                    continue
            docs.append(replace(doc, date=v.date) if v.date else doc)
    if len(docs) < 2:
        reason = problems[0] if problems else "fewer than two versions"
        raise ValueError(f"needs two readable versions: {reason}")
    return docs, problems


def compare_family(spec: FamilySpec, settings: Settings | None = None) -> FamilyResult:
    """Compare one family; never raises (a worker's failure is the family's error)."""
    from variorum.engine import side
    from variorum.engine.api import compare_documents
    from variorum.export import comparison_to_dict, comparison_to_json

    side.never()  # a batch keeps every core busy with families already
    try:
        docs, problems = family_documents(spec)
        comparison = compare_documents(docs, settings or Settings())
    except Exception as e:  # one broken family must never stop the run
        message = str(e) if isinstance(e, ValueError) else f"{type(e).__name__}: {e}"
        return FamilyResult(spec.family, None, {}, message)
    counts = summary_counts(comparison_to_dict(comparison))
    text = comparison_to_json(comparison)
    return FamilyResult(spec.family, text, counts, "; ".join(problems) or None)


def compare_families(
    specs: tuple[FamilySpec, ...], settings: Settings | None = None
) -> list[FamilyResult]:
    """``compare_family`` on each: one Dask task per few families, so the scheduler's
    per-task cost (milliseconds) is shared by families that take tens of milliseconds."""
    return [compare_family(spec, settings) for spec in specs]


def summary_counts(data: dict[str, Any]) -> dict[str, Any]:
    """The summary's numbers for one family, read from its comparison JSON (fresh or a
    file a previous run wrote, so a resumed run summarises exactly like a fresh one)."""
    rows = data.get("rows", [])
    sims = [s for row in data.get("similarity", {}).values() for s in row.values()]
    if isinstance(data.get("conflicts"), list):
        disagreements = len(data["conflicts"])
    else:
        disagreements = sum(len(r.get("conflicts", ())) for r in rows)
    return {
        "versions": len(data.get("versions", [])),
        "rows": len(rows),
        "changed": sum(1 for r in rows if r.get("kind") == "changed"),
        "claims": len(data.get("claims", [])),
        "disagreements": disagreements,
        "similarity": round(sum(sims) / len(sims), 6) if sims else None,
    }


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def output_name(family: str) -> str:
    """The family's JSON file name: its id where that is a safe file name, else a readable
    part plus a hash of the id, so two ids never share a file."""
    safe = _UNSAFE.sub("_", family).strip("._")[:80]
    if safe == family:
        return f"{safe}.json"
    digest = hashlib.sha256(family.encode("utf-8")).hexdigest()[:12]
    return f"{safe or 'family'}-{digest}.json"
