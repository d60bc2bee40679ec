"""Practice mode in Chromium, on a phone: pick what to do, then see the playbook's
answer, reply and reason; no requests beyond the site, nothing stored."""
from __future__ import annotations

from pathlib import Path

import pytest

from playbook.load import load_playbook
from playbook.views.practice import cases
from playbook.views.tree import resolve_action as resolve

ROOT = Path(__file__).resolve().parent.parent
PHONE = {"width": 375, "height": 812}


@pytest.fixture
def phone(browser, site_url):
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    pg = ctx.new_page()
    errors, requests = [], []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("request", lambda r: requests.append(r.url))
    pg.errors, pg.requests = errors, requests
    yield pg
    ctx.close()
    assert not errors, f"console errors: {errors}"


def storage(pg) -> dict:
    return pg.evaluate("""() => ({
        local: Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)])),
        session: Object.fromEntries(Object.keys(sessionStorage).map(k => [k, sessionStorage.getItem(k)])),
        cookies: document.cookie })""")


def test_pick_an_action_then_see_answer_reply_and_reason(phone, site_url):
    pb = load_playbook(str(ROOT / "playbook"))
    scen, ex, out = cases(pb.scenario_list())[0]
    phone.goto(site_url + "onboarding/practice/")
    case = phone.locator(".pb-case:not([hidden])")
    assert case.count() == 1, "one case at a time"
    assert ex.text.split("\n")[0][:40] in case.locator(".pb-case-post").inner_text()
    answer = case.locator("[data-case-answer]")
    assert not answer.is_visible(), "the answer stays hidden until the learner chooses"

    before = storage(phone)
    right = resolve(out.actions[0], pb.org)
    wrong = next(b for b in case.locator("[data-choice]").all() if b.get_attribute("data-choice") != right)
    wrong.click()
    feedback = case.locator("[data-feedback]")
    assert feedback.is_visible() and feedback.inner_text().strip()
    assert "Right" not in feedback.inner_text()
    assert case.locator(f'[data-choice="{right}"]').evaluate("b => b.classList.contains('pb-choice-answer')")
    assert answer.is_visible() and answer.evaluate("d => d.open")
    assert case.locator("[data-outcome-title]").inner_text().strip() == out.title
    assert case.locator("[data-outcome-actions] li").count() == len(out.actions)
    reply = case.locator("[data-case-reply]")
    assert reply.is_visible() and reply.inner_text().strip()
    if out.why:
        assert case.locator("[data-case-why]").is_visible()
    # each choice button is big enough to tap and the page does not scroll sideways
    box = case.locator("[data-choice]").first.bounding_box()
    assert box["height"] >= 44
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # the next case, and the right answer counts
    phone.locator('[data-practice-go="next"]').click()
    case2 = phone.locator(".pb-case:not([hidden])")
    assert case2.get_attribute("id") == "case-2"
    pb_case2 = cases(pb.scenario_list())[1]
    case2.locator(f'[data-choice="{resolve(pb_case2[2].actions[0], pb.org)}"]').click()
    assert case2.locator("[data-feedback]").inner_text().startswith("Right")
    assert phone.locator("[data-practice-score]").inner_text() == "1 of 2 right"

    assert storage(phone) == before, "practice mode must not store anything"
    foreign = [u for u in phone.requests if not u.startswith(site_url) and not u.startswith(("data:", "blob:"))]
    assert not foreign, f"requests beyond the site: {foreign}"


def test_without_javascript_every_case_and_answer_is_there(browser, site_url):
    ctx = browser.new_context(viewport=PHONE, java_script_enabled=False)
    pg = ctx.new_page()
    pg.goto(site_url + "onboarding/practice/")
    cases_el = pg.locator("[data-case]")
    n = cases_el.count()
    assert n >= 12
    assert pg.locator("[data-case]:not([hidden])").count() == n, "without JS every case is listed"
    assert pg.locator("[data-choices]:visible").count() == 0, "choice buttons need JS and are hidden without it"
    first = cases_el.first
    first.locator("summary").click()
    assert first.locator("[data-outcome-title]").is_visible()
    assert first.locator("[data-case-reply]").is_visible()
    ctx.close()


def test_instant_navigation_initialises_once(page, site_url):
    """Arriving by Material's instant navigation (no page load) still sets practice up, on every visit."""
    page.goto(site_url + "onboarding/first-day/")
    for _ in range(2):
        page.locator("article a[href$='practice/']").first.click()
        page.wait_for_selector("[data-practice-ready]")
        case = page.locator(".pb-case:not([hidden])")
        assert case.count() == 1
        case.locator("[data-choice]").first.click()
        assert page.locator("[data-practice-score]").inner_text().endswith("of 1 right")
        page.go_back()
        page.wait_for_selector("text=Your first day")
