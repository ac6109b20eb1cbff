"""Write (or check) the JSON comparisons of fixed inputs, to prove a speed change keeps results.

    python tests/benchmarks/golden.py write DIR    # before the change
    python tests/benchmarks/golden.py check DIR    # after: lists every case whose JSON differs
    python tests/benchmarks/golden.py check DIR seeds big2mb   # only these cases

Cases: the seeds, the test families in tests/data, synthetic versions (2x1000, 20x2000,
20x5000) and three hostile cases at a tenth of their size, each with paraphrases on and off.
``elapsed_ms`` is dropped before comparing. Not part of the normal test run.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))

from synth import make_versions  # noqa: E402

sys.path.insert(0, str(REPO / "tests" / "e2e"))
from hostile_cases import full_stops, short_sentences, twenty_megabytes  # noqa: E402

from variorum.engine.api import compare_documents, load_documents  # noqa: E402
from variorum.engine.model import Settings  # noqa: E402
from variorum.export import comparison_to_json  # noqa: E402
from variorum.resources import sample_paths  # noqa: E402


def cases() -> dict[str, list]:  # type: ignore[type-arg]
    data = REPO / "tests" / "data"
    out = {
        "seeds": load_documents(sample_paths())[0],
        "family": load_documents(
            sorted(p for p in (data / "family").iterdir() if p.suffix != ".py")
        )[0],
        "planted": load_documents(sorted((data / "conflicts").glob("planted_*.txt")))[0],
        "reworded": load_documents(sorted((data / "conflicts").glob("reworded_*.txt")))[0],
        "synth2x1000": make_versions(2, 1000, seed=7),
        "synth20x2000": make_versions(20, 2000),
        "synth20x5000": make_versions(20, 5000),
    }
    # Big and odd input at a tenth of its hostile-case size, from a fixed folder (the JSON
    # names each source's path).
    inputs = Path(tempfile.gettempdir()) / "variorum-golden-inputs"
    for name, build in (
        ("big2mb", twenty_megabytes),
        ("stops", full_stops),
        ("short", short_sentences),
    ):
        folder = inputs / name
        folder.mkdir(parents=True, exist_ok=True)
        out[name] = load_documents([Path(p) for p in build(folder, 0.1)])[0]
    return out


def render(docs: list, paraphrase: bool) -> str:  # type: ignore[type-arg]
    result = compare_documents(docs, Settings(match_paraphrases=paraphrase))
    value = json.loads(comparison_to_json(result))
    value.pop("elapsed_ms", None)
    value.get("settings", {}).pop("elapsed_ms", None)
    return json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False)


def main() -> int:
    mode, folder, only = sys.argv[1], Path(sys.argv[2]), set(sys.argv[3:])
    folder.mkdir(parents=True, exist_ok=True)
    bad = 0
    for name, docs in cases().items():
        if only and name not in only:
            continue
        for paraphrase in (True, False):
            path = folder / f"{name}-{'para' if paraphrase else 'words'}.json"
            text = render(docs, paraphrase)
            if mode == "write":
                path.write_text(text, encoding="utf-8")
            elif path.read_text(encoding="utf-8") != text:
                bad += 1
                path.with_suffix(".new.json").write_text(text, encoding="utf-8")
                print(f"DIFFERS: {path.name} (new output beside it as .new.json)")
    print("all identical" if not bad and mode == "check" else f"{mode}: done, {bad} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
