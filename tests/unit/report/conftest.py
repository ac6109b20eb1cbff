"""Shared inputs for the report tests: a hostile comparison (the seed comparisons are the
session-wide ones of ``tests/conftest.py``, computed once for every test directory)."""

from __future__ import annotations

import pytest
from report_helpers import HOSTILE_LINE

from variorum.engine.api import compare_documents
from variorum.engine.ingest import document_from_text
from variorum.engine.model import Comparison


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
