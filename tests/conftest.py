"""Shared fixtures: one loaded coder per test session, and the ../shared folder if present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def coder():
    """The full coder with the default settings (loads spaCy once per session)."""
    from tacitus.pipeline import Coder

    return Coder()


@pytest.fixture(scope="session")
def code_text(coder):
    """Code one text (dated) and return its CodedArticle."""
    from tacitus.model import Article

    def run(text: str, date: str | None = "2025-09-01", article_id: str = "t"):
        return next(coder.code([Article(id=article_id, text=text, published=date)]))

    return run


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared, or skip the test where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
