"""Synthetic story families for the batch tests and benchmark: deterministic for a seed.

Each family is a short news story (6–9 sentences) and 3–6 versions of it: numbers
changed, a sentence dropped, one added, two swapped, like successive revisions of a page.
``write_jsonl`` and ``write_folders`` store the same families in two of the batch inputs.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

_PLACES = ["Lisbon", "Gdansk", "Tromso", "Valletta", "Ghent", "Brno", "Split", "Turku"]
_PEOPLE = ["Ana Ferreira", "Piotr Nowak", "Ingrid Berg", "Marco Vella", "Els Peeters"]
_TEMPLATES = [
    "A fire broke out at a warehouse in {place} on {day}, officials said.",
    "About {n} residents were evacuated from nearby buildings.",
    "Mayor {person} said the city would open {m} emergency shelters.",
    "The fire brigade sent {m} crews and the blaze was contained by evening.",
    "Police have opened an investigation into the cause of the fire.",
    "Local schools will remain closed until {day}, the council announced.",
    "Damage is estimated at {n} thousand euros, according to the insurer.",
    "Witnesses described thick smoke visible across the harbour.",
    "{person} thanked volunteers who brought food and blankets.",
    "Rail services to {place} were suspended for several hours.",
    "The warehouse stored paper and packaging materials.",
    "No injuries were reported, a hospital spokesperson said.",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _fill(rng: random.Random, template: str) -> str:
    return template.format(
        place=rng.choice(_PLACES),
        person=rng.choice(_PEOPLE),
        day=rng.choice(_DAYS),
        n=rng.randint(20, 900),
        m=rng.randint(2, 12),
    )


def family(index: int, seed: int = 7) -> list[str]:
    """The texts of family ``index``: 3–6 versions, each a revision of the one before."""
    rng = random.Random(seed * 100_003 + index)
    story = [_fill(rng, t) for t in rng.sample(_TEMPLATES, rng.randint(6, 9))]
    versions = [list(story)]
    for _ in range(rng.randint(2, 5)):
        nxt = list(versions[-1])
        edit = rng.random()
        i = rng.randrange(len(nxt))
        if edit < 0.35:
            nxt[i] = _fill(rng, _TEMPLATES[rng.randrange(len(_TEMPLATES))])
        elif edit < 0.55 and len(nxt) > 4:
            del nxt[i]
        elif edit < 0.8:
            nxt.insert(i, _fill(rng, rng.choice(_TEMPLATES)))
        else:
            j = rng.randrange(len(nxt))
            nxt[i], nxt[j] = nxt[j], nxt[i]
        versions.append(nxt)
    return [" ".join(v[:3]) + "\n\n" + " ".join(v[3:]) + "\n" for v in versions]


def family_id(index: int) -> str:
    return f"story-{index:04d}"


def write_jsonl(path: Path, count: int, seed: int = 7, dated: bool = True) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(count):
            versions = [
                {"label": f"v{k + 1}", "text": text}
                | ({"date": f"2024-05-{k + 1:02d}T09:00:00Z"} if dated else {})
                for k, text in enumerate(family(i, seed))
            ]
            fh.write(json.dumps({"family": family_id(i), "versions": versions}) + "\n")
    return path


def write_folders(root: Path, count: int, seed: int = 7) -> Path:
    for i in range(count):
        folder = root / family_id(i)
        folder.mkdir(parents=True)
        for k, text in enumerate(family(i, seed)):
            (folder / f"v{k + 1}.txt").write_text(text, encoding="utf-8")
    return root
