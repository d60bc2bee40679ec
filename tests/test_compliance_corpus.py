"""The compliance corpus and the blind batches through the Python engine and the "Check my draft" page.

The corpora (written with the rules, English and Spanish) must get every expected
verdict and every expected rule id. On every entry of the corpora and of every
batch in tests/batches/index.yaml, the browser, with the batch's language picked
on the page, must give the same findings as Python with that language's rules:
the same rule ids and the same matched words, finding by finding. Catch rates
on the batches are information, not a gate: `make rates` prints them. A further
test asserts that typing and checking on the page makes no network request.
"""
from __future__ import annotations

import json
import re

import pytest

from compliance_rates import CORPUS_ES, load_batches, load_corpus, measure, python_rule_ids
from conftest import open_settled

CORPUS = load_corpus()
CORPUS_SPANISH = load_corpus(CORPUS_ES)
BATCHES = load_batches()  # the corpora first, then every compliance batch of tests/batches/index.yaml
ALL_TEXTS = [(b.language, item["text"]) for b in BATCHES for item in b.data["violations"] + b.data["clean"]]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_corpus_and_batches_are_big_enough_and_every_rule_catches_something(lang):
    from playbook.compliance import find, load_rules

    rules, _ = load_rules("playbook", lang)
    if lang == "en":
        assert len(CORPUS["violations"]) >= 40 and len(CORPUS["clean"]) >= 40
        assert sum(1 for v in CORPUS["violations"] if v.get("set") == "held-out") >= 10
        batches = [b for b in BATCHES if b.name != "corpus" and b.language == "en"]
        assert sum(len(b.data["violations"]) for b in batches) >= 150 and sum(len(b.data["clean"]) for b in batches) >= 150
    else:
        assert len(CORPUS_SPANISH["violations"]) >= 30 and len(CORPUS_SPANISH["clean"]) >= 25
        assert sum(len(b.data["violations"]) for b in BATCHES if b.language == "es" and b.name != "corpus-es") >= 60
    caught = {f.rule_id for b in BATCHES if b.language == lang for item in b.data["violations"] for f in find(rules, item["text"].strip())}
    assert {r.id for r in rules} <= caught, f"rules that catch no violation: {sorted({r.id for r in rules} - caught)}"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_python_engine_gets_every_verdict(lang):
    rates = measure("python", python_rule_ids(lang=lang), CORPUS if lang == "en" else CORPUS_SPANISH)
    print("\n" + rates.summary())
    assert rates.mismatches == [], "\n".join(f"want {w} got {g}: {t}" for t, w, g in rates.mismatches)
    assert rates.catch_rate == 1.0 and rates.false_alarm_rate == 0.0


def _open_draft_page(page, site_url):
    warnings: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    page.goto(site_url + "check-my-draft/")
    page.wait_for_selector("[data-draft][data-draft-ready]")
    return warnings


def _pick_language(page, lang: str) -> None:
    page.check(f'[data-draft-lang="{lang}"]')


def test_browser_page_gets_the_same_verdicts(page, site_url):
    """The corpora's expected verdicts, and on every batch entry the rule ids Python finds, language by language."""
    warnings = _open_draft_page(page, site_url)
    box = page.locator("[data-draft-input]")
    result = page.locator("[data-draft-result]")

    def browser_rule_ids(text: str, lang: str) -> set[str]:
        _pick_language(page, lang)
        box.fill(text)
        assert result.get_attribute("data-draft-lang") == lang
        ids = result.get_attribute("data-draft-rules") or ""
        verdict = result.get_attribute("data-draft-verdict")
        assert verdict == ("flagged" if ids else "clean"), (verdict, ids, text)
        return set(ids.split())

    for lang, corpus in (("en", CORPUS), ("es", CORPUS_SPANISH)):
        rates = measure(f"browser ({lang})", lambda t: browser_rule_ids(t, lang), corpus)
        print("\n" + rates.summary())
        assert rates.mismatches == [], "\n".join(f"want {w} got {g}: {t}" for t, w, g in rates.mismatches)
    python = {lang: python_rule_ids(lang=lang) for lang in ("en", "es")}
    differ = [(t, sorted(python[lang](t)), sorted(browser_rule_ids(t, lang))) for lang, t in ALL_TEXTS
              if python[lang](t) != browser_rule_ids(t, lang)]
    assert differ == [], "\n".join(f"python {p} browser {b}: {t}" for t, p, b in differ)
    assert not [w for w in warnings if "draft check" in w], warnings  # every rule compiled in JavaScript


def test_browser_and_python_find_the_same_words(page, site_url):
    """Not only the verdict: on every entry of the corpora and the batches the matched words agree, finding by finding."""
    from playbook.compliance import find, load_rules

    rules = {lang: load_rules("playbook", lang)[0] for lang in ("en", "es")}
    _open_draft_page(page, site_url)
    box = page.locator("[data-draft-input]")
    for lang, text in ALL_TEXTS:
        _pick_language(page, lang)
        box.fill(text)
        shown = page.locator("[data-draft-findings] li").evaluate_all(
            "els => els.map(e => [e.dataset.rule, e.querySelector('.pb-draft-words').textContent])")
        expected = [[f.rule_id, f.words] for f in find(rules[lang], text.strip())]
        assert shown == expected, (lang, text)


def test_language_switch_checks_with_that_languages_rules(page, site_url):
    """English is picked first; picking Spanish re-checks the same draft with the Spanish rules, accents typed or not."""
    _open_draft_page(page, site_url)
    assert page.is_checked('[data-draft-lang="en"]') and not page.is_checked('[data-draft-lang="es"]')
    result = page.locator("[data-draft-result]")
    page.fill("[data-draft-input]", "Tome ibuprofeno y no se preocupe.")
    assert result.get_attribute("data-draft-verdict") == "clean"  # the English rules don't read Spanish
    _pick_language(page, "es")
    assert result.get_attribute("data-draft-verdict") == "flagged"
    assert result.get_attribute("data-draft-rules") == "gives-medical-advice"
    assert page.get_attribute("[data-draft-input]", "lang") == "es"
    for typed in ("Según su expediente, usted ya tenía una infección.", "Segun su expediente, usted ya tenia una infeccion."):
        page.fill("[data-draft-input]", typed)
        assert set((result.get_attribute("data-draft-rules") or "").split()) == {"discloses-records", "confirms-care-relationship"}, typed
    words = page.locator("[data-draft-findings] li .pb-draft-words").all_text_contents()
    assert "Segun su expediente" in words  # the words as typed
    page.fill("[data-draft-input]", "Welcome back! We loved seeing you.")
    assert result.get_attribute("data-draft-verdict") == "clean"
    _pick_language(page, "en")
    assert result.get_attribute("data-draft-rules") == "confirms-care-relationship"


def test_findings_are_highlighted_with_why_and_instead(page, site_url):
    _open_draft_page(page, site_url)
    page.fill("[data-draft-input]", "Hi Marisol, <b>welcome back</b>! Your insurance covered it.")
    marks = page.locator("[data-draft-marked] mark.pb-draft-hit")
    assert marks.count() == 3
    assert marks.nth(1).text_content() == "welcome back"
    assert marks.nth(1).get_attribute("data-rules") == "confirms-care-relationship"
    # typed markup stays text: no element was created from it
    assert page.locator("[data-draft-marked] b").count() == 0
    finding = page.locator('[data-draft-findings] li[data-rule="discloses-payment-details"]')
    assert "Why:" in finding.text_content() and "Instead:" in finding.text_content()
    assert "New Vision Dental" in finding.text_content()
    page.click("[data-draft-clear]")
    assert page.locator("[data-draft-result]").get_attribute("data-draft-verdict") == "empty"
    assert page.locator("[data-draft-marked]").is_hidden()


def test_typing_and_checking_makes_no_network_request(page, site_url):
    open_settled(page, site_url + "check-my-draft/", "[data-draft][data-draft-ready]")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("websocket", lambda ws: requests.append(ws.url))
    page.click("[data-draft-input]")
    page.keyboard.type("Hi Sarah, our records show you missed your appointment on 3/14/2025. Try taking 200 mg.", delay=5)
    page.click("[data-draft-check]")
    assert page.locator("[data-draft-result]").get_attribute("data-draft-verdict") == "flagged"
    page.click("[data-draft-input]")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("Please talk with your own doctor.")
    assert "your own doctor" in page.input_value("[data-draft-input]")
    page.click("[data-draft-clear]")
    page.wait_for_timeout(500)
    assert requests == [], requests
    stored = page.evaluate("() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])")
    assert "Sarah" not in stored and "doctor" not in stored, stored  # the draft is not kept either


def test_page_is_complete_without_javascript(browser, site_url):
    ctx = browser.new_context(java_script_enabled=False)
    try:
        pg = ctx.new_page()
        pg.goto(site_url + "check-my-draft/")
        assert pg.locator("[data-draft-nojs]").is_visible()
        assert pg.locator("[data-draft-input]").is_visible()
        rules = pg.locator(".pb-draft-rule")
        assert rules.count() >= 9
    finally:
        ctx.close()


def test_rules_json_in_the_generated_page_has_no_angle_brackets():
    """The page as the core writes it (no site build): the rules' JSON, with its regexes and the learned
    weights, carries no < or >, so no text in it can close its <script> or start markup."""
    import datetime as dt

    from playbook.check import check_dir
    from playbook.pages import generate

    pb, _ = check_dir("playbook")
    page = generate(pb, dt.date(2026, 11, 29))["check-my-draft.md"]
    m = re.search(r'<script type="application/json" id="pb-draft-rules">(.*?)</script>', page, re.S)
    assert m
    # booleans, not `"<" not in text`: pytest would diff the 1.2 MB text to explain a failure, for minutes
    angle_brackets = "<" in m.group(1) or ">" in m.group(1)
    assert not angle_brackets, "the rules' JSON carries < or >"
    escaped_lookbehinds = "(?\\u003c!" in m.group(1)
    assert escaped_lookbehinds  # the rules' lookbehinds are there, escaped
    assert json.loads(m.group(1))["learned"]["rule"]["id"] == "resembles-known-violations"


def test_rules_json_cannot_close_its_script(built_site):
    html = (built_site / "check-my-draft" / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="pb-draft-rules">(.*?)</script>', html, re.S)
    assert m
    angle_brackets = "<" in m.group(1) or ">" in m.group(1)  # a boolean: see the test above
    assert not angle_brackets, "the rules' JSON carries < or >"
    data = json.loads(m.group(1))
    langs = {lang["id"]: lang for lang in data["languages"]}
    assert list(langs) == ["en", "es"] and data["default"] == "en"
    for lang in langs.values():
        assert {r["id"] for r in lang["rules"]} >= {"confirms-care-relationship", "gives-medical-advice"}
    assert langs["es"]["fold"] is True and langs["en"]["fold"] is False
    assert data["fold"][str(ord("é"))] == "e" and data["fold"][str(ord("Ñ"))] == "N"
    # a class is shipped once: the Spanish classes with Spanish, the classes at the top shared
    assert "su" in langs["es"]["vocab"] and "su" not in data["vocab"]
    assert "your" in data["vocab"] and "first-names,nicknames" in data["vocab"] and not langs["en"]["vocab"]
    assert not set(langs["es"]["vocab"]) & set(data["vocab"])


# Constructs the validator lets through must match the same text in both engines.
PORTABLE_CASES = [
    (r"colou?r", "What COLOR? what colour."),
    (r"\bdr\.? [a-z]+", "dr. Lee and Dr Kim"),
    (r"(?<!not )allowed", "allowed, not allowed, Allowed"),
    (r"\d{1,2}/\d{1,2}", "on 3/14 and 24/7"),
    (r"you(?:'re| are) (?!fine)\w+", "you’re ok, you are fine, you're done"),
    (r"caf\w*", "café cafe CAFÉ"),
    (r"[a-z]+ing\s+\w+", "Being  here\u00a0now and going\u2028home"),
    (r"a.b", "a\u2029b a\rb axb"),
]


@pytest.mark.parametrize("pattern,text", PORTABLE_CASES)
def test_portable_subset_matches_alike_in_python_and_javascript(page, site_url, pattern, text):
    from playbook import compliance

    assert compliance.portability_error(pattern) is None
    src = compliance.wrap(pattern)
    py = [(m.start(), m.end()) for m in re.compile(src, compliance.FLAGS).finditer(compliance.normalise(text))]
    _open_draft_page(page, site_url)
    table = {str(k): v for k, v in compliance.NORMALISE_TABLE.items()}
    js = page.evaluate(
        """([src, text, table]) => {
             const norm = text.replace(/[\\s\\S]/g, c => table[String(c.charCodeAt(0))] ?? c);
             const re = new RegExp(src, 'gi'); const out = []; let m;
             while ((m = re.exec(norm)) !== null) { if (!m[0].length) { re.lastIndex++; continue; } out.push([m.index, m.index + m[0].length]); }
             return out; }""", [src, text, table])
    assert [list(p) for p in py] == js
