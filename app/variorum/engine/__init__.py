"""Pure-Python analysis engine: ingest, segment, align, diff, claims. Imports nothing from Qt.

Public entry points live in :mod:`variorum.engine.api`; results are the frozen values of
:mod:`variorum.engine.model`.
"""
