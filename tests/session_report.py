"""Summaries that tests feed as they run, printed once at the end of the session.

A test records what it saw with `add(section, line)`; conftest.py's
pytest_terminal_summary prints every section that got lines. Nothing here is
asserted: each test asserts its own result, so every test passes when run alone.
"""
from __future__ import annotations

from typing import Callable

_SECTIONS: dict[str, list[str]] = {}
_AT_END: list[Callable[[], None]] = []


def add(section: str, line: str) -> None:
    _SECTIONS.setdefault(section, []).append(line)


def at_end(fn: Callable[[], None]) -> Callable[[], None]:
    """Run fn when the session ends (e.g. to write an artifact from what was collected)."""
    if fn not in _AT_END:
        _AT_END.append(fn)
    return fn


def merge(more: dict[str, list[str]]) -> None:
    """Add the sections another process collected (an xdist worker's, sent to the controller)."""
    for section, lines in more.items():
        _SECTIONS.setdefault(section, []).extend(lines)


def sections() -> dict[str, list[str]]:
    for fn in _AT_END:
        fn()
    return {k: v for k, v in _SECTIONS.items() if v}
