"""Approvals bound to the exact text of each reply: the ledger (playbook/approvals.yaml), its hash, its checks.

An approval records who signed off one reply, when, and a SHA-256 of every
text a responder can copy from it (reply_targets.reply_texts: the default,
each platform variant and each translation). A reply is approved when some
entry of the ledger names it with the hash of its current text. The hash is
taken over the raw text, placeholders unfilled, with outer whitespace
stripped: re-wrapping a folded block or changing an organisation's phone
number needs no new approval; changing any word does (docs/decisions/011-approvals.md).

The ledger is append-only in normal use: `playbook approve` adds entries at
its end and never rewrites old ones. It is optional: no file, nothing approved.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

from . import model
from .load import Loaded, Playbook
from .problems import Problem
from .reply_targets import reply_texts

FILE = "approvals.yaml"
APPROVED, NOT_APPROVED, CHANGED = "approved", "not-approved", "changed"


def canonical_texts(reply: model.Reply) -> str:
    """The exact string that is hashed: a JSON array of [key, text] pairs sorted by key, each text
    stripped of outer whitespace, UTF-8, no spaces between tokens, no ASCII escaping."""
    pairs = sorted([key, text.strip()] for key, text in reply_texts(reply))
    return json.dumps(pairs, ensure_ascii=False, separators=(",", ":"))


def text_hash(reply: model.Reply) -> str:
    return hashlib.sha256(canonical_texts(reply).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Status:
    """A reply's approval: approved (entry = the latest approval of this exact text), changed
    (entry = the latest approval of an earlier text) or not-approved (entry None)."""

    state: str
    entry: Optional[model.Approval] = None


def entries(pb: Playbook) -> list[model.Approval]:
    return list(pb.approvals.obj.approvals) if pb.approvals else []


class Ledger:
    """The ledger indexed by reply, for answering 'is this text approved?' quickly."""

    def __init__(self, approvals: Iterable[model.Approval]):
        self.by_reply: dict[str, list[model.Approval]] = {}
        for entry in approvals:
            self.by_reply.setdefault(entry.reply, []).append(entry)

    def status(self, sid: str, rid: str, reply: model.Reply) -> Status:
        mine = self.by_reply.get(f"{sid}/{rid}", [])
        if not mine:
            return Status(NOT_APPROVED)
        digest = text_hash(reply)
        matching = [e for e in mine if e.text_sha256 == digest]
        if matching:
            return Status(APPROVED, matching[-1])
        return Status(CHANGED, mine[-1])


_INDEXED: dict[int, tuple[object, Ledger]] = {}  # id(ledger model) -> (the model, its index): checks ask once per scenario


def ledger(pb: Playbook) -> Ledger:
    if not pb.approvals:
        return Ledger([])
    obj = pb.approvals.obj
    hit = _INDEXED.get(id(obj))
    if hit is None or hit[0] is not obj:
        if len(_INDEXED) > 8:
            _INDEXED.clear()
        hit = _INDEXED[id(obj)] = (obj, Ledger(obj.approvals))
    return hit[1]


def statuses(pb: Playbook) -> dict[tuple[str, str], Status]:
    """(scenario id, reply id) -> Status, for every reply of every scenario that loaded."""
    book = ledger(pb)
    return {(s.id, rid): book.status(s.id, rid, r) for s in pb.scenario_list() for rid, r in s.replies.items()}


def approval_view(status: Status) -> dict[str, str]:
    """Plain data for templates: state, and who approved (this text, or the earlier one) and when."""
    entry = status.entry
    return {"state": status.state, "by": entry.by if entry else "", "date": entry.date.isoformat() if entry else ""}


def approval_views(pb: Playbook) -> dict[str, dict[str, dict[str, str]]]:
    """scenario id -> reply id -> approval view data, for every reply."""
    out: dict[str, dict[str, dict[str, str]]] = {}
    for (sid, rid), status in statuses(pb).items():
        out.setdefault(sid, {})[rid] = approval_view(status)
    return out


# ---------------------------------------------------------------- checks


def _required(pb: Playbook) -> bool:
    return bool(pb.org and pb.org.policies.require_approval)


def check_replies(pb: Playbook, item: Loaded) -> Iterator[Problem]:
    """PB800/PB802 for a reply never approved, PB801/PB803 for one whose text changed since its approval."""
    scen, doc = item.obj, item.doc
    book = ledger(pb)
    required = _required(pb)
    for rid, reply in scen.replies.items():
        status = book.status(scen.id, rid, reply)
        if status.state == APPROVED:
            continue
        line, col = doc.where_key(("replies", rid))
        how = f"playbook approve {scen.id}/{rid} --by \"NAME, ROLE\""
        if status.state == NOT_APPROVED:
            yield Problem(doc.path, line, col, "PB802" if required else "PB800",
                          f"reply {rid!r} is not approved", f"once its text is signed off: {how}")
        else:
            e = status.entry
            yield Problem(doc.path, line, col, "PB803" if required else "PB801",
                          f"reply {rid!r} changed since {e.by} approved it on {e.date.isoformat()}",
                          f"see what changed with playbook diff; once the new text is signed off: {how}")


def reply_names(pb: Playbook, item: Loaded) -> list[str]:
    """SCENARIO/REPLY of every reply of one scenario (what check_ledger_replies needs from each, pipeline.py)."""
    return [f"{item.obj.id}/{rid}" for rid in item.obj.replies]


def check_ledger_replies(pb: Playbook, collected: list[tuple[str, list[str]]]) -> Iterator[Problem]:
    """PB804 for an entry naming a reply that does not exist (collected: reply_names of every scenario)."""
    if not pb.approvals:
        return
    doc = pb.approvals.doc
    replies = {name for _, names in collected for name in names}
    for i, entry in enumerate(pb.approvals.obj.approvals):
        # A scenario that failed to load has its own errors; its replies are unknown, so its entries are not reported.
        if entry.reply not in replies and entry.reply.split("/")[0] not in pb.failed_scenarios:
            line, col = doc.where(("approvals", i, "reply"))
            yield Problem(doc.path, line, col, "PB804", f"approval of {entry.reply!r}, which is not a reply in the playbook",
                          "correct the id, or remove the entry if the reply was deleted (git keeps the history)")


def check_ledger_dates(pb: Playbook, today: dt.date) -> Iterator[Problem]:
    """PB805 for an approval dated in the future."""
    if not pb.approvals:
        return
    doc = pb.approvals.doc
    for i, entry in enumerate(pb.approvals.obj.approvals):
        if entry.date > today:
            line, col = doc.where(("approvals", i, "date"))
            yield Problem(doc.path, line, col, "PB805", f"approval of {entry.reply!r} is dated {entry.date}, in the future")


# ---------------------------------------------------------------- appending to the ledger

HEADER = """\
# yaml-language-server: $schema=../schema/approvals.schema.json
# The approval ledger: who signed off the exact text of each reply, and when.
# `playbook approve SCENARIO[/REPLY] --by "NAME, ROLE"` appends to it. Don't edit old entries:
# an approval holds for the text it was given for (text_sha256; see docs/decisions/011-approvals.md).
approvals:
"""


class LedgerError(ValueError):
    """The ledger cannot be appended to safely (its end is not the block list of approvals)."""


def entry_yaml(entry: model.Approval, indent: int = 2) -> str:
    pad, item = " " * indent, " " * indent + "- "
    # A JSON string is a valid YAML double-quoted scalar: no name can break out of it.
    return (f"{item}reply: {entry.reply}\n"
            f"{pad}  text_sha256: {entry.text_sha256}\n"
            f"{pad}  by: {json.dumps(entry.by, ensure_ascii=False)}\n"
            f"{pad}  date: {entry.date.isoformat()}\n")


def appended(old_text: Optional[str], new: list[model.Approval]) -> str:
    """The ledger with `new` added at its end: the old text stays byte for byte as it was.

    Raises LedgerError unless the result reads back as the old entries followed by the new ones."""
    from .yamlsafe import load_text

    old_entries: list[model.Approval] = []
    indent = 2
    if old_text is None:
        text = HEADER
    else:
        doc, problems = load_text(old_text, FILE)
        try:
            old_entries = list(model.Approvals.model_validate(doc.data).approvals) if doc and not problems else None
        except ValueError:  # pydantic's ValidationError
            old_entries = None
        if old_entries is None:
            raise LedgerError(f"{FILE} cannot be read; run playbook check and fix it first")
        if old_entries:
            indent = doc.where_key(("approvals", len(old_entries) - 1, "reply"))[1] - 3
        text = old_text if old_text.endswith("\n") else old_text + "\n"
    text += "".join(entry_yaml(e, max(indent, 0)) for e in new)
    doc, problems = load_text(text, FILE)
    try:
        got = model.Approvals.model_validate(doc.data).approvals if doc and not problems else None
    except ValueError:
        got = None
    if got != old_entries + new:
        raise LedgerError(f"cannot append to {FILE} safely: it must end with its list of approvals, "
                          "one '- reply: …' entry under another (as playbook approve writes them)")
    return text
