"""The compliance guard: rules from compliance.yaml, run on every reply before it can be copied.

The same rules run in three places: `playbook check` (here), `playbook lint`
(lint.py) and the browser's "Check my draft" page (render/draft_page.py ships
the compiled regexes to assets/draft.js). To give the same verdicts in
Python and JavaScript, a rule's patterns are limited to a portable subset of
regular expressions (see portability_error) and both engines first normalise
the text the same way (normalise), one character for one, so spans agree.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from . import languages, model, placeholders
from .accents import fold_accents
from .load import Loaded, Playbook
from .reply_targets import copy_texts
from .hints import did_you_mean
from .problems import Problem


# Characters that JavaScript's \s matches beyond ASCII, and typographic quotes:
# mapped one-to-one so offsets stay the same. draft.js has the same table.
_NORMALISE = {0x2018: "'", 0x2019: "'", 0x201A: "'", 0x2032: "'", 0x201C: '"', 0x201D: '"', 0x201E: '"',
              0x2028: "\n", 0x2029: "\n", 0x0D: "\n"}
for _cp in (0xA0, 0x1680, 0x202F, 0x205F, 0x3000, 0xFEFF, *range(0x2000, 0x200B)):
    _NORMALISE[_cp] = " "
NORMALISE_TABLE = str.maketrans(_NORMALISE)


def normalise(text: str) -> str:
    return text.translate(NORMALISE_TABLE)


# ------------------------------------------------------------------ portable regex subset

_ALLOWED_ESCAPES = set("bBdDwWsSnt") | set(r"\.-'\"()[]{}*+?|^$/,:;!&#%@=<>~`_ ")
_GROUP_OPENERS = ("(?:", "(?=", "(?!", "(?<=", "(?<!")


def portability_error(pattern: str) -> Optional[str]:
    """Why `pattern` might behave differently in Python `re` and JavaScript, or None.

    A small scanner, not a full parser: it refuses the constructs that differ
    (named groups, inline flags, anchors, \\A \\Z, possessive and atomic forms,
    backreferences, Unicode escapes, ambiguous character classes) and lets
    Python's compiler catch plain syntax errors.
    """
    if any(ord(c) > 127 for c in normalise(pattern)):
        return "use plain ASCII in patterns (letters outside ASCII match differently in Python and JavaScript)"
    i, n = 0, len(pattern)
    in_class = False
    prev_quant = False  # the previous token was a quantifier (to catch possessive *+ ++ ?+ }+)
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 >= n:
                return "pattern ends with a lone backslash"
            e = pattern[i + 1]
            if e.isdigit():
                return f"\\{e} (backreference or octal escape) is not supported"
            if e not in _ALLOWED_ESCAPES:
                return f"\\{e} is not supported; use \\b \\d \\w \\s (and their capitals), or escape punctuation"
            i += 2
            prev_quant = False
            continue
        if in_class:
            if c == "[":
                return "'[' inside a character class: write \\["
            if pattern.startswith(("--", "&&", "||", "~~"), i):
                return f"{pattern[i:i + 2]!r} inside a character class is reserved in Python; escape one of them"
            if c == "]":
                in_class = False
            i += 1
            continue
        if c == "[":
            j = i + 1 + (pattern[i + 1:i + 2] == "^")
            if pattern[j:j + 1] == "]":
                return "a character class that starts with ']' means different things in Python and JavaScript; write \\]"
            in_class = True
            i = j
            prev_quant = False
            continue
        if c in "^$":
            return f"anchor {c!r} is not supported: rules look for words anywhere in the text"
        if c == "(":
            if pattern.startswith("(?", i) and not pattern.startswith(_GROUP_OPENERS, i):
                return (f"{pattern[i:i + 4]!r}... is not supported: use (?: ) (?= ) (?! ) (?<= ) (?<! ); "
                        "no named groups, atomic groups, inline flags or comments (matching is always case-insensitive)")
            prev_quant = False
            i += 1
            continue
        if c in "*+?":
            if prev_quant and c == "+":
                return "possessive quantifiers (*+ ++ ?+ }+) are not supported"
            # a lazy '?' after a quantifier is fine; then the quantifier ends
            prev_quant = not (c == "?" and prev_quant)
            i += 1
            continue
        if c == "{":
            m = re.match(r"\{(\d*)(,?)(\d*)\}", pattern[i:])
            if m and not m.group(1):
                return "{,n} is read differently by Python and JavaScript; write {0,n}"
            if m:
                i += m.end()
                prev_quant = True
                continue
            return "a literal '{' must be escaped: \\{"
        if c == "}":
            return "a literal '}' must be escaped: \\}"
        prev_quant = False
        i += 1
    if in_class:
        return "character class is not closed with ']'"
    return None


def phrase_regex(phrase: str) -> str:
    """A literal phrase as a portable regex: any run of spaces matches any whitespace."""
    words = normalise(phrase).split()
    return r"\s+".join(re.sub(r"([\\.\-'\"()\[\]{}*+?|^$/])", r"\\\1", w) for w in words)


def wrap(source: str) -> str:
    """Whole words only: a match may not start or end inside a word."""
    return rf"(?<!\w)(?:{source})(?!\w)"


FLAGS = re.IGNORECASE | re.ASCII  # ASCII: \w \b \d \s mean what they mean in JavaScript


# ------------------------------------------------------------------ compiled rules

@dataclass
class CompiledRule:
    rule: model.Rule
    source: str            # one regex for the whole rule, shared with the browser
    regex: re.Pattern

    @property
    def id(self) -> str:
        return self.rule.id


@dataclass
class Finding:
    rule: model.Rule
    start: int
    end: int
    words: str             # the matched words, as written

    @property
    def rule_id(self) -> str:
        return self.rule.id

    def describe(self) -> str:
        return f"{self.rule.id}: {self.words!r}: {self.rule.why} Instead: {self.rule.instead}"


@dataclass
class PatternFault:
    loc: tuple             # path in compliance.yaml
    code: str              # PB702 or PB703
    message: str


def pattern_fault(pattern: str, loc: tuple, what: str = "pattern") -> Optional[PatternFault]:
    why = portability_error(pattern)
    if why:
        return PatternFault(loc, "PB703", f"{what} {pattern!r}: {why}")
    try:
        rx = re.compile(wrap(pattern), FLAGS)
    except re.error as exc:
        return PatternFault(loc, "PB702", f"{what} {pattern!r} is not a valid regular expression: {exc}")
    if rx.match("") is not None:
        return PatternFault(loc, "PB702", f"{what} {pattern!r} can match empty text; it would flag everything")
    return None


def compile_rules(comp: model.Compliance) -> tuple[list[CompiledRule], list[PatternFault]]:
    """Compile every usable rule; faulty phrases and patterns are reported and left out."""
    rules: list[CompiledRule] = []
    faults: list[PatternFault] = []
    for i, rule in enumerate(comp.rules):
        parts = []
        for j, phrase in enumerate(rule.phrases):
            src = phrase_regex(phrase)
            fault = pattern_fault(src, ("rules", i, "phrases", j), "phrase") if src else \
                PatternFault(("rules", i, "phrases", j), "PB702", "phrase is blank")
            if fault:
                faults.append(fault)
            else:
                parts.append(src)
        for j, pattern in enumerate(rule.patterns):
            fault = pattern_fault(pattern, ("rules", i, "patterns", j))
            if fault:
                faults.append(fault)
            else:
                parts.append(pattern)
        if parts:
            source = wrap("|".join(f"(?:{p})" for p in parts))
            rules.append(CompiledRule(rule, source, re.compile(source, FLAGS)))
    return rules, faults


def find(rules: list[CompiledRule], text: str) -> list[Finding]:
    """Every match of every rule, in text order; empty matches are skipped (as in draft.js)."""
    norm = normalise(text)
    out = [Finding(r.rule, m.start(), m.end(), text[m.start():m.end()])
           for r in rules for m in r.regex.finditer(norm) if m.end() > m.start()]
    return sorted(out, key=lambda f: (f.start, f.rule.id))


def redirects_for(comp: model.Compliance, lang: Optional[str] = None) -> dict[str, list[str]]:
    """The redirect patterns for texts in `lang`: those compliance.yaml gives under languages.LANG,
    and for any topic it leaves out there, the ones at the top (the language of `language`)."""
    out = dict(comp.redirects)
    if lang and lang != comp.language and lang in comp.languages:
        out.update(comp.languages[lang].redirects)
    return out


def redirect_regexes(comp: model.Compliance, lang: Optional[str] = None) -> dict[str, re.Pattern]:
    out = {}
    for topic, patterns in redirects_for(comp, lang).items():
        good = [p for p in patterns if not portability_error(p)]
        try:
            out[topic] = re.compile(wrap("|".join(f"(?:{p})" for p in good)), FLAGS) if good else None
        except re.error:
            out[topic] = None
    return out


# ------------------------------------------------------------------ checks

_cache: dict[int, tuple[list[CompiledRule], list[PatternFault]]] = {}


def compiled(comp: model.Compliance) -> tuple[list[CompiledRule], list[PatternFault]]:
    key = id(comp)
    if key not in _cache:
        _cache.clear()  # one playbook at a time; don't hold on to old ones
        _cache[key] = (comp, compile_rules(comp))  # keep comp alive so its id is not reused
    return _cache[key][1]


def check_compliance_file(pb: Playbook) -> Iterable[Problem]:
    """compliance.yaml itself: patterns that don't compile or aren't portable, duplicate ids, empty rules."""
    if not pb.compliance:
        return
    comp, doc = pb.compliance.obj, pb.compliance.doc
    _, faults = compiled(comp)
    for topic, patterns in comp.redirects.items():
        for j, p in enumerate(patterns):
            fault = pattern_fault(p, ("redirects", topic, j), f"redirect for {topic}")
            if fault:
                faults = faults + [fault]
    for lang, more in comp.languages.items():
        for topic, patterns in more.redirects.items():
            for j, p in enumerate(patterns):
                fault = pattern_fault(p, ("languages", lang, "redirects", topic, j), f"{lang} redirect for {topic}")
                if fault:
                    faults = faults + [fault]
    for fault in faults:
        line, col = doc.where(fault.loc)
        yield Problem(doc.path, line, col, fault.code, fault.message)
    seen: set[str] = set()
    for i, rule in enumerate(comp.rules):
        if rule.id in seen:
            line, col = doc.where(("rules", i, "id"))
            yield Problem(doc.path, line, col, "PB706", f"rule id {rule.id!r} is used by more than one rule")
        seen.add(rule.id)
        if not rule.phrases and not rule.patterns:
            line, col = doc.where(("rules", i))
            yield Problem(doc.path, line, col, "PB708", f"rule {rule.id!r} has no phrases and no patterns, so it catches nothing")


def reply_texts(reply: model.Reply) -> list[tuple[tuple, str]]:
    return [(("text",), reply.text)] + [(("variants", p), t) for p, t in reply.variants.items()]


def check_replies(pb: Playbook, item: Loaded) -> Iterable[Problem]:
    """Every rule on every reply and variant, as the copy button would copy it."""
    if not pb.compliance or not pb.org:
        return
    scen: model.Scenario = item.obj
    doc = item.doc
    comp = pb.compliance.obj
    rules, _ = compiled(comp)
    known = {r.id for r in comp.rules}
    for rid, reply in scen.replies.items():
        allowed: dict[str, int] = {}
        for k, allow in enumerate(reply.allow):
            if allow.rule not in known:
                line, col = doc.where(("replies", rid, "allow", k, "rule"))
                yield Problem(doc.path, line, col, "PB704", f"reply {rid!r} allows rule {allow.rule!r}, which is not in compliance.yaml",
                              did_you_mean(allow.rule, known))
            else:
                allowed[allow.rule] = k
        used: set[str] = set()
        for sub, raw in reply_texts(reply):
            loc = ("replies", rid) + sub
            text = placeholders.final_text(raw, pb.org)
            for f in find(rules, text):
                if f.rule.id in allowed:
                    used.add(f.rule.id)
                    continue
                offset = raw.find(f.words)
                line, col = doc.text_position(loc, offset, raw) if offset >= 0 else doc.where(loc)
                where = "text" if sub == ("text",) else f"{sub[1]} variant"
                code = "PB700" if f.rule.severity == "error" else "PB701"
                yield Problem(doc.path, line, col, code,
                              f"reply {rid!r} ({where}) {f.rule.id}: {f.words!r}: {f.rule.why}",
                              f"instead: {f.rule.instead}")
        for rule_id, k in allowed.items():
            if rule_id not in used:
                line, col = doc.where(("replies", rid, "allow", k, "rule"))
                yield Problem(doc.path, line, col, "PB707", f"reply {rid!r} allows {rule_id!r}, but no text of the reply matches it",
                              "remove the exception")


TOPIC_NEEDS = {"medical": "their provider or a validated source", "emergency": "911", "self-harm": "the 988 Lifeline"}


def check_redirects(pb: Playbook, item: Loaded) -> Iterable[Problem]:
    """An outcome about a medical question, emergency or self-harm must redirect in every text of its reply."""
    if not pb.compliance or not pb.org:
        return
    scen: model.Scenario = item.obj
    doc = item.doc
    langs = languages.declared(pb.org)
    regexes = {lang: redirect_regexes(pb.compliance.obj, lang) for lang in langs}
    for oid, out in scen.tree.outcomes.items():
        for topic in out.about:
            if all(regexes[lang].get(topic) is None for lang in langs):
                continue  # compliance.yaml defines no (valid) redirect for this topic
            reply = scen.replies.get(out.reply) if out.reply else None
            if reply is None:
                line, col = doc.where(("tree", "outcomes", oid, "about"))
                yield Problem(doc.path, line, col, "PB705", f"outcome {oid!r} is about {topic} but has no reply to point people to {TOPIC_NEEDS[topic]}",
                              "add reply: ID with a reply that redirects")
                continue
            # Every text in every language: a translation redirects as the original does.
            for t in copy_texts(reply, langs):
                rx = regexes[t.lang].get(topic)
                text = placeholders.final_text(t.raw, languages.org_in(pb.org, t.lang))
                if rx is not None and not rx.search(fold_accents(normalise(text))):
                    line, col = doc.where(("replies", out.reply) + t.sub)
                    where = "text" if t.platform == "default" else f"{t.platform} variant"
                    if t.translated:
                        where = f"{languages.name(t.lang)} {where}"
                    yield Problem(doc.path, line, col, "PB705",
                                  f"reply {out.reply!r} ({where}) is used by outcome {oid!r}, which is about {topic}, but does not point to {TOPIC_NEEDS[topic]}"
                                  + (f" as compliance.yaml asks of {languages.name(t.lang)} texts" if t.translated else ""),
                                  "see redirects in compliance.yaml")


def load_rules(root: str) -> tuple[list[CompiledRule], list[Problem]]:
    """Rules for `playbook lint` and the draft page: compliance.yaml alone, with its problems."""
    import os

    from .load import _display, load_file

    path = os.path.join(root, "compliance.yaml")
    if not os.path.isfile(path):
        return [], [Problem(path, 1, 1, "PB112", "compliance.yaml is missing")]
    loaded, problems = load_file(path, model.Compliance, _display(root, path))
    if loaded is None:
        return [], problems
    problems += list(check_compliance_file(Playbook(root=root, compliance=loaded)))
    return compiled(loaded.obj)[0], problems

