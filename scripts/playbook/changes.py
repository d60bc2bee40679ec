"""What changed between two versions of a playbook: reply texts word by word, and the tree.

Pure: it compares loaded scenarios (model objects) and returns plain data.
`playbook diff` prints it; the "What changed" page summarises it per commit.
Reply texts are compared as reply_targets.reply_texts gives them (raw, with
placeholders unfilled, outer whitespace stripped): the same texts an approval covers.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Optional

from . import model
from .reply_targets import reply_texts

_TOKENS = re.compile(r"\s+|\S+")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, text)] with op '=' (kept), '-' (removed) or '+' (added); words are compared, spacing kept."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", "".join(b[j1:j2])))
    return out


def plain_word_diff(old: str, new: str) -> str:
    """The word diff as git prints it with --word-diff=plain: [-removed-]{+added+}."""
    marks = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
    return "".join(marks[op].format(text) for op, text in word_diff(old, new))


@dataclass
class TextChange:
    """One text of a reply: added (old None), removed (new None) or changed."""

    reply: str
    key: str
    old: Optional[str]
    new: Optional[str]


@dataclass
class ScenarioChange:
    id: str
    title: str
    state: str  # "added", "removed" or "changed"
    texts: list[TextChange] = field(default_factory=list)
    replies_added: list[str] = field(default_factory=list)
    replies_removed: list[str] = field(default_factory=list)
    tree: list[str] = field(default_factory=list)

    @property
    def replies_changed(self) -> list[str]:
        """Ids of replies that exist in both versions but whose copied text differs."""
        gone = set(self.replies_added) | set(self.replies_removed)
        return list(dict.fromkeys(t.reply for t in self.texts if t.reply not in gone))

    def summary(self) -> list[str]:
        """One line per change, for a list on a page."""
        if self.state != "changed":
            return [f"scenario {self.state}"]
        lines = [f"reply {r} added" for r in self.replies_added]
        lines += [f"reply {r} removed" for r in self.replies_removed]
        for rid in self.replies_changed:
            keys = ", ".join(t.key for t in self.texts if t.reply == rid)
            lines.append(f"reply {rid}: text changed ({keys})")
        return lines + self.tree


def _texts(reply: model.Reply) -> dict[str, str]:
    return {key: text.strip() for key, text in reply_texts(reply)}


def _reply_changes(old: model.Scenario, new: model.Scenario, change: ScenarioChange) -> None:
    for rid in old.replies:
        if rid not in new.replies:
            change.replies_removed.append(rid)
    for rid, reply in new.replies.items():
        if rid not in old.replies:
            change.replies_added.append(rid)
            change.texts += [TextChange(rid, k, None, t) for k, t in _texts(reply).items()]
            continue
        before, after = _texts(old.replies[rid]), _texts(reply)
        for key in list(before) + [k for k in after if k not in before]:
            if before.get(key) != after.get(key):
                change.texts.append(TextChange(rid, key, before.get(key), after.get(key)))


def tree_changes(old: model.Tree, new: model.Tree) -> list[str]:
    """Questions and outcomes added or removed, answers that now lead elsewhere, outcomes with another reply or actions."""
    out = []
    if old.start != new.start:
        out.append(f"the tree now starts at {new.start} (was {old.start})")
    for kind, before, after in (("question", old.questions, new.questions), ("outcome", old.outcomes, new.outcomes)):
        out += [f"{kind} {nid} added" for nid in after if nid not in before]
        out += [f"{kind} {nid} removed" for nid in before if nid not in after]
    for qid, q in new.questions.items():
        if qid not in old.questions:
            continue
        was = {a.label: a.next for a in old.questions[qid].answers}
        now = {a.label: a.next for a in q.answers}
        for label, nxt in now.items():
            if label not in was:
                out.append(f"answer {label!r} to {qid} added (leads to {nxt})")
            elif was[label] != nxt:
                out.append(f"answer {label!r} to {qid} now leads to {nxt} (was {was[label]})")
        out += [f"answer {label!r} to {qid} removed" for label in was if label not in now]
    for oid, o in new.outcomes.items():
        if oid not in old.outcomes:
            continue
        before = old.outcomes[oid]
        if before.reply != o.reply:
            out.append(f"outcome {oid} now uses reply {o.reply or 'none'} (was {before.reply or 'none'})")
        if list(before.actions) != list(o.actions):
            out.append(f"outcome {oid}: actions now {', '.join(o.actions) or 'none'} (were {', '.join(before.actions) or 'none'})")
    return out


def compare_scenarios(old: Optional[model.Scenario], new: Optional[model.Scenario]) -> Optional[ScenarioChange]:
    """What changed in one scenario (None if nothing that a responder copies or follows changed)."""
    if old is None and new is None:
        return None
    if old is None:
        change = ScenarioChange(new.id, new.title, "added", replies_added=list(new.replies))
        change.texts = [TextChange(rid, k, None, t) for rid, r in new.replies.items() for k, t in _texts(r).items()]
        return change
    if new is None:
        change = ScenarioChange(old.id, old.title, "removed")
        change.replies_removed = list(old.replies)
        return change
    change = ScenarioChange(new.id, new.title, "changed")
    _reply_changes(old, new, change)
    change.tree = tree_changes(old.tree, new.tree)
    if not (change.texts or change.replies_removed or change.tree):
        return None
    return change


def compare(old: dict[str, model.Scenario], new: dict[str, model.Scenario]) -> list[ScenarioChange]:
    """Every scenario that changed, in id order."""
    out = []
    for sid in sorted(set(old) | set(new)):
        change = compare_scenarios(old.get(sid), new.get(sid))
        if change:
            out.append(change)
    return out
