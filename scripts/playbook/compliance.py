"""The compliance guard: rules from compliance.yaml, run on every reply before it can be copied.

The same rules run in three places: `playbook check` (here), `playbook lint`
(lint.py) and the browser's "Check my draft" page (render/draft_page.py ships
the compiled regexes to assets/draft.js). To give the same verdicts in
Python and JavaScript, a rule's patterns are limited to a portable subset of
regular expressions (see portability_error) and both engines first normalise
the text the same way (normalise), one character for one, so spans agree.

Patterns may name vocabulary classes from compliance.yaml as {vocab:ID}; each
class is compiled once into a trie-shaped alternation (vocab_source) and put in
place of the reference (expand). Exemptions are patterns for safe wording: a
finding that lies wholly inside an exemption's match is dropped (exempt).
"""
from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from . import languages, learned_check, model, placeholders
from .accents import fold_accents
from .content_memo import ContentMemo
from .load import Loaded, Playbook
from .reply_targets import copy_texts
from . import string_memo
from .string_memo import StringMemo
from .hints import did_you_mean
from .problems import Problem


# Characters that JavaScript's \s matches beyond ASCII, and typographic quotes:
# mapped one-to-one so offsets stay the same. draft.js has the same table.
_NORMALISE = {0x2018: "'", 0x2019: "'", 0x201A: "'", 0x2032: "'", 0x201C: '"', 0x201D: '"', 0x201E: '"',
              0x2028: "\n", 0x2029: "\n", 0x0D: "\n"}
for _cp in (0xA0, 0x1680, 0x202F, 0x205F, 0x3000, 0xFEFF, *range(0x2000, 0x200B)):
    _NORMALISE[_cp] = " "
NORMALISE_TABLE = str.maketrans(_NORMALISE)


# Every other character beyond ASCII becomes one control character: the portable patterns are
# ASCII, and to them such a character is neither a letter nor a space either way. (The browser
# then runs its regexes on plain one-byte text, for which it compiles them once, not twice.)
OTHER_CHAR = "\x1a"
_OTHER = re.compile(r"[^\x00-\x7f]")


def normalise_typography(text: str) -> str:
    """Typographic quotes and odd spaces as their plain ASCII forms, one character for one (offsets stay)."""
    return text.translate(NORMALISE_TABLE)


def normalise(text: str) -> str:
    """What the compliance rules match against: typography made plain, and every other non-ASCII character as OTHER_CHAR."""
    return _OTHER.sub(OTHER_CHAR, normalise_typography(text))


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
    if any(ord(c) > 127 for c in pattern.translate(NORMALISE_TABLE)):
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
    words = phrase.translate(NORMALISE_TABLE).split()
    return r"\s+".join(re.sub(r"([\\.\-'\"()\[\]{}*+?|^$/])", r"\\\1", w) for w in words)


def wrap(source: str) -> str:
    """Whole words only: a match may not start or end inside a word."""
    return rf"(?<!\w)(?:{source})(?!\w)"


FLAGS = re.IGNORECASE | re.ASCII  # ASCII: \w \b \d \s mean what they mean in JavaScript


# ------------------------------------------------------------------ vocabulary

# {vocab:ID} or a union {vocab:ID,ID,...}, compiled as one trie of all their terms
VOCAB_REF = re.compile(r"\{vocab:([a-z0-9][a-z0-9_-]*(?:,[a-z0-9][a-z0-9_-]*)*)\}")
_TERM_OK = re.compile(r"[a-z0-9][a-z0-9' .&/+-]*")
_SPACE, _HYPHEN = "\x00", "\x01"  # trie symbols for "any spaces" and "hyphen, space or nothing"


def term_error(term: str) -> Optional[str]:
    if not _TERM_OK.fullmatch(term) or "  " in term or term.endswith(" "):
        return (f"term {term!r}: write terms in lower-case ASCII letters and digits, single spaces and ' - . & / + "
                "(no capitals, accents or regular-expression syntax)")
    return None


def plural(term: str) -> str:
    """The regular English plural of a term's last word (visit: visits, biopsy: biopsies, rash: rashes)."""
    if term.endswith("s") and not term.endswith(("ss", "us", "is")):
        return term
    if re.search(r"[^aeiou]y$", term):
        return term[:-1] + "ies"
    if term.endswith(("s", "x", "z", "ch", "sh")):
        return term + "es"
    return term + "s"


_ES_LINKS = {"de", "del", "para", "con", "en", "a", "al", "por", "sin", "y", "o", "u", "e"}


def _plural_es_word(word: str) -> str:
    if len(word) <= 2 or not word[-1].isalpha():
        return word  # initials and abbreviations (tac, rx) are written out as their own terms
    if word[-1] in "aeiou":
        return word + "s"
    if word[-1] in "sx":  # crisis, virus, torax stay; a one-syllable word takes -es (mes: meses, tos: toses)
        return word + "es" if len(re.findall(r"[aeiou]+", word)) == 1 else word
    if word[-1] == "z":
        return word[:-1] + "ces"
    if word[-1] == "y":
        return word + "es"
    return word + "es"


def plural_es(term: str) -> str:
    """The regular Spanish plural of a term, accents already dropped: every word up to the first
    linking word (cita medica: citas medicas, dolor de cabeza: dolores de cabeza, examen: examenes,
    nariz: narices; crisis and virus stay as they are)."""
    out, linked = [], False
    for word in term.split(" "):
        linked = linked or word in _ES_LINKS
        out.append(word if linked else "-".join(_plural_es_word(w) for w in word.split("-")))
    return " ".join(out)


PLURALS = {"en": plural, "es": plural_es}  # a language without its own rule adds no plurals


def _symbols(term: str) -> list[str]:
    out: list[str] = []
    for ch in term:
        out.append(_SPACE if ch == " " else _HYPHEN if ch == "-" else ch)
    return out


def _atom(sym: str) -> str:
    if sym == _SPACE:
        return r"\s+"
    if sym == _HYPHEN:
        return r"[-\s]?"
    return sym if sym.isalnum() else "\\" + sym


def _trie_regex(node: dict) -> str:
    ends = "" in node
    branches = [(k, v) for k, v in sorted(node.items()) if k != ""]
    if not branches:
        return ""
    alts = [_atom(k) + _trie_regex(v) for k, v in branches]
    singles = [k for k, v in branches if list(v) == [""] and k.isalnum()]
    if len(singles) == len(branches) and len(singles) > 1:
        body = "[" + "".join(singles) + "]"  # e.g. scan(?:s)? becomes a class only for single letters
    elif len(alts) == 1:
        body = alts[0] if not ends or len(alts[0]) == 1 else "(?:" + alts[0] + ")"
    else:
        body = "(?:" + "|".join(alts) + ")"
    return body + "?" if ends else body


def vocab_terms(vocab: model.Vocabulary, lang: str = "en") -> list[str]:
    terms = {t for t in vocab.terms if not term_error(t)}
    make = PLURALS.get(lang)
    if vocab.plurals and make:
        terms |= {make(t) for t in terms}
    return sorted(terms)


def trie_source(terms: Iterable[str]) -> str:
    """Terms as one whole-word alternation, shaped as a trie (shared prefixes written once)."""
    return TRIES("\n".join(sorted(set(terms))))


def _trie_source(lines: str) -> str:
    root: dict = {}
    for term in lines.split("\n") if lines else ():
        node = root
        for sym in _symbols(term):
            node = node.setdefault(sym, {})
        node[""] = {}
    return rf"(?<!\w)(?:{_trie_regex(root)})(?!\w)" if root else r"(?!)"


def vocab_source(vocab: model.Vocabulary, lang: str = "en") -> str:
    return trie_source(vocab_terms(vocab, lang))


def vocab_refs(source: str) -> set[str]:
    """The vocabulary references in a pattern, e.g. {'medicines', 'medicines,devices'}."""
    return {m.group(1) for m in VOCAB_REF.finditer(source)}


def expand(source: str, vocab: dict[str, str]) -> str:
    """Put each {vocab:...} in place (draft.js does the same replacement, so both engines run the same regex)."""
    return VOCAB_REF.sub(lambda m: vocab[m.group(1)], source)


# ------------------------------------------------------------------ prefilter (Python only)
#
# Most replies match no rule, and a regex with hundreds of alternatives is tried
# at every position of the text. Before running a rule, Python checks that the
# text contains at least one of the rule's "triggers": literal strings, worked
# out from the compiled regex, one of which every match must contain. It is a
# necessary condition only (a rule whose text has a trigger is run in full), so
# verdicts are exactly those of the regex, and of draft.js, which runs every rule.

_MAX_SET = 80       # strings built by spelling out a literal sequence
_MAX_UNION = 400    # strings gathered from the alternatives of a branch
_START, _END = "\x00", "\x01"  # "a non-word character (or the text's edge) comes before / after here"
_RAW = "\x02"
_BOUND = "\x03"  # \b: a word boundary, which becomes _START or _END next to a word character
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _boundary(op, av) -> Optional[str]:
    r"""_START for (?<!\w), _END for (?!\w): the whole-word guards of wrap() and vocab_source().

    A guard on a wider class, such as (?![\w']) or (?<![\w-]), implies the plain one, so it
    counts too (the prefilter only needs conditions that every match meets)."""
    from re import _constants as c
    if op is c.ASSERT_NOT and len(av[1]) == 1:
        kind, items = list(av[1])[0]
        if kind is c.IN and (c.CATEGORY, c.CATEGORY_WORD) in items and not any(o is c.NEGATE for o, _ in items):
            return _START if av[0] == -1 else _END
    return None


def _nonword_before(op, av) -> bool:
    r"""A lookbehind that can only hold after a non-word character or at the start of the text,
    e.g. (?<=just ), (?<=[.!?] ), (?<=[^ -~\s] ), (?<![\s\S]) (the clause starts of advice patterns)."""
    from re import _constants as c
    if op is c.ASSERT and av[0] == -1 and len(av[1]):
        o, a = list(av[1])[-1]
        if o is c.LITERAL:
            return not (chr(a).isalnum() or chr(a) == "_")
        if o is c.IN:
            if a and a[0][0] is c.NEGATE:
                return any(x == (c.RANGE, (32, 126)) for x in a)
            return all(x is c.LITERAL and not (chr(y).isalnum() or chr(y) == "_") for x, y in a)
    if op is c.ASSERT_NOT and av[0] == -1:
        inner = list(av[1])
        return len(inner) == 1 and inner[0][0] is c.IN and {x for x in inner[0][1]} == {
            (c.CATEGORY, c.CATEGORY_SPACE), (c.CATEGORY, c.CATEGORY_NOT_SPACE)}
    return False


def _exact(items) -> Optional[set[str]]:
    """The strings a fully literal sequence can match (with boundary marks), or None."""
    from re import _constants as c
    out = {""}
    for op, av in items:
        if op is c.LITERAL:
            part = {chr(av).lower()}
        elif op is c.SUBPATTERN:
            part = _exact(av[3])
        elif op is c.BRANCH:
            subs = [_exact(b) for b in av[1]]
            part = None if any(x is None for x in subs) else set().union(*subs)
        elif op is c.IN and len(av) <= 3 and all(o is c.LITERAL for o, _ in av):
            part = {chr(v).lower() for _, v in av}
        elif op is c.IN and av == [(c.CATEGORY, c.CATEGORY_DIGIT)]:
            part = set("0123456789")
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and list(av[2]) == [(c.IN, [(c.CATEGORY, c.CATEGORY_SPACE)])]:
            part = {" "} if av[0] >= 1 else {"", " "}  # runs of spaces are one space in _word_text()
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[1] <= 2:
            body = _exact(av[2])
            part = None if body is None else {"".join(p) for n in range(av[0], av[1] + 1)
                                              for p in itertools.product(sorted(body), repeat=n)}
        elif _boundary(op, av) or _nonword_before(op, av):
            part = {_boundary(op, av) or _START}
        elif op is c.AT and av is c.AT_BOUNDARY:
            part = {_BOUND}
        elif op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            part = {""}  # zero-width: adds no characters
        else:
            return None
        if part is None or len(out) * len(part) > _MAX_SET:
            return None
        out = {a + b for a in out for b in part}
    return out


def _resolve_bounds(t: str) -> str:
    """\\b marks at the edges next to a word character become _START / _END; the others go."""
    if t.startswith(_BOUND):
        rest = t.lstrip(_BOUND)
        t = (_START + rest) if rest[:1].isalnum() or rest[:1] == "_" else rest
    if t.endswith(_BOUND):
        rest = t.rstrip(_BOUND)
        t = (rest + _END) if rest[-1:].isalnum() or rest[-1:] == "_" else rest
    return t.replace(_BOUND, "")


def _key(t: str) -> str:
    """A trigger as it is looked for in _word_text(): boundary marks at its edges become a space.

    A trigger with no letters or digits (e.g. "/" or "$") is kept as it is, marked with _RAW,
    and looked for in the lower-cased text instead."""
    t = _resolve_bounds(t)
    core = t.replace(_START, "").replace(_END, "")
    key = _NON_WORD.sub(" ", (" " if t.startswith(_START) else "") + core + (" " if t.endswith(_END) else ""))
    return key if key.strip() else _RAW + core


def _weak(key: str) -> bool:
    """A trigger made only of common words (or of bits shorter than three letters) is in most texts."""
    return all(tok in _COMMON or (len(tok) < 3 and not tok.isdigit()) for tok in key.split())


def _score(strings: set[str]) -> tuple:
    """Higher is better: fewer strings that most texts contain, then fewer strings."""
    keys = [_key(x) for x in strings]
    return (-sum(1 if k.startswith(_RAW) or _weak(k) else 0 for k in keys), -len(keys))


def _wordchar(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "_")


def _ends_nonword(op, av, before: bool) -> bool:
    """Whether, after this item has matched, the character just before is a non-word one
    (or the text's start); `before` says so for the position before the item."""
    from re import _constants as c
    if op is c.LITERAL:
        return not _wordchar(chr(av))
    if op is c.IN:
        if av and av[0][0] is c.NEGATE:
            return any(x == (c.RANGE, (32, 126)) for x in av)
        return all((o is c.LITERAL and not _wordchar(chr(a))) or (o is c.CATEGORY and a is c.CATEGORY_SPACE) for o, a in av)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        body = _seq_ends_nonword(av[2], True) and _seq_ends_nonword(av[2], False)
        return body if av[0] >= 1 else (body and before)
    if op is c.SUBPATTERN:
        return _seq_ends_nonword(av[3], before)
    if op is c.BRANCH:
        return all(_seq_ends_nonword(b, before) for b in av[1])
    if _boundary(op, av) == _START or _nonword_before(op, av):
        return True
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
        return before
    return False


def _seq_ends_nonword(items, before: bool) -> bool:
    for op, av in items:
        before = _ends_nonword(op, av, before)
    return before


def _required(items, lead: str = "") -> Optional[set[str]]:
    """A set of strings one of which every match of the sequence contains, or None.

    `lead` is _START when a non-word character (or the text's start) is known to come just
    before the sequence. Literal parts are spelled out into strings as far as _MAX_SET allows;
    a new string starts with _START when every way to reach it passes a non-word character.
    """
    from re import _constants as c
    cands: list[set[str]] = []
    run: set[str] = {lead}
    nonword = lead == _START  # the character just before the current point is a non-word one
    for op, av in items:
        ex = _exact([(op, av)]) if op in (c.LITERAL, c.SUBPATTERN, c.BRANCH, c.IN, c.MAX_REPEAT, c.MIN_REPEAT) \
            or _boundary(op, av) or _nonword_before(op, av) or (op is c.AT and av is c.AT_BOUNDARY) else None
        if ex == {""}:
            ex = None  # optional or empty: no characters to require
        after = _ends_nonword(op, av, nonword)
        if op is c.ASSERT:
            look = _required(av[1])  # a lookaround's text must be in the text too (the prefilter looks at the whole text)
            if look and len(look) <= _MAX_UNION and "" not in look:
                cands.append(look)
        if ex is None and op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            body = _exact(av[2])
            if body is not None and "" not in body and len(run) * len(body) ** av[0] <= _MAX_SET:
                least = {"".join(p) for p in itertools.product(sorted(body), repeat=av[0])}
                grown = {a + b for a in run for b in least}
                if "" not in grown:
                    cands.append(grown)  # the repeat's first characters end this run
        if ex is not None and len(run) * len(ex) <= _MAX_SET:
            run = {a + b for a in run for b in ex}
            nonword = after
            continue
        if run not in ({""}, {_START}, {_BOUND}) and "" not in run:
            cands.append(run)
        lead_here = next(iter(run)) if run in ({_START}, {_BOUND}) else (_START if nonword else "")
        run = {_START if after else ""}
        if ex is not None:
            run = {lead_here + x for x in ex}
            nonword = after
            continue
        sub = None
        if op is c.SUBPATTERN:
            sub = _required(av[3], lead_here)
        elif op is c.BRANCH:
            subs = [_required(b, lead_here) for b in av[1]]
            sub = None if any(x is None for x in subs) else set().union(*subs)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            sub = _required(av[2], lead_here)
        if sub and len(sub) <= _MAX_UNION and "" not in sub:
            cands.append(sub)
        nonword = after
    if run not in ({""}, {_START}, {_BOUND}) and "" not in run:
        cands.append(run)
    cands = [x for x in cands if x and all(_key(t).strip(_RAW + " ") for t in x)]
    return max(cands, key=_score) if cands else None


def triggers(regex_source: str) -> Optional[tuple[str, ...]]:
    """Strings one of which every match of the regex contains, as looked for in _word_text(); None when unknown."""
    return TRIGGERS(regex_source)


def _triggers(regex_source: str) -> Optional[list[str]]:
    from re import _parser
    try:
        found = _required(_parser.parse(regex_source, FLAGS))
    except (re.error, RecursionError):
        return None
    return sorted({_key(t) for t in found}) if found else None


TRIGGERS = StringMemo("triggers", _triggers, revive=lambda found: None if found is None else tuple(found))
TRIES = StringMemo("tries", _trie_source)  # terms, one a line -> their trie's regex source


_NON_WORD = re.compile(r"[^a-z0-9_]+")
_WORD_CHARS = re.compile(r"[^a-z0-9_]")


# Words in most replies (function words, and the words of thanks, apologies and redirects): a
# trigger made only of these says little, so the prefilter prefers other words when it has a choice.
_COMMON = set("""a an and are as at be but by can did do for from go had has have he her his i if in is it its
me my no not of on or our she so that the their them they this to u ur up us was we were what when where which
who will with would you your yours please contact team follow thank thanks help reach out sorry hear call email
directly privacy share details know let want like give here there just about more any all also get need one
time now today new see check keep wait make sure take look find any hi hello message questions question
patient patients relations care health information info right""".split())


class TriggerIndex:
    """Which alternatives of which rules could match a text, found from the text's words.

    Each distinct trigger is filed once, under a word it contains (whole, or the start or end
    of a word: its first or last three letters, or all of them when it has fewer); a text then
    looks up only its own words, and each trigger found that way is confirmed once with a plain
    substring test (a trigger that is exactly one word needs none), for every alternative that
    has it. The few triggers with no word to file under are tested on every text.
    """

    _AFFIX = 3  # letters of a word's start or end that a trigger is filed under

    def __init__(self) -> None:
        self.word: dict[str, list] = {}       # a whole word -> alternatives (no test needed)
        self.keys: dict[str, list] = {}       # trigger -> alternatives that have it
        self.whole: dict[str, set] = {}       # a whole word -> triggers that contain it
        self.start: dict[str, set] = {}       # the start of a word -> triggers
        self.end: dict[str, set] = {}         # the end of a word -> triggers
        self.always: set = set()              # triggers tested on every text

    def add(self, key: tuple, trigger: str) -> None:
        if trigger[0] == _RAW:
            self._file(self.always, key, trigger)
            return
        tokens = trigger.split(" ")
        if len(tokens) == 3 and not tokens[0] and not tokens[2] and tokens[1]:
            self.word.setdefault(tokens[1], []).append(key)  # exactly one whole word: no substring test needed
            return
        # a token with a space on both sides (inside the trigger) is a whole word of the text:
        # file under the least common one, so that a text's common words bring few candidates
        whole = [tok for i, tok in enumerate(tokens) if tok and 0 < i < len(tokens) - 1]
        if whole:
            self._file(self.whole.setdefault(max(whole, key=lambda t: (t not in _COMMON, len(t))), set()), key, trigger)
        elif trigger.startswith(" ") and tokens[1]:
            self._file(self.start.setdefault(tokens[1][:self._AFFIX], set()), key, trigger)  # the start of a word
        elif trigger.endswith(" ") and tokens[-2]:
            self._file(self.end.setdefault(tokens[-2][-self._AFFIX:], set()), key, trigger)  # the end of a word
        else:
            self._file(self.always, key, trigger)  # no word to file it under: tested on every text

    def _file(self, bucket: set, key: tuple, trigger: str) -> None:
        bucket.add(trigger)
        self.keys.setdefault(trigger, []).append(key)

    def keys_present(self, low: str, words: str) -> dict:
        """{rule id: indexes of its alternatives with a trigger in the text}."""
        word, whole, start, end, keys = self.word, self.whole, self.start, self.end, self.keys
        found: dict = {}
        present = set(words.split())
        for w in present.intersection(word):
            for rid, i in word[w]:
                found.setdefault(rid, set()).add(i)
        candidates = set(self.always)
        for w in present.intersection(whole):
            candidates |= whole[w]
        n = self._AFFIX
        starts = {w[:k] for w in present for k in range(1, n + 1)}
        for p in starts.intersection(start):
            candidates |= start[p]
        ends = {w[-k:] for w in present for k in range(1, n + 1)}
        for p in ends.intersection(end):
            candidates |= end[p]
        for trig in candidates:
            if trig[1:] in low if trig[0] == _RAW else trig in words:
                for rid, i in keys[trig]:
                    found.setdefault(rid, set()).add(i)
        return found


def _word_text(norm: str) -> str:
    """The text in lower case with every run of non-word characters (ASCII \\W, and all non-ASCII) as
    one space, padded with a space at each end: a trigger's spaces then stand for any non-word
    characters or an edge. (If a string occurs in a text, it occurs in the same form of the text.)"""
    return " " + _NON_WORD.sub(" ", norm.translate(_ASCII_LOWER)) + " "


# ------------------------------------------------------------------ compiled rules

@dataclass
class CompiledRule:
    """A rule as the engines run it.

    `source` is the one regex shipped to the browser: every phrase and pattern as an
    alternative, whole words only. Python runs the same alternation, but compiles each
    alternative on its own, only when a text has one of its triggers (see TriggerIndex),
    and picks at each position the first alternative that matches, as the whole regex would.
    """
    rule: model.Rule
    source: str                                           # {vocab:...} not yet expanded
    vocab: dict = field(repr=False)                       # reference -> regex source (VocabSources)
    parts: list[str] = field(default_factory=list)        # the alternatives, {vocab:...} not yet expanded
    part_triggers: list = field(default_factory=list)     # per alternative: triggers, or None (always run)
    _regex: Optional[re.Pattern] = field(default=None, repr=False)
    _part_regex: dict = field(default_factory=dict, repr=False)
    _always_on: Optional[set] = field(default=None, repr=False)

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def regex(self) -> re.Pattern:
        """The whole rule as one regex (compiled when first asked for)."""
        if self._regex is None:
            self._regex = re.compile(expand(self.source, self.vocab), FLAGS)
        return self._regex

    def part_regex(self, i: int) -> re.Pattern:
        rx = self._part_regex.get(i)
        if rx is None:
            rx = self._part_regex[i] = re.compile(wrap(expand(self.parts[i], self.vocab)), FLAGS)
        return rx

    def spans(self, norm: str, active: Optional[set]) -> list[tuple[int, int]]:
        """The spans finditer of the whole regex gives, computed from the alternatives in `active`.

        An alternative whose triggers are all absent matches nowhere in the text, so leaving it
        out changes no match. At each position the whole regex takes the first alternative (in
        order) that matches there; the earliest start of any alternative is where its next
        match begins. A match that is empty makes Python fall back to the whole regex.
        """
        if active is None:
            return [(m.start(), m.end()) for m in self.regex.finditer(norm)]
        if self._always_on is None:
            self._always_on = {i for i, trig in enumerate(self.part_triggers) if trig is None}
        order = sorted(self._always_on | active) if self._always_on else sorted(active)
        if not order:
            return []
        rxs = [self.part_regex(i) for i in order]
        if len(rxs) == 1:
            out = [(m.start(), m.end()) for m in rxs[0].finditer(norm)]
            return out if all(e > s for s, e in out) else [(m.start(), m.end()) for m in self.regex.finditer(norm)]
        out: list[tuple[int, int]] = []
        nxt = [rx.search(norm) for rx in rxs]
        pos = 0
        while True:
            starts = [m.start() for m in nxt if m is not None]
            if not starts:
                return out
            at = min(starts)
            m = next(m for m in (rx.match(norm, at) for rx in rxs) if m is not None)
            if m.end() == at:
                return [(m.start(), m.end()) for m in self.regex.finditer(norm)]
            out.append((at, m.end()))
            pos = m.end()
            nxt = [n if n is None or n.start() >= pos else rx.search(norm, pos) for n, rx in zip(nxt, rxs)]


@dataclass
class CompiledExemption:
    id: str
    exemption: model.Exemption
    source: str            # {vocab:ID} not yet expanded
    vocab: dict = field(repr=False)
    _regex: Optional[re.Pattern] = field(default=None, repr=False)

    @property
    def regex(self) -> re.Pattern:
        if self._regex is None:
            self._regex = re.compile(expand(self.source, self.vocab), FLAGS)
        return self._regex

    def applies_to(self, rule_id: str) -> bool:
        return not self.exemption.rules or rule_id in self.exemption.rules


@dataclass
class RuleSet:
    """What the three engines run: rules, exemptions and the vocabulary sources they refer to."""
    rules: list[CompiledRule]
    exemptions: list[CompiledExemption]
    vocab: dict[str, str]  # each {vocab:...} reference used -> its regex source
    index: Optional[TriggerIndex] = None  # Python's prefilter over every rule's alternatives
    memo: dict = field(default_factory=dict, repr=False)  # text -> findings (see find)
    digest: str = ""       # names the content the rules were compiled from (for FINDINGS); "" keeps nothing
    lang: str = "en"       # the language of the texts these rules are for
    fold: bool = False     # drop accents before matching (the rules of languages: LANG; see accents.py)
    learned: Optional[learned_check.LanguageModel] = None  # the learned check for `lang` (compliance.yaml's learned_check)

    # a RuleSet can be used where a list of CompiledRule used to be
    def __iter__(self):
        return iter(self.rules)

    def __len__(self):
        return len(self.rules)

    def __bool__(self):
        return bool(self.rules)


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
    code: str              # PB702, PB703, PB709, PB710, PB711, PB712 or PB713
    message: str
    at_key: bool = False   # point at the key of loc (a class's id), not its value


_PLACEHOLDER = "(?:x)"  # stands in for a vocabulary class when a pattern's own syntax is checked


def pattern_fault(pattern: str, loc: tuple, what: str = "pattern", classes: Iterable[str] = ()) -> Optional[PatternFault]:
    """Why a phrase or pattern can't be used (PB709 unknown class, PB703 not portable, PB702 invalid), or
    a warning about one that can (PB713: it starts or ends with a space), or None.

    Vocabulary classes are generated tries that are always valid, so the pattern's own syntax
    is checked with a placeholder in their place (fast, and the message points at the pattern).
    """
    known = set(classes)
    unknown = sorted({c for ref in vocab_refs(pattern) for c in ref.split(",")} - known)
    if unknown:
        return PatternFault(loc, "PB709", f"{what} {pattern!r} refers to vocabulary {', '.join(unknown)}, which compliance.yaml does not define"
                            + (f" (known: {', '.join(sorted(known))})" if known else ""))
    fault = SYNTAX_FAULTS(pattern)
    if fault:
        return PatternFault(loc, fault[0], f"{what} {pattern!r}{fault[1]}")
    edge = space_at_edge(pattern)
    if edge:
        return PatternFault(loc, "PB713", f"{what} {pattern!r} {edge} with a space, so it matches only "
                            f"{'after' if edge == 'starts' else 'before'} punctuation, never beside a word (a match "
                            "starts and ends inside words); take the space out, or add the word beside it (\\w+)")
    return None


# Faults after which the pattern is still used: it works, but not as its author may think.
USABLE = frozenset({"PB713"})


def usable(fault: Optional[PatternFault]) -> bool:
    """Whether a phrase or pattern with this fault (or none) still takes part in matching."""
    return fault is None or fault.code in USABLE


def syntax_fault(pattern: str) -> Optional[list[str]]:
    """[code, the message after the pattern] when the pattern itself can't be used (PB703, PB702), or None."""
    why = portability_error(VOCAB_REF.sub("x", pattern))
    if why:
        return ["PB703", f": {why}"]
    try:
        rx = re.compile(wrap(VOCAB_REF.sub(_PLACEHOLDER, pattern)), FLAGS)
    except re.error as exc:
        return ["PB702", f" is not a valid regular expression: {exc}"]
    if rx.match("") is not None:
        return ["PB702", " can match empty text; it would flag everything"]
    return None


def _syntax_at_top(pattern: str):
    """(index, character, depth before it) of each ( ) | outside escapes and character classes."""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c in "()|":
            yield i, c, depth
            depth += {"(": 1, ")": -1, "|": 0}[c]
        i += 1


def _groups_at_top(branch: str) -> list[tuple[int, int]]:
    """(start, end) of each group at the top level of a branch."""
    out, start = [], 0
    for i, c, depth in _syntax_at_top(branch):
        if c == "(" and depth == 0:
            start = i
        elif c == ")" and depth == 1:
            out.append((start, i + 1))
    return out


def top_branches(pattern: str) -> list[str]:
    """The pattern's alternatives at the top level."""
    cuts = [i for i, c, depth in _syntax_at_top(pattern) if c == "|" and depth == 0]
    return [pattern[a + 1:b] for a, b in zip([-1] + cuts, cuts + [len(pattern)])]


_LOOK = ("(?=", "(?!", "(?<=", "(?<!")


def space_at_edge(pattern: str) -> Optional[str]:
    """'starts' or 'ends' when a top-level branch, lookarounds aside, starts or ends with a space
    (' ' or \\s, not quantified): whole-word matching (wrap) then matches it only beside punctuation."""
    for branch in top_branches(pattern):
        core = branch
        while True:   # lookarounds at the end
            groups = _groups_at_top(core)
            if groups and groups[-1][1] == len(core) and core[groups[-1][0]:].startswith(_LOOK):
                core = core[:groups[-1][0]]
            else:
                break
        while True:   # and at the start
            groups = _groups_at_top(core)
            if groups and groups[0][0] == 0 and core.startswith(_LOOK):
                core = core[groups[0][1]:]
            else:
                break
        if core.startswith((" ", "\\s")) and not core.startswith(("\\s?", "\\s*", " ?", " *")):
            return "starts"
        if (core.endswith(" ") and not core.endswith("\\ ")) or (core.endswith("\\s") and not core.endswith("\\\\s")):
            return "ends"
    return None


SYNTAX_FAULTS = StringMemo("syntax_fault", syntax_fault)


def compile_vocabulary(comp: model.Compliance, lang: Optional[str] = None) -> tuple[dict[str, list[str]], list[PatternFault]]:
    """Each class's terms (plurals added), for the rules of `lang` (None: the rules at the top):
    the classes at the top, and a language's own classes, with that language's plurals. Bad
    terms are reported (PB710) and left out; a language's class that repeats an id at the top
    is reported (PB712) and left out."""
    faults = []
    top = comp.language
    sections: list[tuple[tuple, dict, str]] = [((), comp.vocabulary, top)]
    if lang is not None and lang != top and lang in comp.languages:
        sections.append((("languages", lang), comp.languages[lang].vocabulary, lang))
    out: dict[str, list[str]] = {}
    for prefix, classes, in_lang in sections:
        for vid, vocab in classes.items():
            if prefix and vid in comp.vocabulary:
                faults.append(PatternFault(prefix + ("vocabulary", vid), "PB712",
                                           f"vocabulary {vid!r} of {in_lang} repeats a class at the top of compliance.yaml; "
                                           f"{in_lang} patterns can name that class already, so give this one its own id", at_key=True))
                continue
            for j, term in enumerate(vocab.terms):
                why = term_error(term)
                if why:
                    faults.append(PatternFault(prefix + ("vocabulary", vid, "terms", j), "PB710", f"vocabulary {vid!r}: {why}"))
            out[vid] = vocab_terms(vocab, in_lang)
    return out, faults


_TRIGGER_VOCAB_MAX = 60  # classes larger than this are "any word" when triggers are worked out


class VocabSources(dict):
    """{reference: regex source} for the references in use, each trie built when first needed
    (Python compiles an alternative only when a text may match it; the draft page asks for all)."""

    def __init__(self, refs: Iterable[str], terms: dict[str, list[str]]):
        super().__init__()
        self.refs = sorted(set(refs))
        self.terms = terms

    def __missing__(self, ref: str) -> str:
        src = self[ref] = trie_source({t for c in ref.split(",") for t in self.terms[c]})
        return src

    def items(self):
        return [(ref, self[ref]) for ref in self.refs]

    def light(self) -> dict[str, str]:
        """The form used to work out triggers: small classes in full, large ones as 'any word'."""
        out = {}
        for ref in self.refs:
            n = len({t for c in ref.split(",") for t in self.terms[c]})
            out[ref] = self[ref] if n <= _TRIGGER_VOCAB_MAX else "(?:[a-z]+)"
        return out


def rule_languages(comp: model.Compliance) -> list[str]:
    """The languages compliance.yaml has rules for: the language of the rules at the top, then
    each language under `languages:` that gives rules of its own (in the file's order)."""
    return [comp.language] + [lang for lang, more in comp.languages.items() if more.rules and lang != comp.language]


def compile_rules(comp: model.Compliance, lang: Optional[str] = None) -> tuple[RuleSet, list[PatternFault]]:
    """Compile every usable rule and exemption for texts in `lang` (None or the top language: the rules
    at the top; another: the rules under languages.LANG, which may name the classes at the top).
    Faulty phrases, patterns and terms are reported (at their place in compliance.yaml) and left out."""
    terms, faults = compile_vocabulary(comp, lang)
    classes = set(terms)
    own = lang is not None and lang != comp.language
    section = comp.languages.get(lang) if own else None
    prefix: tuple = ("languages", lang) if own else ()
    rule_list = section.rules if section else ([] if own else comp.rules)
    exemption_map = section.exemptions if section else ({} if own else comp.exemptions)
    rule_parts: list[tuple[model.Rule, list[str]]] = []
    for i, rule in enumerate(rule_list):
        parts = []
        for j, phrase in enumerate(rule.phrases):
            src = phrase_regex(phrase)
            fault = pattern_fault(src, prefix + ("rules", i, "phrases", j), "phrase") if src else \
                PatternFault(prefix + ("rules", i, "phrases", j), "PB702", "phrase is blank")
            if fault:
                faults.append(fault)
            if usable(fault):
                parts.append(src)
        for j, pattern in enumerate(rule.patterns):
            fault = pattern_fault(pattern, prefix + ("rules", i, "patterns", j), classes=classes)
            if fault:
                faults.append(fault)
            if usable(fault):
                parts.append(pattern)
        rule_parts.append((rule, parts))
    known = {r.id for r in rule_list}
    ex_parts: list[tuple[str, model.Exemption, list[str]]] = []
    where = f"the {lang} rules of compliance.yaml" if own else "compliance.yaml"
    for eid, ex in exemption_map.items():
        for k, rid in enumerate(ex.rules):
            if rid not in known:
                faults.append(PatternFault(prefix + ("exemptions", eid, "rules", k), "PB711",
                                           f"exemption {eid!r} names rule {rid!r}, which is not in {where}"))
        parts = []
        for j, pattern in enumerate(ex.patterns):
            fault = pattern_fault(pattern, prefix + ("exemptions", eid, "patterns", j), f"exemption {eid!r} pattern", classes=classes)
            if fault:
                faults.append(fault)
            if usable(fault):
                parts.append(pattern)
        ex_parts.append((eid, ex, parts))

    refs = {ref for _, parts in rule_parts for p in parts for ref in vocab_refs(p)}
    refs |= {ref for _, _, parts in ex_parts for p in parts for ref in vocab_refs(p)}
    vocab = VocabSources(refs, terms)
    light = vocab.light()
    rules: list[CompiledRule] = []
    for rule, parts in rule_parts:
        if parts:
            source = wrap("|".join(f"(?:{p})" for p in parts))
            rules.append(CompiledRule(rule, source, vocab, parts, [triggers(wrap(expand(p, light))) for p in parts]))
    exemptions: list[CompiledExemption] = []
    for eid, ex, parts in ex_parts:
        if parts:
            source = wrap("|".join(f"(?:{p})" for p in parts))
            exemptions.append(CompiledExemption(eid, ex, source, vocab))
    index = TriggerIndex()
    for r in rules:
        for i, trig in enumerate(r.part_triggers):
            for t in trig or ():
                index.add((r.id, i), t)
    learned = learned_check.bundled().for_language(lang or comp.language) if comp.learned_check and rules else None
    digest = hashlib.blake2b(f"{lang or comp.language}\0{own}\0{comp.model_dump_json()}".encode(), digest_size=16).hexdigest()
    return RuleSet(rules, exemptions, vocab, index, lang=lang or comp.language, fold=own, learned=learned, digest=digest), faults


def exempt(finding_start: int, finding_end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= finding_start and finding_end <= e for s, e in spans)


_MEMO_MAX = 8192


def find(rules, text: str) -> list[Finding]:
    """Every match of every rule, in text order, less those wholly inside an exemption's match.

    Empty matches are skipped (as in draft.js). `rules` is a RuleSet (or a plain list of
    CompiledRule, which then has no exemptions). A RuleSet remembers the findings of the texts
    it has checked: replies and variants often repeat a text word for word.
    """
    memo = getattr(rules, "memo", None)
    if memo is None:
        return _find(rules, text)
    hit = memo.get(text)
    if hit is None:
        if len(memo) >= _MEMO_MAX:
            memo.clear()
        hit = memo[text] = _kept_find(rules, text)
    return list(hit)


def _kept_find(rules: RuleSet, text: str) -> list[Finding]:
    """_find, kept in FINDINGS by the rules' content and the text, for a check in another process."""
    if not rules.digest:
        return _find(rules, text)
    key = string_memo.digest(f"{rules.digest}\0{text}")
    rows = FINDINGS.get(key)
    if rows is not None:
        by_id = {r.id: r.rule for r in rules.rules}
        out = []
        try:
            for rule_id, start, end, why in rows:
                rule = by_id.get(rule_id) if why is None else _learned_rule_with(why)
                if rule is None or not (0 <= start < end <= len(text)):
                    return _find(rules, text)  # cannot happen for the same content; be safe
                out.append(Finding(rule, start, end, text[start:end]))
        except (TypeError, ValueError):
            return _find(rules, text)  # a kept row of another shape: match afresh
        return out
    found = _find(rules, text)
    rule_ids_here = {r.id for r in rules.rules}
    FINDINGS.put(key, [[f.rule.id, f.start, f.end, None if f.rule.id in rule_ids_here else f.rule.why] for f in found])
    return found


# Each text's findings, by the content of the rules and the text (a re-check of an edited scenario finds its
# unchanged texts here, and compiles only what its new texts need): kept between processes (string_memo.py).
FINDINGS = StringMemo("findings")
# Kept between `playbook check` processes (string_memo.py): compliance.yaml and danger.yaml rarely change.
PERSISTENT_MEMOS = [SYNTAX_FAULTS, TRIGGERS, TRIES, FINDINGS]


def _find(rules, text: str) -> list[Finding]:
    """find() without the memo."""
    norm = normalise(fold_accents(text) if getattr(rules, "fold", False) else text)
    exemptions = getattr(rules, "exemptions", [])
    spans: dict[str, list[tuple[int, int]]] = {}  # exemption id -> its matches, found when first needed

    def is_exempt(rule_id: str, start: int, end: int) -> bool:
        for e in exemptions:
            if not e.applies_to(rule_id):
                continue
            if e.id not in spans:
                spans[e.id] = [(x.start(), x.end()) for x in e.regex.finditer(norm) if x.end() > x.start()]
            if exempt(start, end, spans[e.id]):
                return True
        return False

    index = getattr(rules, "index", None)
    active = index.keys_present(norm.translate(_ASCII_LOWER), _word_text(norm)) if index else None
    out = []
    nothing: set = set()
    for r in rules:
        found = r.spans(norm, None if active is None else active.get(r.id, nothing)) if isinstance(r, CompiledRule) \
            else [(m.start(), m.end()) for m in r.regex.finditer(norm)]
        for start, end in found:
            if end > start and not is_exempt(r.id, start, end):
                out.append(Finding(r.rule, start, end, text[start:end]))
    learned = getattr(rules, "learned", None)
    if learned is not None:
        out = apply_learned(learned, norm, text, out)
    return sorted(out, key=lambda f: (f.start, f.rule.id))


def learned_rule(weighed: learned_check.Weighed) -> model.Rule:
    """The rule a learned finding reports: the model's, with the words that weigh most in its why."""
    return _learned_rule_with(learned_check.why(weighed))


def _learned_rule_with(why: str) -> model.Rule:
    rule = learned_check.bundled().rule
    return model.Rule.model_construct(id=rule["id"], severity=rule["severity"], phrases=[], patterns=[], why=why, instead=rule["instead"])


def apply_learned(learned: learned_check.LanguageModel, norm: str, text: str, found: list[Finding]) -> list[Finding]:
    """The learned check on one text (learned_check.py): when every finding is of a rule it may overrule,
    drop those under their score; when no finding is left and the text reads like a violation (two
    words at least weigh towards it), one finding at its heaviest words."""
    weighed = learned.weigh(norm)
    if all(f.rule.id in learned.overrule_below for f in found):
        found = [f for f in found if weighed.score >= learned.overrule_below[f.rule.id]]
    below = learned.overrule_sentence_below
    found = [f for f in found if f.rule.id not in below
             or learned.weigh(learned_check.sentence(norm, f.start)).score >= below[f.rule.id]]
    if not found and weighed.score >= learned.flag_at and len(weighed.top) >= learned_check.AT_LEAST:
        feat = weighed.top[0][0]
        found = [Finding(learned_rule(weighed), feat.start, feat.end, text[feat.start:feat.end])]
    return found


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

def compile_all(comp: model.Compliance) -> tuple[dict[str, RuleSet], list[PatternFault]]:
    """A RuleSet for each language compliance.yaml has rules for (rule_languages), and every fault once."""
    out: dict[str, RuleSet] = {}
    faults: list[PatternFault] = []
    top = comp.language
    out[top], faults = compile_rules(comp)
    for lang, more in comp.languages.items():
        if lang == top:
            continue
        rules, more_faults = compile_rules(comp, lang)
        faults += [f for f in more_faults if f.loc[:2] == ("languages", lang)]  # the top's were reported above
        if more.rules:
            out[lang] = rules
    return out, faults


_compiled_by_content = ContentMemo(compile_all)


def compiled_all(comp: model.Compliance) -> tuple[dict[str, RuleSet], list[PatternFault]]:
    """compile_all, once per content of compliance.yaml (content_memo.py)."""
    return _compiled_by_content(comp)


def seed_compiled(comp: model.Compliance, value: tuple[dict[str, RuleSet], list[PatternFault]]) -> None:
    """Take `value` as compiled_all(comp), compiled by an earlier process from the same content (check_cache.py)."""
    _compiled_by_content.seed(comp, value)


def compiled(comp: model.Compliance, lang: Optional[str] = None) -> tuple[Optional[RuleSet], list[PatternFault]]:
    """The rules for texts in `lang` (None: the language of the rules at the top), and every fault
    of compliance.yaml. A language without rules of its own gets None: its texts are checked only
    by the checks that do not read words (links, lengths, redirects)."""
    rulesets, faults = compiled_all(comp)
    return rulesets.get(lang or comp.language), faults


def _rule_lists(comp: model.Compliance) -> list[tuple[tuple, list[model.Rule]]]:
    return [((), comp.rules)] + [(("languages", lang), more.rules) for lang, more in comp.languages.items()]


def rule_ids(comp: model.Compliance) -> set[str]:
    """Every rule id in compliance.yaml, in any language (a reply's `allow` may name any of them), and the
    learned check's when it is on."""
    ids = {r.id for _, rules in _rule_lists(comp) for r in rules}
    return ids | {learned_check.RULE_ID} if comp.learned_check else ids


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
        line, col = doc.where_key(fault.loc) if fault.at_key else doc.where(fault.loc)
        yield Problem(doc.path, line, col, fault.code, fault.message)
    for prefix, rules in _rule_lists(comp):
        seen: set[str] = set()
        which = f"{prefix[1]} rule" if prefix else "rule"
        for i, rule in enumerate(rules):
            if rule.id in seen:
                line, col = doc.where(prefix + ("rules", i, "id"))
                yield Problem(doc.path, line, col, "PB706", f"{which} id {rule.id!r} is used by more than one {which}")
            seen.add(rule.id)
            if not rule.phrases and not rule.patterns:
                line, col = doc.where(prefix + ("rules", i))
                yield Problem(doc.path, line, col, "PB708", f"{which} {rule.id!r} has no phrases and no patterns, so it catches nothing")


def reply_texts(reply: model.Reply) -> list[tuple[tuple, str]]:
    return [(("text",), reply.text)] + [(("variants", p), t) for p, t in reply.variants.items()]


def check_replies(pb: Playbook, item: Loaded) -> Iterable[Problem]:
    """Every rule on every text of every reply, as the copy button would copy it: the default text
    and each variant with the rules at the top, each translation with its language's rules."""
    if not pb.compliance or not pb.org:
        return
    scen: model.Scenario = item.obj
    doc = item.doc
    comp = pb.compliance.obj
    langs = languages.declared(pb.org)
    known = rule_ids(comp)
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
        for t in copy_texts(reply, langs):
            rules, _ = compiled(comp, t.lang)
            if rules is None and not t.translated:
                rules, _ = compiled(comp)  # the default text: the rules at the top, as before languages
            if rules is None:
                continue  # a translation into a language compliance.yaml has no rules for
            org = languages.org_in(pb.org, t.lang) if t.translated else pb.org
            loc = ("replies", rid) + t.sub
            found = {}  # the same finding at several locations is reported once
            for text, _ in placeholders.final_texts(t.raw, org):
                for f in find(rules, text):
                    found.setdefault((f.rule.id, f.words), f)
            for f in found.values():
                if f.rule.id in allowed:
                    used.add(f.rule.id)
                    continue
                offset = t.raw.find(f.words)
                line, col = doc.text_position(loc, offset, t.raw) if offset >= 0 else doc.where(loc)
                where = "text" if t.platform == "default" else f"{t.platform} variant"
                if t.translated:
                    where = f"{languages.name(t.lang)} {where}"
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
            # Every text in every language, at every location: a translation redirects as the original does.
            for t in copy_texts(reply, langs):
                rx = regexes[t.lang].get(topic)
                texts = placeholders.final_texts(t.raw, languages.org_in(pb.org, t.lang))
                if rx is not None and not all(rx.search(normalise(fold_accents(text))) for text, _ in texts):
                    line, col = doc.where(("replies", out.reply) + t.sub)
                    where = "text" if t.platform == "default" else f"{t.platform} variant"
                    if t.translated:
                        where = f"{languages.name(t.lang)} {where}"
                    yield Problem(doc.path, line, col, "PB705",
                                  f"reply {out.reply!r} ({where}) is used by outcome {oid!r}, which is about {topic}, but does not point to {TOPIC_NEEDS[topic]}"
                                  + (f" as compliance.yaml asks of {languages.name(t.lang)} texts" if t.translated else ""),
                                  "see redirects in compliance.yaml")


class UnknownLanguage(ValueError):
    """`playbook lint --lang` named a language compliance.yaml has no rules for."""


def load_rules(root: str, lang: Optional[str] = None) -> tuple[RuleSet, list[Problem]]:
    """Rules for `playbook lint` and the draft page: compliance.yaml alone, with its problems.
    `lang`: the rules for texts in that language (UnknownLanguage when compliance.yaml has none)."""
    import os

    from .load import _display, load_file

    path = os.path.join(root, "compliance.yaml")
    if not os.path.isfile(path):
        return [], [Problem(path, 1, 1, "PB112", "compliance.yaml is missing")]
    loaded, problems = load_file(path, model.Compliance, _display(root, path))
    if loaded is None:
        return [], problems
    problems += list(check_compliance_file(Playbook(root=root, compliance=loaded)))
    have = rule_languages(loaded.obj)
    if lang is not None and lang not in have:
        raise UnknownLanguage(f"{_display(root, path)} has no rules for language {lang!r} (languages with rules: {', '.join(have)})")
    return compiled(loaded.obj, lang)[0], problems
