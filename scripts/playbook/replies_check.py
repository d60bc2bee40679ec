"""Checks on copy-ready replies, per platform: length, links that won't work, blanks in public.

Each text is checked as it will be pasted (placeholders filled, see
placeholders.final_text), at every location where the filled text differs (a
length for the location where it is longest). A variant is checked for its own platform. The
default text is what a responder copies on every channel that has no variant of
its own, so it is checked against those channels too; as warnings (PB604), since
the author may never have meant it for that channel, but a variant would fix it.
A reply that every outcome sends privately (reply-privately) is a direct message.
"""
from __future__ import annotations

from typing import Iterable

from . import placeholders
from .load import Loaded, Playbook
from .model import PLATFORM_LABELS
from .problems import Problem
from .reply_targets import default_platforms
from .textlength import LIMITS, WARN_AT, has_url, length_for, limit_for


PRIVATE = {"dm"}  # a blank like [first name] is fine in a direct message


def pasted_texts(scen, rid, reply) -> list[tuple[tuple, str, list[str]]]:
    """(YAML location, raw text, platforms it is pasted on) for the default text and each variant."""
    out = [(("replies", rid, "text"), reply.text, default_platforms(scen, rid, reply))]
    out += [(("replies", rid, "variants", p), t, [p]) for p, t in reply.variants.items()]
    return out


def _at(ids: list, variants: int) -> str:
    """' at location 'x'' when the text differs between locations, else nothing."""
    return f" at location {', '.join(repr(i) for i in ids)}" if variants > 1 else ""


def check_replies(pb: Playbook, item: Loaded) -> Iterable[Problem]:
    scen, doc, org = item.obj, item.doc, pb.org
    if org is None:
        return
    for rid, reply in scen.replies.items():
        for loc, raw, platforms in pasted_texts(scen, rid, reply):
            texts = placeholders.final_texts(raw, org)  # one per location where they differ
            pos = lambda loc=loc: doc.where(loc)  # noqa: E731 (a position only for a problem: most texts have none)
            is_default = loc[-1] == "text"
            which = f"reply {rid!r} (default text)" if is_default else f"reply {rid!r} ({PLATFORM_LABELS[loc[-1]]} variant)"
            counted: dict[str, tuple[int, str]] = {}  # one count per way of counting: the default text goes to many platforms
            for platform in platforms:
                name, limit = PLATFORM_LABELS[platform], limit_for(platform)
                if not limit:
                    continue
                counting = LIMITS[platform].counting
                if counting not in counted:  # the longest of the location texts, and where it is
                    counted[counting] = max((length_for(platform, t), _at(ids, len(texts))) for t, ids in texts)
                n, at = counted[counting]
                unit = "weighted characters" if counting == "x-weighted" else "characters"
                if n > limit and is_default:
                    yield Problem(doc.path, *pos(), "PB604", f"{which} is {n} {unit}{at} but {name} allows {limit}; it is what gets copied on {name}",
                                  f"add a variant for {platform} of at most {limit} {unit}")
                elif n > limit:
                    yield Problem(doc.path, *pos(), "PB600", f"{which} is {n} {unit}{at}; {name} allows {limit}", f"shorten it by {n - limit}")
                elif n >= WARN_AT * limit:
                    yield Problem(doc.path, *pos(), "PB601", f"{which} is {n} of the {limit} {unit} {name} allows{at}")
            no_links = [PLATFORM_LABELS[p] for p in platforms if not LIMITS[p].links_clickable]
            if no_links and any(has_url(t) for t, _ in texts):
                where = " and ".join(no_links)
                yield Problem(doc.path, *pos(), "PB602", f"{which} has a link, but links in {where} comments are not clickable",
                              f"add a variant for {where} that says \"link in bio\"" if is_default else "say \"link in bio\" instead")
            public = [PLATFORM_LABELS[p] for p in platforms if p not in PRIVATE]
            blank = placeholders.BLANK.search(raw)
            if public and blank:
                bline, bcol = doc.text_position(loc, blank.start(), raw)
                yield Problem(doc.path, bline, bcol, "PB603",
                              f"{which} has the blank {blank.group(0)} but is posted as a public comment on {', '.join(public)}",
                              "in public, a name or detail can confirm that someone is a patient; keep such blanks to direct messages")

