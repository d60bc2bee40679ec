"""Byte-for-byte snapshots of every generated page, for the bundled and the hostile playbook.

They guard the rendering against unintended change: moving HTML into templates,
restyling a card or reordering a page must show up here as a reviewed diff.
When a change to the output is intended, refresh them with `make snapshots`
and read the diff (`git diff tests/snapshots`) before committing it.

The date is fixed, so review-status pages don't change from day to day.
"""
from __future__ import annotations

import datetime as dt
import difflib
import os
from pathlib import Path

import pytest

from playbook.check import check_dir
from playbook.pages import generate

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "tests" / "snapshots"
TODAY = dt.date(2026, 11, 28)
PLAYBOOKS = {
    "bundled": ROOT / "playbook",
    "injection": ROOT / "tests" / "fixtures" / "injection" / "playbook",
}


def pages_of(name: str) -> dict[str, bytes]:
    pb, _ = check_dir(str(PLAYBOOKS[name]))
    out = {}
    for path, content in generate(pb, TODAY).items():
        if path.startswith("assets/"):
            continue  # the package's own scripts and styles, copied as they are
        out[path] = content.encode("utf-8") if isinstance(content, str) else content
    return out


def stored(name: str) -> dict[str, bytes]:
    base = SNAPSHOTS / name
    return {p.relative_to(base).as_posix(): p.read_bytes() for p in sorted(base.rglob("*")) if p.is_file()}


def write(name: str, pages: dict[str, bytes]) -> None:
    base = SNAPSHOTS / name
    for old in base.rglob("*"):
        if old.is_file() and old.relative_to(base).as_posix() not in pages:
            old.unlink()
    for path, data in pages.items():
        target = base / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)


def _first_difference(path: str, want: bytes, got: bytes) -> str:
    # Pages are long single-line HTML blocks: split at tags so the diff shows where.
    def lines(b: bytes) -> list[str]:
        return b.decode("utf-8", "replace").replace("><", ">\n<").splitlines()
    diff = difflib.unified_diff(lines(want), lines(got), f"snapshot/{path}", f"generated/{path}", n=2, lineterm="")
    return "\n".join(list(diff)[:60])


@pytest.mark.parametrize("name", sorted(PLAYBOOKS))
def test_generated_pages_match_snapshot(name):
    got = pages_of(name)
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        write(name, got)
    want = stored(name)
    assert want, f"no snapshot for {name}: run make snapshots"
    assert sorted(got) == sorted(want), f"pages added: {sorted(set(got) - set(want))}; removed: {sorted(set(want) - set(got))}"
    changed = [p for p in sorted(got) if got[p] != want[p]]
    assert not changed, (f"{len(changed)} page(s) differ from tests/snapshots/{name}/ (if intended: make snapshots, "
                         "then review git diff):\n" + _first_difference(changed[0], want[changed[0]], got[changed[0]]))
