"""Read one YAML file into plain Python values, keeping where each value came from.

Why not yaml.safe_load: it loses line numbers, turns `Yes`/`no`/`on` into
booleans (YAML 1.1), silently keeps the last of two duplicate keys, and
expands aliases without limit. Here libyaml (CSafeLoader, fast) only *composes*
the node graph, and we build values ourselves:

* every scalar stays text (a bare `null`/`~`/empty is None); the model
  converts text to dates and numbers where a field needs them, so an answer
  labelled Yes stays "Yes" however it is written;
* any tag other than YAML's standard ones is refused, so nothing is constructed;
* aliases are counted, nesting depth is capped, size is capped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

import yaml

try:  # libyaml is several times faster; the pure-Python loader is only a fallback.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader

from .problems import Problem

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000
_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary", "omap", "merge")
}
_NULLS = {"", "~", "null", "Null", "NULL"}

Path = tuple  # a path of keys and indices into the document


@dataclass
class Document:
    """A loaded file: its values, and the (line, col) of every key and value by path.

    The positions are worked out when first asked for, by composing the source again: most files
    have no problem to point at, and keeping a position for every value of every file cost more
    time and memory than the values themselves (bench/run.py)."""

    path: str
    data: Any = None
    source: str = ""
    _positions: Optional[tuple[dict, dict, dict]] = field(default=None, repr=False, compare=False)

    @property
    def marks(self) -> dict[Path, tuple[int, int]]:
        """(line, col) of every value, by path."""
        return self._index()[0]

    @property
    def key_marks(self) -> dict[Path, tuple[int, int]]:
        """(line, col) of every key, by the path of its value."""
        return self._index()[1]

    @property
    def spans(self) -> dict[Path, tuple[int, int]]:
        """Source index range of every text value, by path."""
        return self._index()[2]

    def _index(self) -> tuple[dict, dict, dict]:
        if self._positions is None:
            self._positions = _positions(self.source)
        return self._positions

    def text_position(self, loc: Path, offset: int, text: str) -> tuple[int, int]:
        """Line and column in the source of character `offset` of the text value at `loc`.

        Block, folded and quoted scalars don't map offsets 1:1 to the source, so we find
        the word at `offset` (its n-th occurrence) inside the scalar's source span."""
        loc = tuple(loc)
        span = self.spans.get(loc)
        if span is None or not self.source:
            return self.where(loc)
        word = re.match(r"\S+", text[offset:])
        if not word:
            return self.where(loc)
        token = word.group(0)
        nth = text[:offset].count(token)
        chunk = self.source[span[0]:span[1]]
        pos = -1
        for _ in range(nth + 1):
            pos = chunk.find(token, pos + 1)
            if pos < 0:
                return self.where(loc)
        index = span[0] + pos
        line_start = self.source.rfind("\n", 0, index) + 1
        return self.source.count("\n", 0, index) + 1, index - line_start + 1

    def where(self, loc: Path) -> tuple[int, int]:
        """Best position for a path: the value, else its key, else the nearest parent."""
        loc = tuple(loc)
        while True:
            if loc in self.marks:
                return self.marks[loc]
            if loc in self.key_marks:
                return self.key_marks[loc]
            if not loc:
                return (1, 1)
            loc = loc[:-1]

    def where_key(self, loc: Path) -> tuple[int, int]:
        loc = tuple(loc)
        return self.key_marks.get(loc) or self.where(loc)


class _Stop(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


class _TextLoader(_Loader):
    """Resolves every untagged scalar to str without PyYAML's Python-level regexes.

    Values stay text anyway (see above), and resolution was about a third of the
    compose time (bench/run.py, 1,000 scenarios). Explicit tags are kept as written
    and still refused unless standard; a plain `<<` key still resolves to merge.
    """

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            return _MERGE if implicit[0] and value == "<<" else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


_STR, _SEQ, _MAP, _MERGE = (f"tag:yaml.org,2002:{t}" for t in ("str", "seq", "map", "merge"))


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def read_bytes(path: str, display: str) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes (at most MAX_BYTES + 1 of them), or the problem reading it."""
    try:
        with open(path, "rb") as fh:
            return fh.read(MAX_BYTES + 1), []
    except OSError as exc:
        return None, [Problem(display, 1, 1, "PB100", f"cannot read file: {exc.strerror or exc}")]


def read_text(path: str, display: str) -> tuple[str | None, list[Problem]]:
    raw, problems = read_bytes(path, display)
    if raw is None:
        return None, problems
    return decode(raw, display)


def decode(raw: bytes, display: str) -> tuple[str | None, list[Problem]]:
    """Bytes from read_bytes as text, or the problem that makes them unusable."""
    if len(raw) > MAX_BYTES:
        return None, [Problem(display, 1, 1, "PB103", f"file is larger than {MAX_BYTES // (1024 * 1024)} MB; split it or remove pasted data")]
    if not raw.strip():
        return None, [Problem(display, 1, 1, "PB104", "file is empty")]
    if b"\x00" in raw:
        at = raw.index(b"\x00")
        line, col = raw[:at].count(b"\n") + 1, at - (raw.rfind(b"\n", 0, at) + 1) + 1
        return None, [Problem(display, line, col, "PB102", "file looks binary (it contains NUL bytes); is it really YAML?")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [Problem(display, line, col, "PB101", f"invalid UTF-8 byte 0x{raw[exc.start]:02x}; save the file as UTF-8")]
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, []


def load(path: str, display: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Load one file. Returns (document, problems); document is None if unusable."""
    display = display or path
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    return load_text(text, display)


def load_text(text: str, display: str) -> tuple[Document | None, list[Problem]]:
    doc = Document(display, source=text)
    try:
        loader = _TextLoader(text)
        try:
            root = loader.get_single_node()
        except yaml.composer.ComposerError as exc:
            if "expected a single document" in str(exc):
                line, col = _pos(exc.problem_mark) if exc.problem_mark else (1, 1)
                return None, [Problem(display, line, col, "PB106", "more than one YAML document ('---'); keep one per file")]
            raise
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _pos(mark) if mark else (1, 1)
        msg = " ".join(filter(None, [exc.context, exc.problem])) or "invalid YAML"
        if exc.context and exc.context_mark and mark is not exc.context_mark and exc.context_mark.line != mark.line:
            # libyaml notices e.g. an unclosed '[' only on a later line: say where it began.
            msg += f" (it began at line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1})"
        return None, [Problem(display, line, col, "PB105", f"YAML syntax error: {msg}")]
    except yaml.YAMLError as exc:  # e.g. reader errors on control characters
        return None, [Problem(display, 1, 1, "PB105", f"YAML syntax error: {str(exc).splitlines()[0]}")]
    if root is None or (isinstance(root, yaml.ScalarNode) and not root.style and root.value in _NULLS):
        return None, [Problem(display, 1, 1, "PB104", "file is empty")]
    if not isinstance(root, yaml.MappingNode):
        line, col = _pos(root.start_mark)
        return None, [Problem(display, line, col, "PB107", "the top level must be a mapping of fields (key: value)")]
    builder = _Builder(doc)
    try:
        doc.data = builder.build(root, 0)
    except _Stop as stop:
        return None, [stop.problem]
    return doc, builder.problems


class _Builder:
    """Plain values from the composed nodes: limits and tags enforced, duplicate and non-text keys reported."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.count = 0
        self.problems: list[Problem] = []
        self._built: set[int] = set()  # nodes already built once: meeting one again means an alias (*name)

    def _stop(self, node, code, msg):
        line, col = _pos(node.start_mark)
        raise _Stop(Problem(self.doc.path, line, col, code, msg))

    def build(self, node, depth: int, alias_at=None):
        """alias_at: inside an alias expansion, the collection in the text that holds the alias
        (an expanded node's own mark is where its anchor was defined, not where it is used)."""
        self.count += 1
        if self.count > MAX_NODES:
            self._stop(alias_at or node, "PB110", f"the file expands to more than {MAX_NODES} values; remove the aliases (*name)")
        self._built.add(id(node))
        if depth > MAX_DEPTH:
            self._stop(node, "PB111", f"values are nested more than {MAX_DEPTH} levels deep")
        if node.tag not in _STANDARD_TAGS:
            self._stop(node, "PB109", f"YAML tag {node.tag!r} is not allowed; remove it (tags can construct objects)")
        if isinstance(node, yaml.ScalarNode):
            if not node.style and node.value in _NULLS:
                return None
            return node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, depth + 1, self._alias_at(node, item, alias_at)) for item in node.value]
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._stop(key_node, "PB109", "merge keys ('<<') are not allowed; write the fields out")
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = _pos(key_node.start_mark)
                self.problems.append(Problem(self.doc.path, line, col, "PB113", "a key must be plain text"))
                continue
            key = key_node.value
            if key in result:
                line, col = _pos(key_node.start_mark)
                first = next(k for k, _ in node.value if isinstance(k, yaml.ScalarNode) and k.value == key).start_mark.line + 1
                self.problems.append(Problem(self.doc.path, line, col, "PB108", f"duplicate key {key!r} (first on line {first}); the second would silently replace the first"))
                continue
            result[key] = self.build(value_node, depth + 1, self._alias_at(node, value_node, alias_at))
        return result

    def _alias_at(self, parent, child, alias_at):
        """A child built before is an alias: report an expansion at the parent, which holds it."""
        if alias_at is None and id(child) in self._built:
            return parent
        return alias_at


def _positions(source: str) -> tuple[dict, dict, dict]:
    """(marks, key_marks, spans) of a document that loaded: the same walk as _Builder, keeping positions."""
    marks: dict[Path, tuple[int, int]] = {}
    key_marks: dict[Path, tuple[int, int]] = {}
    spans: dict[Path, tuple[int, int]] = {}
    if not source:
        return marks, key_marks, spans
    loader = _TextLoader(source)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()

    def walk(node, loc: Path) -> None:
        marks.setdefault(loc, _pos(node.start_mark))
        if isinstance(node, yaml.ScalarNode):
            if node.style or node.value not in _NULLS:
                spans[loc] = (node.start_mark.index, node.end_mark.index)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, loc + (i,))
        else:
            seen: set[str] = set()
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.value in seen:
                    continue
                seen.add(key_node.value)
                key_marks[loc + (key_node.value,)] = _pos(key_node.start_mark)
                walk(value_node, loc + (key_node.value,))

    if root is not None:
        walk(root, ())
    return marks, key_marks, spans
