"""Synthetic article versions for benchmarks: one base text, N edited copies.

Each copy rewords some sentences, drops a few, inserts new ones and moves a paragraph,
like outlets rewriting wire copy. Deterministic for a given seed.
"""

from __future__ import annotations

import random

from variorum.engine.ingest import document_from_text
from variorum.engine.model import Document

_SYLLABLES = "ka ri to mu sen lo vi dra ne pol tar qui ben sto rha gil mon ves cor dun".split()


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def _sentence(rng: random.Random, vocab: list[str], n_words: int) -> str:
    # Zipf-ish choice: common words are picked far more often than rare ones.
    words = [vocab[min(int(rng.paretovariate(1.1)) - 1, len(vocab) - 1)] for _ in range(n_words)]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), f"{rng.randint(2, 90000):,}")
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def base_paragraphs(words: int, seed: int = 1) -> list[list[str]]:
    rng = random.Random(seed)
    vocab = _vocabulary(rng, 6000)
    rng.shuffle(vocab)
    paras: list[list[str]] = []
    total = 0
    while total < words:
        para = []
        for _ in range(rng.randint(3, 6)):
            n = rng.randint(12, 28)
            para.append(_sentence(rng, vocab, n))
            total += n
        paras.append(para)
    return paras


def make_versions(n_versions: int = 20, words: int = 5000, seed: int = 1) -> list[Document]:
    base = base_paragraphs(words, seed)
    rng = random.Random(seed + 1)
    vocab = _vocabulary(rng, 6000)
    docs = []
    for v in range(n_versions):
        paras = [list(p) for p in base]
        for p in paras:
            for k in range(len(p)):
                r = rng.random()
                if r < 0.12:  # reword: swap a few words
                    ws = p[k].rstrip(".").split()
                    for _ in range(rng.randint(1, 3)):
                        ws[rng.randrange(len(ws))] = rng.choice(vocab)
                    p[k] = " ".join(ws) + "."
                elif r < 0.16:
                    p[k] = ""
            if rng.random() < 0.25:
                p.insert(rng.randrange(len(p) + 1), _sentence(rng, vocab, rng.randint(10, 25)))
        if len(paras) > 4:  # move one paragraph
            src = rng.randrange(len(paras))
            para = paras.pop(src)
            paras.insert(rng.randrange(len(paras) + 1), para)
        text = "\n\n".join(" ".join(s for s in p if s) for p in paras)
        docs.append(document_from_text(text, f"v{v:02d}", f"synthetic/v{v:02d}.txt"))
    return docs
