"""The Variorum window: a PySide6 adapter that renders one immutable ``Comparison``.

Nothing here recomputes analysis; the window asks ``variorum.engine.api`` for a new
``Comparison`` (off the UI thread) and paints whatever it gets back.
"""
