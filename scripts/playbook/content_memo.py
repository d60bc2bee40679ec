"""Work derived from a part of the format, kept per content rather than per object.

Compiling the compliance rules and the danger signals is most of a check's time. A
process that checks several playbooks (the live preview after each save, the tests'
fixtures) loads a new model object each time, but its compliance.yaml and danger.yaml
rarely change: keyed by the model's content, the compiled form is built once.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Callable, TypeVar

from pydantic import BaseModel

T = TypeVar("T")


class ByIdentity:
    """The last `size` (object, value) pairs, found by the object itself (`is`), newest first. The objects are
    held, so no other object can take one's id while it is remembered; models are not changed after loading."""

    def __init__(self, size: int = 1):
        self.size = size
        self._pairs: list[tuple[object, object]] = []

    def get(self, obj: object, build: Callable[[], T]) -> T:
        for known, value in self._pairs:
            if known is obj:
                return value  # type: ignore[return-value]
        value = build()
        self._pairs.insert(0, (obj, value))
        del self._pairs[self.size:]
        return value


class ContentMemo:
    """build(obj) for a model object, reused for any later object with the same content.

    Holds the last `size` results. Nothing built may depend on an object's identity
    (only on its fields), since a later, equal object gets the same result. The object
    asked for last is remembered too, so that asking again for it (once per reply in a
    check) does not serialise it again; models are not changed after they are loaded.
    """

    def __init__(self, build: Callable[[BaseModel], T], size: int = 4):
        self.build = build
        self.size = size
        self._by_content: OrderedDict[str, T] = OrderedDict()
        self._last = ByIdentity(1)

    def __call__(self, obj: BaseModel) -> T:
        return self._last.get(obj, lambda: self._content(obj))

    def seed(self, obj: BaseModel, value: T) -> None:
        """Take `value` as build(obj), built by an earlier process for the same content (check_cache.py)."""
        self._last.get(obj, lambda: value)

    def _content(self, obj: BaseModel) -> T:
        key = obj.model_dump_json()
        if key in self._by_content:
            self._by_content.move_to_end(key)
            return self._by_content[key]
        value = self._by_content[key] = self.build(obj)
        while len(self._by_content) > self.size:
            self._by_content.popitem(last=False)
        return value
