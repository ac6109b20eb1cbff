"""compare_documents shows lone surrogates in a document as U+FFFD, found without a regex."""

from __future__ import annotations

import re

import pytest

from variorum.engine import api
from variorum.engine.model import Document

_SURROGATE = re.compile("[\ud800-\udfff]")


@pytest.mark.parametrize(
    "text",
    ["", "ascii", "café ’", "\ud800", "a\udfff b", "\U0001f600", "\ud7ff\ue000\uffff", "x\udc80"],
)
def test_has_surrogate_agrees_with_a_regex_scan(text: str) -> None:
    assert api._has_surrogate(text) == (_SURROGATE.search(text) is not None)


def test_a_lone_surrogate_is_compared_as_the_replacement_character() -> None:
    docs = [
        Document("a", "a.txt", "The council voted on Tuesday caf\udce9.", title="T\ud800"),
        Document("b", "b.txt", "The council voted on Tuesday café."),
    ]
    c = api.compare_documents(docs)
    assert c.versions[0].text == "The council voted on Tuesday caf\ufffd."
    assert c.versions[0].title == "T\ufffd"
    assert c.versions[1].text == docs[1].text
