"""Variorum: compare several versions of a news article."""

__version__ = "0.1.0"
