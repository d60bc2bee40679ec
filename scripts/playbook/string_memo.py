"""Results of pure functions of one string, remembered within a process and, for a check, between processes.

Working out whether a compliance or danger pattern can be used (compiling it) and which
words every match of it must contain (parsing it) is most of the time a check spends on
compliance.yaml and danger.yaml, though they rarely change. Each function memoised here is
pure: its result depends only on its argument and the code. `StringMemo` remembers its
results in memory; `load(folder, code)` and `save()` keep every memo's results in one JSON
file per code version, so that a new `playbook check` process finds them again.

A result is used only when it was made by the same code (`code` is the check cache's code
digest, which covers every .py file of this package and the library versions) for the same
argument string, so a stored result cannot be stale. The file carries a checksum of its
body: a file that is missing, truncated, corrupt or of another format is ignored and
rewritten, so a broken file makes a check slower, never different. A memo keeps every
result it knows up to KEEP_AT_MOST, and then only those asked for in the saving process;
saving removes the files of other code versions.
"""
from __future__ import annotations

import hashlib
import json
import os
from typing import Any, Callable, Optional

FORMAT = "playbook-string-memo 1"
KEEP_AT_MOST = 50_000  # a memo with more results than this keeps only those asked for in the saving process


_MISSING = object()


class StringMemo:
    """fn(text) once per text; results must be JSON data (tuples come back as lists: `revive` turns them back).

    get() and put() serve a memo whose function needs more than the key (the key then names all of it)."""

    def __init__(self, name: str, fn: Optional[Callable[[str], Any]] = None, revive: Callable[[Any], Any] = lambda x: x,
                 hashed: bool = False):
        self.name, self.fn, self.revive = name, fn, revive
        self.hashed = hashed              # keep a digest of each text, not the text (for long texts)
        self.known: dict[str, Any] = {}   # text -> result (as JSON data)
        self.used: set[str] = set()       # texts asked for in this process (what save() keeps)
        self.in_file: set[str] = set()    # texts the file that load() read has

    def get(self, text: str, default: Any = None) -> Any:
        if text not in self.known:
            return default
        self.used.add(text)
        return self.revive(self.known[text])

    def put(self, text: str, value: Any) -> Any:
        self.known[text] = value
        self.used.add(text)
        return self.revive(value)

    def __call__(self, text: str) -> Any:
        key = digest(text) if self.hashed else text
        found = self.get(key, _MISSING)
        return self.put(key, self.fn(text)) if found is _MISSING else found


_store: dict[str, Any] = {"path": None, "code": None, "memos": []}


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def digest(text: str) -> str:
    """A key for a text too long to keep whole."""
    return _digest(text.encode("utf-8", "surrogatepass"))


def load(folder: str, code: str, memos: list[StringMemo]) -> None:
    """Fill `memos` from folder's file for this code version (anything unreadable counts as empty); save() writes it back."""
    path = os.path.join(folder, f"strings-{_digest(code.encode())}.json")
    _store.update(path=path, code=code, memos=memos)
    for memo in memos:
        memo.in_file = set()
        memo.used = set()
    try:
        with open(path, "rb") as fh:
            head, _, body = fh.read().partition(b"\n")
        header = json.loads(head)
        if header.get("format") != FORMAT or header.get("code") != code or header.get("checksum") != _digest(body):
            return
        data = json.loads(body)
    except (OSError, ValueError, AttributeError):
        return
    if not isinstance(data, dict):
        return
    for memo in memos:
        known = data.get(memo.name)
        if isinstance(known, dict):
            for text, value in known.items():
                memo.known.setdefault(text, value)
            memo.in_file = set(known)


def save() -> None:
    """Write what this process knows, if it used a result the file lacked (atomically; a failure is no error)."""
    path: Optional[str] = _store["path"]
    memos: list[StringMemo] = _store["memos"]
    if path is None or all(m.used <= m.in_file for m in memos):
        return
    data = {m.name: {t: m.known[t] for t in sorted(m.known if len(m.known) <= KEEP_AT_MOST else m.used)} for m in memos}
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = json.dumps({"format": FORMAT, "code": _store["code"], "checksum": _digest(body)}).encode("utf-8")
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(header + b"\n" + body)
        os.replace(tmp, path)
        for old in os.listdir(os.path.dirname(path)):
            if old.startswith("strings-") and old.endswith(".json") and old != os.path.basename(path):
                os.remove(os.path.join(os.path.dirname(path), old))
    except OSError:
        try:
            os.remove(tmp)
        except OSError:
            pass
    for m in memos:
        m.in_file = set(data[m.name])
