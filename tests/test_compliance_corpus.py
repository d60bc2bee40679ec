"""The compliance corpus and the blind batches through the Python engine and the "Check my draft" page.

The corpus (written with the rules) must get every expected verdict and every
expected rule id. On every entry of the corpus and of every batch in
tests/batches/index.yaml, the browser must give the same findings as Python:
the same rule ids and the same matched words, finding by finding. Catch rates
on the batches are information, not a gate: `make rates` prints them. A further
test asserts that typing and checking on the page makes no network request.
"""
from __future__ import annotations

import json
import re

import pytest

from compliance_rates import load_batches, load_corpus, measure, python_rule_ids

CORPUS = load_corpus()
BATCHES = load_batches()  # the corpus first, then every compliance batch of tests/batches/index.yaml
ALL_TEXTS = [item["text"] for b in BATCHES for item in b.data["violations"] + b.data["clean"]]


def test_corpus_and_batches_are_big_enough_and_every_rule_catches_something():
    from playbook.compliance import find, load_rules

    rules, _ = load_rules("playbook")
    assert len(CORPUS["violations"]) >= 40 and len(CORPUS["clean"]) >= 40
    assert sum(1 for v in CORPUS["violations"] if v.get("set") == "held-out") >= 10
    batches = [b for b in BATCHES if b.name != "corpus"]
    assert sum(len(b.data["violations"]) for b in batches) >= 150 and sum(len(b.data["clean"]) for b in batches) >= 150
    caught = {f.rule_id for b in BATCHES for item in b.data["violations"] for f in find(rules, item["text"].strip())}
    assert {r.id for r in rules} <= caught, f"rules that catch no violation: {sorted({r.id for r in rules} - caught)}"


def test_python_engine_gets_every_verdict():
    rates = measure("python", python_rule_ids())
    print("\n" + rates.summary())
    assert rates.mismatches == [], "\n".join(f"want {w} got {g}: {t}" for t, w, g in rates.mismatches)
    assert rates.catch_rate == 1.0 and rates.false_alarm_rate == 0.0


def _open_draft_page(page, site_url):
    warnings: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    page.goto(site_url + "check-my-draft/")
    page.wait_for_selector("[data-draft][data-draft-ready]")
    return warnings


def test_browser_page_gets_the_same_verdicts(page, site_url):
    """The corpus's expected verdicts, and on every batch entry the rule ids Python finds."""
    warnings = _open_draft_page(page, site_url)
    box = page.locator("[data-draft-input]")
    result = page.locator("[data-draft-result]")

    def browser_rule_ids(text: str) -> set[str]:
        box.fill(text)
        ids = result.get_attribute("data-draft-rules") or ""
        verdict = result.get_attribute("data-draft-verdict")
        assert verdict == ("flagged" if ids else "clean"), (verdict, ids, text)
        return set(ids.split())

    rates = measure("browser", browser_rule_ids)
    print("\n" + rates.summary())
    assert rates.mismatches == [], "\n".join(f"want {w} got {g}: {t}" for t, w, g in rates.mismatches)
    python = python_rule_ids()
    differ = [(t, sorted(python(t)), sorted(browser_rule_ids(t))) for t in ALL_TEXTS if python(t) != browser_rule_ids(t)]
    assert differ == [], "\n".join(f"python {p} browser {b}: {t}" for t, p, b in differ)
    assert not [w for w in warnings if "draft check" in w], warnings  # every rule compiled in JavaScript


def test_browser_and_python_find_the_same_words(page, site_url):
    """Not only the verdict: on every entry of the corpus and the batches the matched words agree, finding by finding."""
    from playbook.compliance import find, load_rules

    rules, _ = load_rules("playbook")
    _open_draft_page(page, site_url)
    box = page.locator("[data-draft-input]")
    for text in ALL_TEXTS:
        box.fill(text)
        shown = page.locator("[data-draft-findings] li").evaluate_all(
            "els => els.map(e => [e.dataset.rule, e.querySelector('.pb-draft-words').textContent])")
        expected = [[f.rule_id, f.words] for f in find(rules, text.strip())]
        assert shown == expected, text


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
    _open_draft_page(page, site_url)
    page.wait_for_load_state("networkidle")
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


def test_rules_json_cannot_close_its_script(built_site):
    html = (built_site / "check-my-draft" / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="pb-draft-rules">(.*?)</script>', html, re.S)
    assert m and "<" not in m.group(1) and ">" not in m.group(1)
    data = json.loads(m.group(1))
    assert {r["id"] for r in data["rules"]} >= {"confirms-care-relationship", "gives-medical-advice"}


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
