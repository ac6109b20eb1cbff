"""Which parts of speech an English word can be, from the lemma table lemminflect ships.

The table (about 70,000 inflected forms, each with the categories it takes: noun, verb,
adj, adv) is read once from the installed package's data file, without importing
lemminflect itself (that would pull in numpy for nothing). It is what lets the claims stage
keep noun phrases ("classified war games", "artillery shells") and drop verbs and
adjectives ("dismissed", "emphasizing", "pivotal") without a tagger. Words the table does
not know (coinages such as "whistleblower") are judged by their endings.
"""

from __future__ import annotations

import gzip
import importlib.util
from functools import lru_cache
from pathlib import Path

NOUN = "noun"
VERB = "verb"
ADJ = "adj"
ADV = "adv"

# Endings of words the table does not know, and what they mark.
_VERB_ENDINGS = ("ing", "ed", "ize", "ise", "ized", "ised", "izes", "ises", "ify", "ates")
_ADJ_ENDINGS = ("ous", "ive", "ful", "able", "ible", "less", "ical", "ic", "al", "ary")
_ADV_ENDINGS = ("ly",)


_TABLE = Path("resources") / "lemma_lu.csv.gz"


def _table_path() -> Path | None:
    spec = importlib.util.find_spec("lemminflect")
    places = []
    if spec is not None and spec.submodule_search_locations:
        places.append(Path(next(iter(spec.submodule_search_locations))))
    # A frozen bundle carries the data file beside the variorum package, not the module.
    places.append(Path(__file__).resolve().parents[2] / "lemminflect")
    for place in places:
        if (place / _TABLE).is_file():
            return place / _TABLE
    return None


@lru_cache(maxsize=1)
def _table() -> dict[str, frozenset[str]]:
    path = _table_path()
    if path is None:
        return {}
    raw = gzip.decompress(path.read_bytes()).decode("utf-8")
    cats: dict[str, set[str]] = {}
    for line in raw.splitlines():
        word, cat, _forms = line.split(",", 2)
        cats.setdefault(word, set()).add(cat)
    return {w: frozenset(c) for w, c in cats.items()}


def warm() -> None:
    """Load the table now (the first analysis would otherwise pay for it)."""
    _table()


@lru_cache(maxsize=65536)
def categories(word: str) -> frozenset[str]:
    """The parts of speech ``word`` (lower case) can be; guessed from its ending if unknown."""
    w = word.replace("’", "'").lower()
    if w.endswith("'s"):
        w = w[:-2]
    known = _table().get(w)
    if known is not None:
        return known
    if "-" in w:  # a compound takes the category of its last part: "post-war", "air-defence"
        tail = w.rsplit("-", 1)[1]
        return categories(tail) if tail else frozenset({NOUN})
    if w.endswith(_ADV_ENDINGS):
        return frozenset({ADV})
    if w.endswith(_VERB_ENDINGS):
        return frozenset({VERB})
    if w.endswith(_ADJ_ENDINGS):
        return frozenset({ADJ, NOUN})
    return frozenset({NOUN})


def known(word: str) -> bool:
    """The table lists the word: an ordinary English word rather than a coinage or term."""
    w = word.replace("’", "'").lower()
    return (w[:-2] if w.endswith("'s") else w) in _table()


def can_be_noun(word: str) -> bool:
    return NOUN in categories(word)


def is_noun_only(word: str) -> bool:
    """A noun that cannot be read as a verb ("stance", "artillery", "whistleblower")."""
    cats = categories(word)
    return NOUN in cats and VERB not in cats


def is_modifier(word: str) -> bool:
    """A word that can stand before a noun inside a noun phrase: an adjective or a noun."""
    cats = categories(word)
    return NOUN in cats or ADJ in cats


def is_verb_or_adverb_only(word: str) -> bool:
    cats = categories(word)
    return bool(cats) and NOUN not in cats and ADJ not in cats
