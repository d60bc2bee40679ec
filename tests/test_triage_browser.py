"""The "What came in?" box in Chromium: the same ranking as Python, on a phone, privately.

- Parity: triage.js and rank.py give the same ranked ids, the same scores (to
  1e-9), the same danger verdict, words and outcome, on every corpus post: the
  blind batches (with and without their channel), every scenario's examples,
  and every post of tests/test_danger.py.
- On a 375 px page: pasted posts show the expected suggestions in rank order
  (written out by hand), the crisis banner when and only when a crisis is
  hinted at, and a suggestion opens its guide at the first question.
- Privacy: after the index has loaded, typing makes no request, and nothing
  typed reaches localStorage, sessionStorage, cookies or the URL.
- Without JavaScript the box says so and links to the scenario list and search.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import open_settled
from playbook.check import check_dir
from playbook.triage.rank import ranker_for
from test_danger import MUST_FIRE, MUST_NOT_FIRE

ROOT = Path(__file__).resolve().parent.parent
PHONE = {"width": 375, "height": 740}


def corpus() -> list[tuple[str, str | None]]:
    items: list[tuple[str, str | None]] = []
    for path in sorted((ROOT / "tests" / "batches" / "triage").glob("*.yaml")):
        for post in yaml.safe_load(path.read_text(encoding="utf-8"))["posts"]:
            items += [(post["text"], None), (post["text"], post["platform"])]
    pb, _ = check_dir(str(ROOT / "playbook"))
    for scen in pb.scenario_list():
        items += [(ex.text, None) for ex in scen.examples]
    items += [(p, None) for posts in MUST_FIRE.values() for p in posts] + [(p, None) for p in MUST_NOT_FIRE]
    items += [("", None), ("   ", "dm"), ("ＦＵＬＬ width and İstanbul ß ﬁne 💙💙 #NICUgrad", "instagram")]
    return items


@pytest.fixture(scope="module")
def box_page(browser, site_url):
    ctx = browser.new_context(viewport=PHONE)
    page = ctx.new_page()
    page.goto(site_url + "what-came-in/")
    page.wait_for_selector("[data-triage-loaded]")
    yield page
    ctx.close()


def test_browser_and_python_rank_every_corpus_post_the_same(box_page):
    pb, _ = check_dir(str(ROOT / "playbook"))
    ranker = ranker_for(pb)
    items = corpus()
    assert len(items) > 500
    got = box_page.evaluate("""async (items) => {
        const engine = await PlaybookTriage.load("../triage-index.json");
        return items.map(([text, channel]) => {
            const r = engine.rank(text, channel);
            return {danger: r.danger.map(h => [h.id, h.words]),
                    ranked: r.suggestions.map(s => [s.scenario, s.score, s.words, s.outcome, s.danger.map(h => h.id)])};
        });
    }""", [list(i) for i in items])
    mismatches = []
    for (text, channel), js in zip(items, got):
        suggestions, hits = ranker.rank(text, channel)
        py_ranked = [[s.scenario, s.score, s.words, s.outcome, [h.id for h in s.danger]] for s in suggestions]
        same = (js["danger"] == [[h.id, h.words] for h in hits]
                and [r[0] for r in js["ranked"]] == [r[0] for r in py_ranked]
                and all(abs(a[1] - b[1]) <= 1e-9 and a[2:] == b[2:] for a, b in zip(js["ranked"], py_ranked)))
        if not same:
            mismatches.append((text[:80], channel, js["ranked"][:3], py_ranked[:3], js["danger"], [h.id for h in hits]))
    assert not mismatches, f"{len(mismatches)} of {len(items)} differ; first: {mismatches[0]}"


# Posts written for this test; the expected first suggestion, whether the banner shows, and
# a scenario that must be among the three shown.
PASTED = [
    ("my dad collapsed in the lobby and he's not breathing right. which door is the ER??", "emergency-self-harm", True, "emergency-self-harm"),
    ("honestly tired of being a burden. gave my cat to my neighbour, won't be around much longer",
     "emergency-self-harm", True, "emergency-self-harm"),
    ("there's smoke coming out of the west wing and people running out, what is going on", "crisis-event", True, "crisis-event"),
    ("that surgeon parks in the blue lot every morning. I know which car is his", "legal-threat", True, "legal-threat"),
    ("Got a DM from a 'Riverbend Rewards' page saying I won a gift card, I just pay shipping. legit?",
     "impersonation-scam", False, "impersonation-scam"),
    ("Shoutout to Keisha in the ER, she was amazing with my son 💙", "praise-staff", False, "praise-staff"),
]


def _shown(page) -> list[str]:
    return [el.get_attribute("data-suggestion") for el in page.query_selector_all("[data-suggestion]")]


@pytest.mark.parametrize("post,first,crisis,among", PASTED)
def test_pasted_post_shows_suggestions_and_banner(browser, site_url, artifacts, post, first, crisis, among):
    ctx = browser.new_context(viewport=PHONE)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + "what-came-in/")
    page.wait_for_selector("[data-triage-loaded]")
    page.fill("[data-triage-input]", post)
    page.wait_for_selector("[data-suggestion]")
    shown = _shown(page)
    assert 1 <= len(shown) <= 3
    assert shown[0] == first and among in shown
    banner = page.query_selector("[data-crisis]")
    assert (banner is not None and banner.is_visible()) is crisis
    if crisis:
        assert page.eval_on_selector("[data-crisis]", "el => el.getBoundingClientRect().width") <= PHONE["width"]
    # the page does not scroll sideways on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    if first == "emergency-self-harm" and crisis:
        page.screenshot(path=str(artifacts / "triage-phone-crisis.png"))
    assert not errors
    ctx.close()


def test_suggestion_opens_the_guide_at_its_first_question(browser, site_url):
    ctx = browser.new_context(viewport=PHONE)
    page = ctx.new_page()
    page.goto(site_url + "what-came-in/")
    page.wait_for_selector("[data-triage-loaded]")
    page.fill("[data-triage-input]", "is my grandpa still at your hospital? the family won't tell me anything")
    page.wait_for_selector("[data-suggestion]")
    assert _shown(page)[0] == "third-party-inquiry"
    page.click('[data-suggestion="third-party-inquiry"]')
    # Material's instant navigation swaps the page without a load event: wait for the address
    page.wait_for_function("location.pathname.endsWith('/scenarios/third-party-inquiry/') && location.hash === '#node-danger'")
    page.wait_for_selector('[data-tree="third-party-inquiry"] [data-node="danger"]', state="visible")
    # the first question, not a later step: no other node is shown
    visible = [n.get_attribute("data-node") for n in page.query_selector_all('[data-tree="third-party-inquiry"] [data-node]') if n.is_visible()]
    assert visible == ["danger"]
    ctx.close()


def test_channel_picker_reranks(box_page):
    box_page.fill("[data-triage-input]", "")
    box_page.select_option("[data-triage-channel]", "")
    box_page.fill("[data-triage-input]", "They discharged my father without explaining his new medication. Not impressed.")
    assert "review-response" not in _shown(box_page)
    box_page.select_option("[data-triage-channel]", "google-reviews")
    assert "review-response" in _shown(box_page)
    box_page.select_option("[data-triage-channel]", "")
    box_page.fill("[data-triage-input]", "")
    assert _shown(box_page) == [] and box_page.query_selector("[data-crisis]") is None


def test_nothing_typed_is_sent_or_stored(browser, site_url):
    ctx = browser.new_context(viewport=PHONE)
    page = ctx.new_page()
    requests: list[str] = []
    open_settled(page, site_url + "what-came-in/", "[data-triage-loaded]")
    before = page.evaluate("() => [JSON.stringify(localStorage), JSON.stringify(sessionStorage), document.cookie]")
    page.on("request", lambda r: requests.append(r.url))
    secret = "Zyxwquartz my neighbour Pellworth collapsed and is not breathing"
    page.click("[data-triage-input]")
    page.keyboard.type(secret, delay=5)
    page.wait_for_selector('[data-suggestion="emergency-self-harm"]')
    page.select_option("[data-triage-channel]", "facebook")
    page.wait_for_timeout(300)
    after = page.evaluate("() => [JSON.stringify(localStorage), JSON.stringify(sessionStorage), document.cookie]")
    assert requests == [], requests
    assert after == before
    assert "Zyxwquartz" not in page.url and "Pellworth" not in " ".join(after)
    # no form, so nothing can be submitted
    assert page.query_selector("[data-triage] form") is None
    ctx.close()


def test_without_javascript_the_box_says_so_and_links_elsewhere(browser, site_url):
    ctx = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = ctx.new_page()
    page.goto(site_url + "what-came-in/")
    note = page.locator("[data-triage-nojs]")
    assert note.is_visible()
    assert "needs JavaScript" in note.inner_text()
    assert note.locator('a[href="../scenarios/"]').count() == 1
    assert note.locator('label[for="__search"]').count() == 1
    assert note.locator('a[href="../scenarios/emergency-self-harm/#node-what"]').count() == 1
    assert not page.locator("[data-triage-input]").is_visible()
    ctx.close()


def test_the_box_engine_loads_only_where_the_box_is(browser, instant_site_url):
    site_url = instant_site_url
    """A scenario page loads neither the box's engine nor its index (assets.ON_DEMAND); going on to the box's
    page by instant navigation (document$, no page load) adds them, once, and the box works."""
    ctx = browser.new_context(viewport=PHONE)
    page = ctx.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    open_settled(page, site_url + "scenarios/third-party-inquiry/", '[data-tree="third-party-inquiry"]')
    own = [u.rsplit("/", 1)[-1] for u in requests if "/assets/playbook/" in u]
    assert sorted(own) == ["playbook.css", "playbook.js"], own
    assert not any(u.endswith("triage-index.json") for u in requests)
    page.evaluate("() => { window.__samePage = true; }")  # gone after a real page load
    # the link sits in the navigation drawer on a phone: click it as the drawer would
    page.evaluate("() => document.querySelector('a[href$=\"what-came-in/\"]').click()")
    page.wait_for_selector("[data-triage-loaded]")
    assert page.evaluate("() => window.__samePage === true"), "expected instant navigation, not a page load"
    page.fill("[data-triage-input]", "is my grandpa still at your hospital? the family won't tell me anything")
    page.wait_for_selector('[data-suggestion="third-party-inquiry"]')
    loaded = [u.rsplit("/", 1)[-1] for u in requests if "/assets/playbook/" in u]
    assert loaded.count("triage.js") == 1 and loaded.count("learned.js") == 1, loaded
    ctx.close()
