"""The danger screen: words in a post that put a crisis scenario first, from playbook/danger.yaml.

It runs before any ranking. Each signal group becomes one regular expression,
built exactly as a compliance rule is (compliance.phrase_regex, wrap and the
portable subset), so scripts/playbook/assets/triage.js matches the same words. Before
matching, the text is normalised (compliance.normalise_typography) and any letter
repeated three times or more is cut to two ("killl" -> "kill", "nooo" -> "noo").

A missed crisis is the worst error the box can make, so the lists are written
for recall: indirect phrasings, typos and slang. Each group's `examples` must
set it off (PB905), which keeps the lists honest as they are edited.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from .. import model
from ..content_memo import ContentMemo
from ..compliance import FLAGS, PatternFault, pattern_fault, phrase_regex, usable, wrap
from ..load import Playbook
from ..hints import did_you_mean
from ..problems import Problem
from .text import prepare




def _no_apostrophes(source: str) -> str:
    """Phrases and patterns are written with or without apostrophes; the text has none."""
    return source.replace("\\'", "").replace("'", "")


@dataclass
class CompiledSignal:
    signal: model.DangerSignal
    source: str                 # one regex for the whole group, shared with the browser
    regex: re.Pattern


@dataclass
class Hit:
    signal: model.DangerSignal
    words: list[str]            # the matched words, as written, first match first, each once


def compile_signals(danger: model.Danger) -> tuple[list[CompiledSignal], list[tuple[tuple, str, str]]]:
    """Every usable signal group, and the faults (location, code, message) of the unusable parts."""
    out: list[CompiledSignal] = []
    faults: list[tuple[tuple, str, str]] = []
    code_for = {"PB702": "PB901", "PB703": "PB902", "PB713": "PB906"}
    for i, sig in enumerate(danger.signals):
        parts = []
        for kind, items in (("phrases", sig.phrases), ("patterns", sig.patterns)):
            for j, item in enumerate(items):
                src = phrase_regex(_no_apostrophes(item)) if kind == "phrases" else _no_apostrophes(item)
                loc = ("signals", i, kind, j)
                if not src:
                    faults.append((loc, "PB901", "phrase is blank"))
                    continue
                fault = pattern_fault(src, loc, "phrase" if kind == "phrases" else "pattern")
                if fault and fault.code == "PB709":  # {vocab:...} is compliance.yaml's; danger.yaml has none
                    fault = PatternFault(loc, "PB703", f"{kind[:-1]} {src!r} names a vocabulary class: danger.yaml "
                                         "has no vocabulary ({vocab:...} is compliance.yaml's); write the words out")
                if fault:
                    faults.append((loc, code_for[fault.code], fault.message))
                if usable(fault):
                    parts.append(src)
        if parts:
            source = wrap("|".join(f"(?:{p})" for p in parts))
            out.append(CompiledSignal(sig, source, re.compile(source, FLAGS)))
    return out, faults


def screen(signals: list[CompiledSignal], text: str) -> list[Hit]:
    """The signal groups the text sets off, in the order of danger.yaml."""
    prepared = prepare(text)
    hits = []
    for cs in signals:
        found: list[str] = []
        for m in cs.regex.finditer(prepared):
            if m.end() > m.start():
                w = " ".join(m.group(0).split())
                if w.lower() not in (f.lower() for f in found):
                    found.append(w)
        if found:
            hits.append(Hit(cs.signal, found))
    return hits


_compiled_by_content = ContentMemo(compile_signals)


def compiled(danger: model.Danger) -> list[CompiledSignal]:
    """The usable signal groups, compiled once per content of danger.yaml (content_memo.py)."""
    return _compiled_by_content(danger)[0]


def signals_of(pb: Playbook) -> list[CompiledSignal]:
    return compiled(pb.danger.obj) if pb.danger else []


# ------------------------------------------------------------------ checks

def check_danger_file(pb: Playbook) -> Iterable[Problem]:
    if not pb.danger:
        return
    danger, doc = pb.danger.obj, pb.danger.doc
    signals, faults = _compiled_by_content(danger)
    for loc, code, message in faults:
        line, col = doc.where(loc)
        yield Problem(doc.path, line, col, code, f"signal {danger.signals[loc[1]].id!r}: {message}")
    seen: set[str] = set()
    by_id = {cs.signal.id: cs for cs in signals}
    for i, sig in enumerate(danger.signals):
        if sig.id in seen:
            line, col = doc.where(("signals", i, "id"))
            yield Problem(doc.path, line, col, "PB903", f"signal id {sig.id!r} is used by more than one signal")
        seen.add(sig.id)
        if not sig.phrases and not sig.patterns:
            line, col = doc.where(("signals", i))
            yield Problem(doc.path, line, col, "PB904", f"signal {sig.id!r} has no phrases and no patterns, so it never fires")
            continue
        cs: Optional[CompiledSignal] = by_id.get(sig.id)
        for j, example in enumerate(sig.examples):
            if cs is None or not screen([cs], example):
                line, col = doc.where(("signals", i, "examples", j))
                yield Problem(doc.path, line, col, "PB905", f"signal {sig.id!r} does not fire on its example {example[:60]!r}",
                              "add a phrase or pattern that matches it, or remove the example")


def scenario_id(pb: Playbook, item) -> str:
    """What check_danger_scenarios needs from each scenario (pipeline.CROSS_SCENARIO_CHECKS)."""
    return item.obj.id


def check_danger_scenarios(pb: Playbook, collected: list[tuple[str, str]]) -> Iterable[Problem]:
    """PB900: a signal puts first a scenario that does not exist (collected: every scenario's id)."""
    if not pb.danger:
        return
    danger, doc = pb.danger.obj, pb.danger.doc
    ids = {sid for _, sid in collected}
    for i, sig in enumerate(danger.signals):
        if ids and sig.scenario not in ids:
            line, col = doc.where(("signals", i, "scenario"))
            yield Problem(doc.path, line, col, "PB900", f"signal {sig.id!r} puts scenario {sig.scenario!r} first, but there is no such scenario",
                          did_you_mean(sig.scenario, ids))
