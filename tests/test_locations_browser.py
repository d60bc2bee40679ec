"""The location picker in Chromium: in view on a phone, remembered on the device, refilling
contact cards, lengths and the printed quick reference; and what a page says without JavaScript.

Expected values are written out by hand from playbook/organization.yaml. That every
reply copies its export text at every location is tests/test_copy_browser.py.
"""
from __future__ import annotations

import json
import re
from urllib.parse import urlparse

import pytest

from playbook.textlength import length_for, limit_for

DEFAULT = ("medical-center", "Riverbend Medical Center (example)")
CHILDRENS = ("childrens-hospital", "Riverbend Children's Hospital (example)")
EASTSIDE = ("eastside-clinic", "Eastside Community Clinic (example)")


@pytest.fixture(scope="module")
def rows(built_site) -> list[dict]:
    return json.loads((built_site / "replies.json").read_text(encoding="utf-8"))


def scenario_urls(built_site) -> list[str]:
    return sorted(f"scenarios/{p.parent.name}/" for p in (built_site / "scenarios").glob("*/index.html"))


def test_the_location_is_in_view_on_every_scenario_page_on_a_phone(browser, built_site, site_url):
    ctx = browser.new_context(viewport={"width": 375, "height": 812})
    page = ctx.new_page()
    try:
        urls = scenario_urls(built_site)
        assert len(urls) == 18
        for url in urls:
            page.goto(site_url + url)
            picker = page.locator("[data-location-picker]")
            assert picker.is_visible(), url
            assert picker.input_value() == DEFAULT[0]
            assert picker.evaluate("s => s.options[s.selectedIndex].text") == DEFAULT[1]
            bar = page.locator(".pb-location").bounding_box()
            box = picker.bounding_box()
            assert bar["y"] >= 0 and bar["y"] + bar["height"] <= 812, (url, bar)  # in view, without scrolling
            assert bar["height"] <= 48 and box["height"] >= 24, (url, bar, box)  # one compact line, a usable target
            assert page.evaluate("() => window.scrollY") == 0
    finally:
        ctx.close()


def test_the_choice_is_remembered_on_the_device_and_nothing_is_sent(browser, site_url):
    ctx = browser.new_context(viewport={"width": 375, "height": 812})
    page = ctx.new_page()
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(urlparse(r.url).netloc))
    try:
        page.goto(site_url + "scenarios/appointment-request/")
        requests_before = len(hosts)
        page.locator("[data-location-picker]").select_option(EASTSIDE[0])
        assert page.evaluate("() => localStorage.getItem('pb-location')") == EASTSIDE[0]
        # another page, by a link (instant navigation), then a fresh load
        page.goto(site_url + "quick-reference/")
        assert page.locator("[data-location-picker]").input_value() == EASTSIDE[0]
        page.goto(site_url + "escalation-map/")
        assert page.locator("[data-location-picker]").input_value() == EASTSIDE[0]
        page.reload()
        assert page.locator("[data-location-picker]").input_value() == EASTSIDE[0]
        page.goto(site_url + "scenarios/records-billing/")
        page.locator("a.pb-chip").first.click()  # to a category page and back, through Material's instant navigation
        page.go_back()
        page.wait_for_url(re.compile("records-billing"))
        assert page.locator("[data-location-picker]").input_value() == EASTSIDE[0]
        assert len(hosts) == requests_before == 1, hosts  # the site's own host only
    finally:
        ctx.close()


def test_a_stored_location_that_no_longer_exists_falls_back_to_the_default(browser, site_url):
    ctx = browser.new_context()
    ctx.add_init_script("localStorage.setItem('pb-location', 'closed-campus')")
    page = ctx.new_page()
    try:
        page.goto(site_url + "scenarios/appointment-request/")
        assert page.locator("[data-location-picker]").input_value() == DEFAULT[0]
        x = page.locator('[data-reply="appointment-request/booking/x"][data-lang="en"] [data-copy-text]')
        assert "+1 555-0108" in x.text_content()
    finally:
        ctx.close()


def _card(page, cid: str):
    return page.locator(f'.pb-escalation [data-contact="{cid}"]')


def _visible_links(card) -> list[tuple[str, str]]:
    return card.locator(".pb-contact-links a").evaluate_all(
        "as => as.filter(a => a.offsetParent !== null).map(a => [a.textContent, a.getAttribute('href')])")


def test_contact_cards_and_escalation_entries_follow_the_location(page, site_url):
    page.goto(site_url + "escalation-map/")
    picker = page.locator("[data-location-picker]")
    sched = _card(page, "scheduling")
    assert _visible_links(sched) == [["+1 555-0108", "tel:+15550108"], ["Web form", "https://www.example.org/appointments"]]
    assert sched.inner_text().count("·") == 1

    picker.select_option(EASTSIDE[0])
    assert sched.locator(".pb-contact-name").inner_text() == "Eastside Clinic Front Desk (example)"
    assert page.locator("section#scheduling h2").inner_text() == "Eastside Clinic Front Desk (example)"
    assert _visible_links(sched) == [["+1 555-0151", "tel:+15550151"]]  # the clinic books by phone only
    assert "·" not in sched.inner_text()  # no separator left dangling
    assert sched.locator(".pb-contact-hours").inner_text() == "Mon–Fri 8am–5pm; Sat 9am–noon"
    records = _card(page, "records")
    assert _visible_links(records) == [["eastside.records@example.org", "mailto:eastside.records@example.org"],
                                       ["+1 555-0152", "tel:+15550152"],
                                       ["Web form", "https://www.example.org/records-request"]]
    # a contact that is the same everywhere stays as it is
    assert _visible_links(_card(page, "legal_risk")) == [["risk@example.org", "mailto:risk@example.org"], ["+1 555-0103", "tel:+15550103"]]

    picker.select_option(CHILDRENS[0])
    assert _visible_links(sched) == [["+1 555-0141", "tel:+15550141"], ["Web form", "https://childrens.example.org/appointments"]]
    assert _visible_links(_card(page, "patient_relations")) == [
        ["family.relations@childrens.example.org", "mailto:family.relations@childrens.example.org"],
        ["+1 555-0140", "tel:+15550140"], ["Web form", "https://childrens.example.org/feedback"]]

    picker.select_option(DEFAULT[0])
    assert _visible_links(sched) == [["+1 555-0108", "tel:+15550108"], ["Web form", "https://www.example.org/appointments"]]
    assert sched.inner_text().count("·") == 1
    assert sched.locator(".pb-contact-name").inner_text() == "Central Scheduling (example)"


def test_scenario_contacts_notify_and_lengths_follow_the_location(page, site_url, rows):
    page.goto(site_url + "scenarios/appointment-request/#node-book")
    page.locator("[data-location-picker]").select_option(CHILDRENS[0])
    who = page.locator('#contacts + .pb-contacts [data-contact="scheduling"]')
    assert who.locator(".pb-contact-name").text_content() == "Children's Scheduling (example)"
    count = page.locator('[data-reply="appointment-request/booking/x"][data-lang="en"] .pb-count')
    text = next(r["text"] for r in rows if (r["scenario"], r["reply"], r["platform"], r["location"])
                == ("appointment-request", "booking", "x", CHILDRENS[0]))
    assert count.text_content() == f"{length_for('x', text)} / {limit_for('x')}"
    assert count.get_attribute("data-count") == str(length_for("x", text))
    default_count = page.locator('[data-reply="appointment-request/booking/default"][data-lang="en"] .pb-count')
    text = next(r["text"] for r in rows if (r["scenario"], r["reply"], r["platform"], r["location"])
                == ("appointment-request", "booking", "default", CHILDRENS[0]))
    assert default_count.text_content() == f"{length_for('default', text)} characters"


def test_without_javascript_the_default_location_shows_and_says_so(browser, site_url, rows):
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 812})
    page = ctx.new_page()
    try:
        page.goto(site_url + "scenarios/appointment-request/")
        notice = page.locator("[data-location-nojs]")
        assert notice.is_visible()
        assert notice.inner_text() == f"Showing contacts for {DEFAULT[1]} · all locations"
        assert not page.locator("[data-location-picker]").is_visible()  # a picker that cannot work is not shown
        box = notice.bounding_box()
        assert box["y"] + box["height"] <= 812
        for row in (r for r in rows if r["scenario"] == "appointment-request" and r["location"] == DEFAULT[0]):
            hook = f"{row['scenario']}/{row['reply']}/{row['platform']}"
            assert page.locator(f'[data-reply="{hook}"][data-lang="{row.get("language", "en")}"] [data-copy-text]').text_content() == row["text"], hook
        notice.locator("a").click()
        page.wait_for_url(re.compile(r"escalation-map/#all-locations$"))
        table = page.locator("[data-location-table]")
        assert table.is_visible()
        heads = table.locator("thead th").all_inner_texts()
        assert heads == ["Contact", DEFAULT[1], CHILDRENS[1], EASTSIDE[1]]
        eastside_records = table.locator('[data-contact-row="records"] td').nth(2).inner_text()
        for value in ("Eastside Clinic Records Desk (example)", "eastside.records@example.org", "+1 555-0152", "Tue and Thu 9am–4pm"):
            assert value in eastside_records
    finally:
        ctx.close()


def test_the_quick_reference_prints_for_one_location(page, site_url, rows):
    page.goto(site_url + "quick-reference/")
    page.locator("[data-location-picker]").select_option(CHILDRENS[0])
    page.emulate_media(media="print")
    assert not page.locator("[data-location-picker]").is_visible()
    name = page.locator(".pb-location [data-location-name]")
    assert name.is_visible() and name.inner_text() == CHILDRENS[1]
    assert page.locator(".pb-location").inner_text().startswith(f"Showing contacts for {CHILDRENS[1]}")
    mine = [r for r in rows if r["location"] == CHILDRENS[0]]
    texts = page.eval_on_selector_all("[data-reply]", "els => Object.fromEntries(els.map(e => "
                                      "[e.dataset.reply, e.querySelector('[data-copy-text]').textContent]))")
    assert texts == {f"{r['scenario']}/{r['reply']}/{r['platform']}": r["text"] for r in mine}
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
