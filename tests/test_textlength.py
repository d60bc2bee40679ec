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
