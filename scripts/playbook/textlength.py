"""How long a reply is, counted the way each platform counts it, and each platform's limit.

X counts "weighted" characters (docs.x.com, "Counting characters"; the reference
implementation is twitter-text v3, config/v3.json, Apache-2.0): the text is
NFC-normalised; every URL counts 23 whatever its length; an emoji, including a
whole skin-tone, ZWJ, keycap, flag or tag sequence, counts 2; any other code
point counts 1 if it lies in one of the light-weight ranges (U+0000-10FF,
U+2000-200D, U+2010-201F, U+2032-2037) and 2 otherwise (so CJK counts 2).

Every other platform counts user-perceived characters: extended grapheme
clusters (Unicode UAX #29, the `regex` module's \\X), so an emoji with a skin
tone or a family emoji is one character and so is "e" plus a combining accent.
"""
from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from typing import Optional

import regex

from .string_memo import StringMemo
from .x_tlds import COUNTRY, GENERIC

# ------------------------------------------------------------------ the limits


@dataclass(frozen=True)
class Limit:
    chars: Optional[int]   # None: no limit we know of
    counting: str          # "x-weighted" or "graphemes"
    source: str
    links_clickable: bool = True


# The one table of limits. Sources as collected in shared/DOMAIN.md; check them
# again before relying on a number, platforms change these without notice.
LIMITS: dict[str, Limit] = {
    "x": Limit(280, "x-weighted", "docs.x.com, 'Counting characters' (twitter-text config v3: maxWeightedTweetLength 280)"),
    "tiktok": Limit(150, "graphemes", "secondary sources (TikTok does not publish it); links in comments are not clickable", False),
    "threads": Limit(500, "graphemes", "secondary sources (Threads app limit)"),
    "linkedin": Limit(1250, "graphemes", "Buffer developer docs, LinkedIn comment limit"),
    "instagram": Limit(2200, "graphemes", "secondary sources; the Graph API allows about 2,196; links in comments are not clickable", False),
    "google-reviews": Limit(4096, "graphemes", "secondary sources, Google Business Profile review reply"),
    "facebook": Limit(8000, "graphemes", "secondary sources, Facebook comment"),
    "youtube": Limit(10000, "graphemes", "9to5google; links are not clickable in Shorts comments since Aug 2023"),
    # Direct messages: the platforms' DM limits are far above any reply here
    # (X documents 10,000 characters for DMs, developer.x.com "Direct Message"), but
    # "dm" means any platform's DM, so no one number applies; only counted, not limited.
    "dm": Limit(None, "graphemes", "no single limit: 'dm' is any platform's direct message"),
    # The default text is not pasted anywhere as such; it is the fallback for platforms without a variant.
    "default": Limit(None, "graphemes", "not a platform; see each platform's variant"),
}

WARN_AT = 0.9  # `check` warns at 90% of a limit


def limit_for(platform: str) -> Optional[int]:
    limit = LIMITS.get(platform)
    return limit.chars if limit else None


def length_for(platform: str, text: str) -> int:
    """The length of text as `platform` counts it."""
    limit = LIMITS.get(platform)
    if limit and limit.counting == "x-weighted":
        return x_weighted_length(text)
    return grapheme_length(text)


# Code points that are always a grapheme cluster of their own, whatever surrounds them: everything
# below U+0300 except CR (CR LF is one cluster), and U+2010-2027 and U+2030-205E (dashes, quotes,
# ellipsis, primes). Text made only of these has as many graphemes as code points; anything else
# (combining marks, joiners, emoji, Hangul, Indic scripts...) is counted by the full UAX #29 rules.
_NOT_SIMPLE = regex.compile(r"[^\x00-\x0C\x0E-\u02FF\u2010-\u2027\u2030-\u205E]")
_GRAPHEME = regex.compile(r"\X")


def grapheme_length(text: str) -> int:
    if _NOT_SIMPLE.search(text) is None:
        return len(text)
    return len(_GRAPHEME.findall(text))


# ------------------------------------------------------------------ X's counting

X_SCALE = 100
X_DEFAULT_WEIGHT = 200
X_URL_WEIGHT = 23 * X_SCALE
X_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))


# A code point outside every light-weight range.
_HEAVY = regex.compile("[^" + "".join(f"\\u{lo:04X}-\\u{hi:04X}" for lo, hi in X_LIGHT_RANGES) + "]")


def _plain_weight(text: str) -> int:
    """Weight of text that holds no URL and no emoji: X_SCALE per light code point, X_DEFAULT_WEIGHT per other."""
    return X_SCALE * len(text) + (X_DEFAULT_WEIGHT - X_SCALE) * len(_HEAVY.findall(text))


# twitter-text's URL extractor (js/src/regexp/*.js), ported to the `regex` module.
_DIRECTIONAL = "\u202A-\u202E\u061C\u200E\u200F\u2066\u2067\u2068\u2069"
_INVALID = "\uFFFE\uFEFF\uFFFF"
_SPACES = "\x09-\x0D\x20\x85\xA0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"
_PUNCT = regex.escape("!'#%&'()*+,\\-./:;<=>?@[]^_{|}~$", special_only=False)
_LATIN_ACCENTS = ("\xC0-\xD6\xD8-\xF6\xF8-\xFF\u0100-\u024F\u0253\u0254\u0256\u0257\u0259\u025B\u0263"
                  "\u0268\u026F\u0272\u0289\u028B\u02BB\u0300-\u036F\u1E00-\u1EFF")
_CYRILLIC = "\u0400-\u04FF"
_DOMAIN_CHAR = f"[^{_PUNCT}{_SPACES}{_INVALID}{_DIRECTIONAL}]"
_TLD_END = r"(?=[^0-9a-zA-Z@+-]|$)"
_GTLD = "(?:(?:" + "|".join(regex.escape(t) for t in GENERIC) + ")" + _TLD_END + ")"
_CCTLD = "(?:(?:" + "|".join(regex.escape(t) for t in COUNTRY) + ")" + _TLD_END + ")"
_PUNYCODE = r"(?:xn--[\-0-9a-z]+)"
_SUBDOMAIN = f"(?:(?:{_DOMAIN_CHAR}(?:[_-]|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\\.)"
_DOMAIN_NAME = f"(?:(?:{_DOMAIN_CHAR}(?:-|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\\.)"
_DOMAIN = f"(?:{_SUBDOMAIN}*{_DOMAIN_NAME}(?:{_GTLD}|{_CCTLD}|{_PUNYCODE}))"
_PATH_CHAR = f"[a-z{_CYRILLIC}0-9!*';:=+,.$/%#\\[\\]\\-\u2013_~@|&{_LATIN_ACCENTS}]"
_PARENS = f"\\((?:{_PATH_CHAR}+|(?:{_PATH_CHAR}*\\({_PATH_CHAR}+\\){_PATH_CHAR}*))\\)"
_PATH_END = f"(?:[+\\-a-z{_CYRILLIC}0-9=_#/{_LATIN_ACCENTS}]|(?:{_PARENS}))"
_PATH = f"(?:(?:{_PATH_CHAR}*(?:{_PARENS}{_PATH_CHAR}*)*{_PATH_END})|(?:@{_PATH_CHAR}+/))"
_QUERY_CHAR = r"[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]"
_QUERY_END = r"[a-z0-9\-_&=#/]"
_PRECEDING = f"(?:[^A-Za-z0-9@\uFF20$#\uFF03{_INVALID}]|[{_DIRECTIONAL}]|^)"

_EXTRACT_URL_SOURCE = (
    f"(?P<before>{_PRECEDING})"
    f"(?P<url>(?P<protocol>https?://)?(?P<domain>{_DOMAIN})(?::[0-9]+)?(?P<path>/{_PATH}*)?(?:\\?{_QUERY_CHAR}*{_QUERY_END})?)")
_ASCII_DOMAIN_SOURCE = f"(?:(?:[\\-a-z0-9{_LATIN_ACCENTS}]+)\\.)+(?:{_GTLD}|{_CCTLD}|{_PUNYCODE})"


# The two patterns with every top-level domain take longer to compile (about 0.07 s) than a whole
# re-check of one file, so they are compiled when a text first needs them.
@functools.cache
def extract_url_regex() -> regex.Pattern:
    return regex.compile(_EXTRACT_URL_SOURCE, regex.IGNORECASE | regex.VERSION0)


@functools.cache
def ascii_domain_regex() -> regex.Pattern:
    return regex.compile(_ASCII_DOMAIN_SOURCE, regex.IGNORECASE)


_TCO = regex.compile(f"^https?://t\\.co/([a-z0-9]+)(?:\\?{_QUERY_CHAR}*{_QUERY_END})?", regex.IGNORECASE)
_NO_PROTOCOL_BAD_BEFORE = regex.compile(r"[-_./]$")
MAX_URL_LENGTH = 4096
MAX_TCO_SLUG = 40


def _punycode_domain(domain: str) -> Optional[str]:
    """twitter-text's idna.toAscii: every label 1-63 characters once punycode-encoded."""
    if domain[:4].lower() == "xn--" and not ascii_domain_regex().fullmatch(domain):
        return None
    out = []
    for label in domain.split("."):
        encoded = label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii")
        if not 1 <= len(encoded) <= 63:
            return None
        out.append(encoded)
    return ".".join(out)


# Where a URL can be. Every URL X finds has a domain: a '.' straight before a top-level domain, and
# contains no space (none of _SPACES is a domain, path or query character). So the extractor only
# has to run on the runs of non-space text that hold a '.' followed by the first letter of a TLD
# (or 'x' of xn--), matched with the extractor's own engine and flags. It runs on the run together
# with the space before it, because that space is what the extractor takes as the character before
# a URL at the start of the run (without it, a first character such as 'À' would be taken instead);
# at the end of the run, $ stands for the space after it, which the TLD lookahead accepts alike.
# On a text without links this skips the extractor altogether.
_TLD_FIRST = regex.escape("".join(sorted({t[0] for t in GENERIC + COUNTRY} | {"x"})), special_only=False)
_CANDIDATE = regex.compile(f"\\.[{_TLD_FIRST}]", regex.IGNORECASE | regex.VERSION0)
_SPACE = regex.compile(f"[{_SPACES}]")
_SPACE_BEFORE = regex.compile(f"[{_SPACES}]", regex.REVERSE)


def x_url_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every URL that X would shorten, in code point indices."""
    return X_URL_SPANS(text)


def _x_url_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    end = 0
    for candidate in _CANDIDATE.finditer(text):
        if candidate.start() < end:
            continue  # in the run just looked at
        space = _SPACE_BEFORE.search(text, 0, candidate.start())
        begin = space.start() if space else 0  # the space before the run, or the start of the text
        space = _SPACE.search(text, candidate.end())
        end = space.start() if space else len(text)
        spans += [(begin + s, begin + e) for s, e in _spans_in(text[begin:end])]
    return spans


# Kept by the text between `playbook check` processes (string_memo.py): compiling the extractor is most of
# a re-check of one edited scenario.
X_URL_SPANS = StringMemo("x_url_spans", _x_url_spans, revive=lambda spans: [tuple(s) for s in spans], hashed=True)


def _spans_in(text: str) -> list[tuple[int, int]]:
    """twitter-text's extractURLsWithIndices on one text (here: one run of non-space text and the space before it)."""
    spans: list[list[int]] = []
    for m in extract_url_regex().finditer(text):
        url, protocol, domain, path = m.group("url"), m.group("protocol"), m.group("domain"), m.group("path")
        start, end = m.start("url"), m.end("url")
        ascii_domain = _punycode_domain(domain)
        if ascii_domain is None or len(protocol or "https://") + len(url) + len(ascii_domain) - len(domain) > MAX_URL_LENGTH:
            continue
        if not protocol:
            if _NO_PROTOCOL_BAD_BEFORE.search(m.group("before")):
                continue
            last, pos = None, 0
            for am in ascii_domain_regex().finditer(domain):
                s = domain.index(am.group(0), pos)
                pos = s + len(am.group(0))
                last = [start + s, start + pos]
                spans.append(last)
            if last is None:
                continue
            if path:
                last[1] = end
        else:
            tco = _TCO.match(url)
            if tco:
                if len(tco.group(1)) > MAX_TCO_SLUG:
                    continue
                end = start + len(tco.group(0))
            spans.append([start, end])
    return [(s, e) for s, e in spans]


# An emoji as twemoji-parser (which twitter-text uses) finds one: a fully-qualified
# emoji or sequence. Text-style characters such as a bare digit, © or ™ are not.
_EMOJI = regex.compile(
    r"[0-9#*]\uFE0F?\u20E3"                                         # keycaps 1️⃣
    r"|\p{Regional_Indicator}{2}"                                    # flags 🇺🇸
    r"|\U0001F3F4[\U000E0020-\U000E007E]+\U000E007F"                # tag flags 🏴󠁧󠁢󠁥󠁮󠁧󠁿
    r"|(?:\p{Emoji_Presentation}|\p{Emoji}\uFE0F)\p{Emoji_Modifier}?"
    r"(?:\u200D(?:\p{Emoji_Presentation}|\p{Emoji}\uFE0F?)\p{Emoji_Modifier}?)*"  # ZWJ sequences 👨‍👩‍👧‍👦
    r"|\p{Emoji}\p{Emoji_Modifier}"                                  # ☝🏽
)


# No emoji sequence can start below U+00A9 (©): text entirely below it has none.
_MAYBE_EMOJI = regex.compile(r"[^\x00-\xA8]")


def x_weighted_length(text: str) -> int:
    """X's weighted length of text (what X shows as n / 280).

    Walks the text from one URL or emoji to the next: a URL weighs X_URL_WEIGHT, an
    emoji X_DEFAULT_WEIGHT, and each code point between them its own weight. Where a
    URL and an emoji start at the same place, the URL wins; one that starts inside
    the previous one is skipped."""
    text = unicodedata.normalize("NFC", text)
    urls = dict(x_url_spans(text))
    emoji = {m.start(): m.end() for m in _EMOJI.finditer(text)} if _MAYBE_EMOJI.search(text) else {}
    weight, i = 0, 0
    for start in sorted(urls.keys() | emoji.keys()):
        if start < i:
            continue
        weight += _plain_weight(text[i:start])
        if start in urls:
            weight += X_URL_WEIGHT
            i = urls[start]
        else:
            weight += X_DEFAULT_WEIGHT
            i = emoji[start]
    weight += _plain_weight(text[i:])
    return weight // X_SCALE


def has_url(text: str) -> bool:
    """Whether the text holds a link (as X's extractor finds them, with or without https://)."""
    return bool(x_url_spans(unicodedata.normalize("NFC", text)))
