"""Counting reply lengths as each platform counts them (textlength.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from playbook.textlength import (LIMITS, grapheme_length, has_url, length_for, limit_for, x_url_spans,
                                 x_weighted_length)

CONFORMANCE = yaml.safe_load((Path(__file__).parent / "data" / "twitter_text_conformance.yml").read_text(encoding="utf-8"))

FAMILY = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"   # 👨‍👩‍👧‍👦, 7 code points
THUMBS_DARK = "\U0001F44D\U0001F3FF"                                   # 👍🏿
WOMAN_HEALTH_WORKER_MEDIUM = "\U0001F469\U0001F3FD\u200D\u2695\uFE0F"   # 👩🏽‍⚕️
RAINBOW_FLAG = "\U0001F3F3\uFE0F\u200D\U0001F308"                       # 🏳️‍🌈
FLAG_US = "\U0001F1FA\U0001F1F8"                                       # 🇺🇸
FLAG_ENGLAND = "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"
KEYCAP_ONE = "1\uFE0F\u20E3"
HEART = "\u2764\uFE0F"                                                 # ❤️ (text-style heart + VS16)


@pytest.mark.parametrize("case", CONFORMANCE["weighted_length"], ids=lambda c: c["description"][:60])
def test_x_weighted_length_matches_x_conformance_suite(case):
    assert x_weighted_length(case["text"]) == case["weighted_length"]


@pytest.mark.parametrize("case", CONFORMANCE["urls"], ids=lambda c: c["description"][:60])
def test_x_finds_the_urls_x_finds(case):
    assert [case["text"][s:e] for s, e in x_url_spans(case["text"])] == case["expected"]


@pytest.mark.parametrize("case", CONFORMANCE["urls_with_indices"], ids=lambda c: c["description"][:60])
def test_x_url_positions(case):
    assert [list(span) for span in x_url_spans(case["text"])] == case["expected"]


@pytest.mark.parametrize("emoji", [FAMILY, THUMBS_DARK, WOMAN_HEALTH_WORKER_MEDIUM, RAINBOW_FLAG, FLAG_US, FLAG_ENGLAND, KEYCAP_ONE, HEART])
def test_an_emoji_sequence_is_one_character_and_two_on_x(emoji):
    assert grapheme_length(emoji) == 1
    assert x_weighted_length(emoji) == 2
    assert x_weighted_length("Hi " + emoji + "!") == 3 + 2 + 1
    assert length_for("tiktok", "Hi " + emoji + "!") == 5


def test_text_style_symbols_are_not_emoji_on_x():
    assert x_weighted_length("1 # *") == 5          # digits, # and * are emoji only as keycaps
    assert x_weighted_length("\u00A9") == 1         # © without VS16 is a plain Latin-1 character
    assert x_weighted_length("\u00A9\uFE0F") == 2   # ©️ is an emoji


@pytest.mark.parametrize("url", [
    "https://www.example.org",
    "http://example.org",
    "https://www.example.org/feedback",
    "https://www.example.org/find-a-doctor?specialty=cardiology&zip=55555",
    "https://www.example.org/a/very/long/path/that/is/much/longer/than/twenty-three/characters#section",
    "https://example.org:8443/portal",
    "www.example.org",
    "example.org",
    "example.org/records-request",
    "portal.example.org/login?next=/billing",
    "988lifeline.org",
    "example.co.uk/path",
    "https://t.co/abc123",
    "HTTPS://EXAMPLE.ORG/CAPS",
])
def test_every_url_counts_23_on_x(url):
    assert x_url_spans(url) == [(0, len(url))], url
    assert x_weighted_length(url) == 23
    assert x_weighted_length(f"Visit {url} today.") == len("Visit ") + 23 + len(" today.")
    assert has_url(url)


@pytest.mark.parametrize("text", [
    "patient.relations@example.org",   # an email address is not a link
    "call +1 555-0100",
    "Mon–Fri 8am–5pm",
    "version 2.0 is out",
    "file.txt",                        # .txt is not a top-level domain
    "example.invalidtld",
])
def test_not_urls(text):
    assert x_url_spans(text) == []
    assert not has_url(text)
    assert x_weighted_length(text) == len(text)


def test_trailing_punctuation_is_not_part_of_a_url():
    text = "See https://www.example.org/feedback."
    assert x_weighted_length(text) == len("See ") + 23 + 1
    text = "(see example.org/records)"
    assert x_weighted_length(text) == 1 + len("see ") + 23 + 1


def test_cjk_counts_two_on_x_and_one_elsewhere():
    text = "请联系我们"  # 5 CJK characters
    assert x_weighted_length(text) == 10
    assert grapheme_length(text) == 5
    assert x_weighted_length("日本語のテキスト abc") == 8 * 2 + 4
    assert grapheme_length("한국어") == 3


def test_combining_marks():
    decomposed = "Cafe\u0301"                      # e + combining acute: NFC makes it é
    assert grapheme_length(decomposed) == 4
    assert x_weighted_length(decomposed) == 4
    stacked = "q\u0301\u0332"                       # no precomposed form: 3 code points, 1 grapheme
    assert grapheme_length(stacked) == 1
    assert x_weighted_length(stacked) == 3          # X counts code points after NFC
    assert x_weighted_length("a\u0332\u0301") == 2  # NFC reorders the marks and composes á


def test_light_weight_ranges_and_curly_quotes_count_one_on_x():
    text = "We\u2019re here \u201Cfor you\u201D \u2014 always\u2026"
    # ’ “ ” — are in U+2010-201F and count 1; … (U+2026) is outside every range and counts 2
    assert x_weighted_length(text) == len(text) + 1
    assert x_weighted_length("\u2026") == 2
    assert x_weighted_length("\u2019\u201C\u201D\u2014") == 4


def test_line_breaks_count():
    assert grapheme_length("a\r\nb") == 3   # CR LF is one grapheme
    assert x_weighted_length("a\nb") == 3


def test_the_limits_table():
    expected = {"x": 280, "tiktok": 150, "threads": 500, "linkedin": 1250, "instagram": 2200,
                "google-reviews": 4096, "facebook": 8000, "youtube": 10000, "dm": None}
    assert {p: limit_for(p) for p in expected} == expected
    assert all(limit.source for limit in LIMITS.values())
    assert not LIMITS["instagram"].links_clickable and not LIMITS["tiktok"].links_clickable
    assert LIMITS["facebook"].links_clickable


@pytest.mark.parametrize("platform", [p for p, lim in LIMITS.items() if lim.chars])
def test_exactly_at_and_just_over_each_limit(platform):
    limit = limit_for(platform)
    at = "a" * (limit - 1) + THUMBS_DARK        # the last character an emoji with a skin tone
    over = at + "."
    if platform == "x":
        at = "a" * (limit - 2) + THUMBS_DARK     # the emoji weighs 2 on X
        over = at + "."
    assert length_for(platform, at) == limit
    assert length_for(platform, over) == limit + 1


def test_x_limit_with_cjk_and_urls():
    at = "字" * 128 + " https://www.example.org/" + "x" * 100   # 256 + 1 + 23 = 280
    assert x_weighted_length(at) == 280
    assert x_weighted_length(at + "字") == 282


# ---------------------------------------------------------------- the fast paths give the full rules' answers
# textlength.py skips work where it cannot change the result: the URL extractor runs only on runs of
# non-space text that hold a '.' before a TLD letter, graphemes are only segmented where a code point
# could join its neighbours, and emoji are only looked for above U+00A8. The references below are
# the plain versions (the extractor over the whole text, \X everywhere, one code point at a time),
# written out here as the oracle.

import unicodedata

import regex
from hypothesis import HealthCheck, given, settings, strategies as st

from playbook import textlength as tl


def reference_url_spans(text):
    spans = []
    for m in tl.extract_url_regex().finditer(text):
        url, protocol, domain, path = m.group("url"), m.group("protocol"), m.group("domain"), m.group("path")
        start, end = m.start("url"), m.end("url")
        ascii_domain = tl._punycode_domain(domain)
        if ascii_domain is None or len(protocol or "https://") + len(url) + len(ascii_domain) - len(domain) > tl.MAX_URL_LENGTH:
            continue
        if not protocol:
            if tl._NO_PROTOCOL_BAD_BEFORE.search(m.group("before")):
                continue
            last, pos = None, 0
            for am in tl.ascii_domain_regex().finditer(domain):
                s = domain.index(am.group(0), pos)
                pos = s + len(am.group(0))
                last = [start + s, start + pos]
                spans.append(last)
            if last is None:
                continue
            if path:
                last[1] = end
        else:
            tco = tl._TCO.match(url)
            if tco:
                if len(tco.group(1)) > tl.MAX_TCO_SLUG:
                    continue
                end = start + len(tco.group(0))
            spans.append([start, end])
    return [(s, e) for s, e in spans]


def reference_weight(text):
    text = unicodedata.normalize("NFC", text)
    urls = dict(reference_url_spans(text))
    emoji = {m.start(): m.end() for m in tl._EMOJI.finditer(text)}
    light = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
    weight, i = 0, 0
    while i < len(text):
        if i in urls:
            weight, i = weight + 2300, urls[i]
        elif i in emoji:
            weight, i = weight + 200, emoji[i]
        else:
            weight += 100 if any(lo <= ord(text[i]) <= hi for lo, hi in light) else 200
            i += 1
    return weight // 100


PIECES = ["example.org", "www.example.org/a_b(c)", "https://t.co/abc", "http://x.co:80/p?q=1&r=2#f", "e.g.", "v2.0",
          "patient.relations@example.org", "müller.de", "xn--bcher-kva.ch", "例え.jp", "example.com.", ".com", "a.b.c.d.co.uk",
          "\u2014", "\u2019", "\u2026", "\u00a0", "\u3000", "\u2028", "\r\n", "\r", "\n", "\t", "e\u0301", "q\u0301\u0332",
          "\U0001F44D\U0001F3FF", "\U0001F468\u200D\U0001F469\u200D\U0001F467", "\U0001F1FA\U0001F1F8", "1\uFE0F\u20E3", "\u00a9",
          "\u00a9\uFE0F", "\u203C", "\u200D", "\uFE0F", "한국어", "\u1100\u1161\u11a8", "字", "@", "#", "$", "-", "_", "/", ".", " ",
          "(", ")", "Thanks", "call 555-0100", "\u202E", "\uFEFF", "\u00c0", "\u00e9"]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=14).map("".join)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_fast_url_spans_equal_the_whole_text_extractor(text):
    text = unicodedata.normalize("NFC", text)
    assert tl.x_url_spans(text) == reference_url_spans(text)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_fast_weighted_length_equals_the_code_point_walk(text):
    assert tl.x_weighted_length(text) == reference_weight(text)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_fast_grapheme_length_equals_uax29(text):
    assert grapheme_length(text) == len(regex.findall(r"\X", text))


@pytest.mark.parametrize("text,expected", [
    ("plain ASCII text.", 17),
    ("We\u2019re here \u2014 call us\u2026", 21),   # quotes, dashes, ellipsis: one each
    ("a\r\nb", 3),
    ("Cafe\u0301", 4),
    ("\U0001F44D\U0001F3FF ok", 4),
    ("\u2028", 1),
])
def test_grapheme_length_examples(text, expected):
    assert grapheme_length(text) == expected


@pytest.mark.parametrize("text,expected", [
    # The character before a URL is the space, not the URL's own first letter (found by the property test above).
    ("\u00a0\u00c0example.org", [(1, 13)]),
    ("see \u00c0example.org", [(4, 16)]),
    ("\u00c0example.org", [(1, 12)]),   # at the very start, À itself is taken as the character before
    ("mail patient.relations@example.org or visit example.org.", [(44, 55)]),
])
def test_url_spans_examples(text, expected):
    assert tl.x_url_spans(text) == expected
