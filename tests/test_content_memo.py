"""content_memo.ContentMemo: built once per content, never a result for other content."""
from __future__ import annotations

from pydantic import BaseModel

from playbook.content_memo import ContentMemo


class Rules(BaseModel):
    words: list[str]


def memo_counting():
    calls = []

    def build(obj):
        calls.append(list(obj.words))
        return "|".join(obj.words)
    return ContentMemo(build, size=2), calls


def test_equal_content_is_built_once_and_other_content_again():
    memo, calls = memo_counting()
    a, b, c = Rules(words=["x", "y"]), Rules(words=["x", "y"]), Rules(words=["z"])
    assert memo(a) == "x|y" and memo(a) == "x|y" and memo(b) == "x|y"
    assert memo(c) == "z"
    assert memo(a) == "x|y"
    assert calls == [["x", "y"], ["z"]]


def test_the_oldest_content_is_forgotten_beyond_the_size():
    memo, calls = memo_counting()
    for words in (["a"], ["b"], ["c"], ["a"]):
        assert memo(Rules(words=words)) == words[0]
    assert calls == [["a"], ["b"], ["c"], ["a"]]


def test_a_new_object_at_a_reused_address_is_not_taken_for_the_last_one():
    """The memo keeps the last object alive, so no other object can have its id while it is remembered."""
    memo, calls = memo_counting()
    for i in range(50):
        assert memo(Rules(words=[str(i)])) == str(i)
    assert len(calls) == 50
