"""Shared inputs for the report tests: the seed comparison, a hostile one, text-layer helpers."""

from __future__ import annotations

import pytest
from report_helpers import HOSTILE_LINE

from variorum.engine.api import compare_documents, load_documents
from variorum.engine.ingest import document_from_text
from variorum.engine.model import Comparison
from variorum.resources import sample_paths


@pytest.fixture(scope="session")
def seed_comparison() -> Comparison:
    docs, problems = load_documents(sample_paths())
    assert not problems
    return compare_documents(docs)


@pytest.fixture(scope="session")
def two_version_comparison() -> Comparison:
    docs, _ = load_documents(sample_paths()[:2])
    return compare_documents(docs)


@pytest.fixture(scope="session")
def hostile_comparison() -> Comparison:
    plain = document_from_text(
        "Troops may deploy to the region next spring.\n\n"
        "Officials said the plan was discussed in private.",
        "plain",
        "plain.txt",
    )
    hostile = document_from_text(
        "Troops may deploy to the region next spring.\n\n" + HOSTILE_LINE,
        "<b>hostile</b>",
        "<script>src.txt",
    )
    return compare_documents([plain, hostile])
