"""Real content at scale: the bundled scenarios copied under new ids.

Copy k of scenario `negative-comment` is `negative-comment-c0007` (k = 7): the
`id:` line, the title (so search results stay distinguishable) and every `see:`
reference are rewritten to point into the same copy, and nothing else changes,
so the check, the pages and the search index see exactly the bundled text.
The bundled organization.yaml and compliance.yaml come along unchanged; danger.yaml puts the first copy
of its crisis scenarios first (it is left out if the playbook has no such copy), and approvals.yaml
approves every copy's replies exactly as the bundled ledger approves the originals'.

    write_copies(out_dir, count, bundled_dir) -> out_dir
"""
from __future__ import annotations

import os
import re
import shutil

_ID = re.compile(r"^id:[ \t]*(\S+)[ \t]*$", re.M)
_TITLE = re.compile(r"^title:[ \t]*(.+?)[ \t]*$", re.M)
_SEE_FLOW = re.compile(r"^([ \t]*see:[ \t]*\[)([^\]]*)(\])", re.M)
_SEE_BLOCK = re.compile(r"^([ \t]*)see:[ \t]*\n((?:\1[ \t]*-[ \t]*\S+[ \t]*\n)+)", re.M)


def copy_id(sid: str, k: int) -> str:
    return f"{sid}-c{k:04d}"


def _rename(text: str, k: int, order: dict[str, int], count: int) -> str:
    """`order`: bundled id -> its place in name order. A `see:` goes to the same copy, or to copy 0 if the last,
    partial round of copies has none of it."""
    def one(sid: str) -> str | None:
        """The copy a see: goes to, or None if a playbook of fewer than all bundled scenarios has none."""
        sid = sid.strip()
        if sid not in order:
            return sid
        if k * len(order) + order[sid] < count:
            return copy_id(sid, k)
        return copy_id(sid, 0) if order[sid] < count else None

    def flow(m: re.Match) -> str:
        return m.group(1) + ", ".join(t for t in (one(s) for s in m.group(2).split(",")) if t) + m.group(3)

    text = _ID.sub(lambda m: f"id: {copy_id(m.group(1), k)}", text, count=1)
    text = _TITLE.sub(lambda m: f"title: {m.group(1)} (copy {k})" if m.group(1)[:1] not in "\"'>|" else m.group(0), text, count=1)
    text = _SEE_FLOW.sub(flow, text)
    return _SEE_BLOCK.sub(lambda m: f"{m.group(1)}see:\n" + re.sub(r"(-[ \t]*)(\S+)", lambda n: n.group(1) + (one(n.group(2)) or n.group(2)), m.group(2)), text)


_DANGER_SCENARIO = re.compile(r"^([ \t]+scenario:[ \t]*)(\S+)[ \t]*$", re.M)
_LEDGER_ENTRY = re.compile(r"^  - reply: ([a-z0-9_-]+)/(\S+)\n((?:    \S.*\n)+)", re.M)


def _danger(text: str, existing: set[str]) -> str | None:
    """danger.yaml with each scenario id changed to its first copy, or None if one of those does not exist."""
    ids = [m.group(2) for m in _DANGER_SCENARIO.finditer(text)]
    if not all(copy_id(sid, 0) in existing for sid in ids):
        return None
    return _DANGER_SCENARIO.sub(lambda m: m.group(1) + copy_id(m.group(2), 0), text)


def _ledger(text: str, copies_of: dict[str, list[str]]) -> str:
    """approvals.yaml with each entry repeated for every copy of its scenario (and none for the originals)."""
    head = text[:text.index("approvals:\n") + len("approvals:\n")]
    out = [head]
    for m in _LEDGER_ENTRY.finditer(text):
        for copy in copies_of.get(m.group(1), []):
            out.append(f"  - reply: {copy}/{m.group(2)}\n{m.group(3)}")
    return "".join(out)


def write_copies(out_dir: str, count: int, bundled: str) -> str:
    """A playbook of `count` scenarios: the bundled ones, in name order, copied round-robin under new ids."""
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(os.path.join(out_dir, "scenarios"))
    for name in ("organization.yaml", "compliance.yaml"):
        shutil.copy(os.path.join(bundled, name), os.path.join(out_dir, name))
    folder = os.path.join(bundled, "scenarios")
    sources = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".yaml"):
            with open(os.path.join(folder, name), encoding="utf-8") as fh:
                sources.append((name[:-5], fh.read()))
    order = {sid: j for j, (sid, _) in enumerate(sources)}
    copies_of: dict[str, list[str]] = {}
    for i in range(count):
        sid, text = sources[i % len(sources)]
        k = i // len(sources)
        copies_of.setdefault(sid, []).append(copy_id(sid, k))
        with open(os.path.join(out_dir, "scenarios", copy_id(sid, k) + ".yaml"), "w", encoding="utf-8") as fh:
            fh.write(_rename(text, k, order, count))
    existing = {c for cs in copies_of.values() for c in cs}
    for name, make in (("danger.yaml", lambda t: _danger(t, existing)), ("approvals.yaml", lambda t: _ledger(t, copies_of))):
        path = os.path.join(bundled, name)
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as fh:
                made = make(fh.read())
            if made is not None:
                with open(os.path.join(out_dir, name), "w", encoding="utf-8") as fh:
                    fh.write(made)
    return out_dir
