"""From a post to terms: the same steps, in the same order, as scripts/playbook/assets/triage.js.

1. normalise (compliance.normalise_typography: typographic quotes and odd spaces, one for one);
2. a few emoji become words (💰 money, 🔫 gun, ★ star);
3. accents go (NFD, then combining marks removed);
4. camelCase splits (#RiverbendLies -> Riverbend Lies), then A-Z become a-z;
5. 's goes (mum's -> mum), and 'll 're 've 'd 'm (he'll -> he, not hell); other
   apostrophes go (don't -> dont); words are runs of a-z and 0-9;
6. a letter repeated three times or more becomes one (pleeease -> please);
7. chat spellings become words (u -> you, appt -> appointment, meds -> medication);
8. stop words, single characters and words with digits (but 911, 988) go; then the Porter stemmer (1980);
9. a word of an everyday family (cough, fever: symptom) also gives the family's term;
10. a phrase cue ("make an appointment", "is this legit?") gives its family's term (on the text as
    the danger screen reads it: see prepare).

The tables (stop words, slang, concepts, emoji) travel inside triage-index.json, so the
browser uses the same data; only the steps are written twice, and a browser
test checks that both give the same ranking on every corpus post.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from ..compliance import FLAGS, normalise_typography as normalise, wrap
from ..yamlsafe import load_text, read_text

VOCABULARY = Path(__file__).with_name("vocabulary.yaml")


def _load_vocabulary() -> dict:
    text, problems = read_text(str(VOCABULARY), "vocabulary.yaml")
    doc, more = load_text(text, "vocabulary.yaml") if text is not None else (None, [])
    problems += more
    if problems or doc is None:  # a packaging mistake, not a user's: fail loudly
        raise RuntimeError("; ".join(str(p) for p in problems) or "vocabulary.yaml is empty")
    return doc.data


_VOCAB = _load_vocabulary()

# Words that say nothing about the kind of post (lunr's English stop words, contractions
# without their apostrophe, chat filler, Spanish function words).
STOP_WORDS = frozenset(_VOCAB["stop_words"].split())

# A word as typed -> the English word(s) it stands for (chat spellings, irregular forms, Spanish).
SLANG: dict[str, str] = {k: v for k, v in _VOCAB["spellings"].items()}

# Words with digits that are kept (all other tokens with a digit are dropped).
NUMBERS = frozenset(_VOCAB["numbers"].split())

# Emoji that carry a meaning for triage (not 🔥 or 💀, which are slang for praise and laughter).
EMOJI: list[tuple[str, str]] = [(k, v) for k, v in _VOCAB["emoji"].items()]
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_MARKS = re.compile("[\u0300-\u036f]")
_CAMEL = re.compile(r"([a-z])([A-Z])")
_WORD = re.compile(r"[a-z0-9]+")
_REPEAT = re.compile(r"([a-z])\1{2,}")
_DIGIT = re.compile(r"[0-9]")
_POSSESSIVE = re.compile(r"'s(?![a-z0-9])")
_CONTRACTION = re.compile(r"'(?:ll|re|ve|d|m)(?![a-z0-9])")


def fold(text: str) -> str:
    """Steps 1 to 4: the text, normalised, with emoji as words, without accents, in lower case."""
    t = normalise(text)
    for emoji, word in EMOJI:
        t = t.replace(emoji, " " + word + " ")
    t = _MARKS.sub("", unicodedata.normalize("NFD", t))
    t = _CAMEL.sub(r"\1 \2", t)
    t = _CONTRACTION.sub("", _POSSESSIVE.sub("", t.translate(_ASCII_LOWER)))
    return t.replace("'", "")


_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_REPEAT2 = re.compile(r"([A-Za-z])\1{2,}")


def prepare(text: str) -> str:
    """The text that phrase patterns run on (the danger screen's and the cues'; triage.js: prepareDanger):
    normalised, emoji that carry a meaning as words (🔫 gun, 💊 pills), accents dropped (respirando,
    está -> esta), apostrophes dropped (won't -> wont), runs of spaces as one space, letters repeated
    3+ times cut to two. Letter case stays: the patterns ignore it."""
    text = normalise(text)
    for emoji, word in EMOJI:
        text = text.replace(emoji, " " + word + " ")
    text = _MARKS.sub("", unicodedata.normalize("NFD", text))
    return _REPEAT2.sub(r"\1\1", _SPACES.sub(" ", text.replace("'", "")))


def words(text: str, stop: frozenset[str] | None = None, slang: dict[str, str] | None = None,
          concepts: dict[str, str] | None = None, numbers: frozenset[str] | None = None,
          cues: list[tuple[str, re.Pattern]] | None = None) -> list[tuple[str, str]]:
    """Steps 5 to 10: (term, the words as written) in order, stop words left out. A term with
    concepts (cough: symptom) gives itself, then each concept's term; then each cue match gives
    its family's term, cue by cue, match by match (cue_terms; cues=[] leaves them out)."""
    stop = STOP_WORDS if stop is None else stop
    slang = SLANG if slang is None else slang
    concepts = CONCEPTS if concepts is None else concepts
    numbers = NUMBERS if numbers is None else numbers
    cues = compiled_cues() if cues is None else cues
    out: list[tuple[str, str]] = []
    for raw in _WORD.findall(fold(text)):
        token = _REPEAT.sub(r"\1", raw)
        for word in (slang[token].split() if token in slang else [token]):
            if word in stop or len(word) == 1 or (_DIGIT.search(word) and word not in numbers):
                continue
            term = word if _DIGIT.search(word) else stem(word)
            out.append((term, raw))
            for extra in concepts.get(term, "").split():
                if extra != term:
                    out.append((extra, raw))
    return out + cue_terms(text, cues)


def cue_terms(text: str, cues: list[tuple[str, re.Pattern]] | None = None) -> list[tuple[str, str]]:
    """Step 10 alone: (the family's term, the words matched) for each cue match, cue by cue, match by
    match. The ranking weighs these more than a family's single words (index.CUE_WEIGHT)."""
    cues = compiled_cues() if cues is None else cues
    out: list[tuple[str, str]] = []
    if cues:
        prepared = prepare(text)
        if cues is compiled_cues() and _any_cue().search(prepared) is None:  # most texts have none: one search, not 19
            return out
        for family, rx in cues:
            for m in rx.finditer(prepared):
                out.append((family, m.group(0)))
    return out


# ------------------------------------------------------------------ the Porter stemmer (1980)
# M.F. Porter, "An algorithm for suffix stripping", Program 14(3), 130-137. Written from the
# paper, as its ANSI C reference does it: in steps 2 to 4 the longest matching suffix decides,
# and when its condition fails no shorter suffix is tried. Words of one or two letters stay.

def _cons(w: str, i: int) -> bool:
    c = w[i]
    if c in "aeiou":
        return False
    if c == "y":
        return i == 0 or not _cons(w, i - 1)
    return True


def _measure(w: str) -> int:
    """m in [C](VC){m}[V]."""
    n, i, L = 0, 0, len(w)
    while i < L and _cons(w, i):
        i += 1
    while i < L:
        while i < L and not _cons(w, i):
            i += 1
        if i >= L:
            break
        n += 1
        while i < L and _cons(w, i):
            i += 1
    return n


def _has_vowel(w: str) -> bool:
    return any(not _cons(w, i) for i in range(len(w)))


def _double_cons(w: str) -> bool:
    return len(w) >= 2 and w[-1] == w[-2] and _cons(w, len(w) - 1)


def _cvc(w: str) -> bool:
    """*o: ends consonant-vowel-consonant, the last not w, x or y."""
    L = len(w)
    return L >= 3 and _cons(w, L - 3) and not _cons(w, L - 2) and _cons(w, L - 1) and w[-1] not in "wxy"


_STEP2 = [("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
          ("abli", "able"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
          ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
          ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble")]
_STEP3 = [("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", "")]
_STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism",
          "ate", "iti", "ous", "ive", "ize"]
# Longest suffix first, so that the longest match decides (ement before ment before ent).
_STEP2.sort(key=lambda p: -len(p[0]))
_STEP3.sort(key=lambda p: -len(p[0]))
_STEP4.sort(key=lambda s: -len(s))


# Step 1b undoubles these only, as Snowball's Porter does ("doxxed" is "doxx", not "dox"); the paper's
# "double consonant but not l, s or z" would also undouble cc, hh, kk, vv, ww and xx.
_UNDOUBLED = ("bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt")


@functools.cache  # a playbook has a few thousand distinct words
def stem(w: str) -> str:
    """The Porter stem of a lower-case word."""
    if len(w) <= 2:
        return w
    # Step 1a
    if w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("ies"):
        w = w[:-2]
    elif w.endswith("ss"):
        pass
    elif w.endswith("s"):
        w = w[:-1]
    # Step 1b
    again = False
    if w.endswith("eed"):
        if _measure(w[:-3]) > 0:
            w = w[:-1]
    elif w.endswith("ed") and _has_vowel(w[:-2]):
        w, again = w[:-2], True
    elif w.endswith("ing") and _has_vowel(w[:-3]):
        w, again = w[:-3], True
    if again:
        if w.endswith(("at", "bl", "iz")):
            w += "e"
        elif w.endswith(_UNDOUBLED):
            w = w[:-1]
        elif _measure(w) == 1 and _cvc(w):
            w += "e"
    # Step 1c
    if w.endswith("y") and _has_vowel(w[:-1]):
        w = w[:-1] + "i"
    # Step 2
    for suffix, repl in _STEP2:
        if w.endswith(suffix):
            if _measure(w[:-len(suffix)]) > 0:
                w = w[:-len(suffix)] + repl
            break
    # Step 3
    for suffix, repl in _STEP3:
        if w.endswith(suffix):
            if _measure(w[:-len(suffix)]) > 0:
                w = w[:-len(suffix)] + repl
            break
    # Step 4
    for suffix in _STEP4:
        if w.endswith(suffix):
            base = w[:-len(suffix)]
            if _measure(base) > 1 and (suffix != "ion" or base.endswith(("s", "t"))):
                w = base
            break
    # Step 5a
    if w.endswith("e"):
        base = w[:-1]
        m = _measure(base)
        if m > 1 or (m == 1 and not _cvc(base)):
            w = base
    # Step 5b
    if _measure(w) > 1 and _double_cons(w) and w.endswith("l"):
        w = w[:-1]
    return w


# ------------------------------------------------------------------ concepts

def _concepts(families: dict[str, str]) -> dict[str, str]:
    """term -> the terms of its families, space-separated, in the order of the file. A family's words
    are read as a post's are (spellings, stop words, the stemmer), so any form of a listed word counts."""
    out: dict[str, list[str]] = {}
    for name, listed in families.items():
        family = stem(name)
        for token in listed.split():
            for word in (SLANG[token].split() if token in SLANG else [token]):
                if word in STOP_WORDS or len(word) < 2:
                    continue
                term = word if _DIGIT.search(word) else stem(word)
                if family not in out.setdefault(term, []):
                    out[term].append(family)
    return {t: " ".join(fs) for t, fs in out.items()}


# Families of everyday words that signal the same kind of post (billing, scams, jobs, media…),
# so that a post and a scenario that name it differently still meet. General English and
# Spanish, no names; the lists are in vocabulary.yaml.
CONCEPTS: dict[str, str] = _concepts(_VOCAB["concepts"])


# ------------------------------------------------------------------ cues

def cue_sources(families: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(family term, one whole-word regex for all its patterns), in the order of the file."""
    return [(stem(name), wrap("|".join(f"(?:{p})" for p in patterns))) for name, patterns in families.items()]


# Phrases that signal what a post wants ("make an appointment", "is this legit?"): vocabulary.yaml.
CUE_SOURCES: list[tuple[str, str]] = cue_sources(_VOCAB.get("cues") or {})


@functools.cache
def compiled_cues() -> list[tuple[str, re.Pattern]]:
    """CUE_SOURCES compiled, when a text is first split into terms (not on import: a check needs none)."""
    return [(family, re.compile(source, FLAGS)) for family, source in CUE_SOURCES]


@functools.cache
def _any_cue() -> re.Pattern:
    """Matches where any cue matches (no cue has a numbered back-reference, so they combine as they are)."""
    return re.compile("|".join(f"(?:{source})" for _, source in CUE_SOURCES) or "(?!)", FLAGS)
