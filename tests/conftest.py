"""Test-wide set-up: headless Qt, a quiet hypothesis profile, and the sample articles."""

from __future__ import annotations

import os
from pathlib import Path

# Before anything imports Qt: no display on CI or developer machines.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "variorum", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=60
)
settings.load_profile("variorum")

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted((REPO / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def seed_comparison(seed_paths: list[Path]):  # type: ignore[no-untyped-def]
    from variorum.engine.api import compare_documents, load_documents

    docs, problems = load_documents(seed_paths)
    assert not problems
    return compare_documents(docs)


@pytest.fixture(scope="session")
def two_version_comparison(seed_paths: list[Path]):  # type: ignore[no-untyped-def]
    """The first two seed articles compared: a report that prints portrait."""
    from variorum.engine.api import compare_documents, load_documents

    docs, problems = load_documents(seed_paths[:2])
    assert not problems
    return compare_documents(docs)
