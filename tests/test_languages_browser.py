"""The language switch in Chromium: on a 375 px phone page a responder switches a reply to Spanish,
copies it, reloads, and finds Spanish still chosen; every card follows; a card or a tab without
Spanish shows English with a note; nothing is sent anywhere.

Expected texts come from the export (replies.json), whose Spanish texts tests/test_languages.py
checks by hand.
"""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import ROOT, build_site, serve

PHONE = {"width": 375, "height": 812}


@pytest.fixture(scope="module")
def rows(built_site) -> list[dict]:
    return json.loads((built_site / "replies.json").read_text(encoding="utf-8"))


def text_of(rows, scenario, reply, platform, lang) -> str:
    return next(r["text"] for r in rows if (r["scenario"], r["reply"], r["platform"], r["language"]) == (scenario, reply, platform, lang))


def panel(page, hook: str, lang: str):
    return page.locator(f'[data-reply="{hook}"][data-lang="{lang}"]')


def watch_requests(page, site_url: str) -> list[str]:
    elsewhere: list[str] = []
    page.on("request", lambda r: elsewhere.append(r.url) if not r.url.startswith(site_url) and not r.url.startswith("data:") else None)
    return elsewhere


def test_switch_to_spanish_copy_reload_and_spanish_is_still_chosen(browser, site_url, rows):
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    elsewhere = watch_requests(page, site_url)
    try:
        page.goto(site_url + "scenarios/emergency-self-harm/#node-self-harm-public")
        hook = "emergency-self-harm/crisis-public/default"
        assert panel(page, hook, "en").is_visible() and not panel(page, hook, "es").is_visible()
        card = page.locator('.pb-reply[data-reply-id="crisis-public"]')
        # The contract's element: [data-lang-choice="es"] (a radio button, tapped through its label).
        choice = card.locator('[data-lang-choice="es"]')
        assert choice.count() == 1
        card.locator(f'label[for="{choice.get_attribute("id")}"]').tap()
        assert panel(page, hook, "es").is_visible() and not panel(page, hook, "en").is_visible()
        page.evaluate("t => navigator.clipboard.writeText(t)", "(not copied)")
        panel(page, hook, "es").locator("[data-copy]").tap()
        panel(page, hook, "es").locator(".pb-copied").filter(has_text="Copied").wait_for(timeout=5000)
        want = text_of(rows, "emergency-self-harm", "crisis-public", "default", "es")
        assert want.startswith("Sentimos mucho que se sienta así")
        assert page.evaluate("() => navigator.clipboard.readText()") == want
        # Remembered on the device, nowhere else.
        assert page.evaluate("() => localStorage.getItem('pb-lang')") == "es"
        page.reload()
        page.locator('[data-node="self-harm-public"]').wait_for(state="visible")
        assert page.locator('.pb-reply[data-reply-id="crisis-public"] [data-lang-choice="es"]').is_checked()
        assert panel(page, hook, "es").is_visible() and not panel(page, hook, "en").is_visible()
        # The other platforms of the card are in Spanish too.
        page.locator('.pb-reply[data-reply-id="crisis-public"] label.pb-tab-label', has_text="X").tap()
        assert panel(page, "emergency-self-harm/crisis-public/x", "es").is_visible()
        assert not panel(page, "emergency-self-harm/crisis-public/x", "en").is_visible()
    finally:
        ctx.close()
    assert not elsewhere, elsewhere
    assert not errors, errors


def test_one_choice_switches_every_card_on_the_page_and_back(browser, site_url, rows):
    ctx = browser.new_context(viewport=PHONE)
    page = ctx.new_page()
    try:
        page.goto(site_url + "quick-reference/")
        hooks = page.eval_on_selector_all('[data-reply][data-lang="es"]', "els => els.map(e => e.dataset.reply)")
        assert len(hooks) == 147  # every text of every reply has its Spanish panel
        # Clicking the [data-lang-choice] element itself (not its label) works as well.
        page.locator('.pb-reply[data-reply-id="booking"] [data-lang-choice="es"]').click()
        shown = page.eval_on_selector_all("[data-reply][data-lang]", "els => els.filter(e => e.checkVisibility()).map(e => e.dataset.lang)")
        assert shown and set(shown) == {"es"}
        assert page.locator('[data-page-langs] [data-lang-choice="es"]').is_checked()
        page.locator('[data-page-langs] label[for="pb-qr-lang-en"]').click()
        shown = page.eval_on_selector_all("[data-reply][data-lang]", "els => els.filter(e => e.checkVisibility()).map(e => e.dataset.lang)")
        assert shown and set(shown) == {"en"}
        assert page.evaluate("() => localStorage.getItem('pb-lang')") == "en"
    finally:
        ctx.close()


@pytest.fixture(scope="module")
def gappy_site(tmp_path_factory):
    """The bundled playbook with one reply that has no Spanish at all (negative-comment) and one whose
    Spanish lacks its TikTok variant (complaint-about-care/take-offline): both are warnings."""
    base = tmp_path_factory.mktemp("gappy")
    pb = base / "playbook"
    shutil.copytree(ROOT / "playbook", pb)
    neg = pb / "scenarios" / "negative-comment.yaml"
    text = neg.read_text(encoding="utf-8")
    neg.write_text(text[: text.index("    translations:\n      es:")].rstrip("\n") + "\n", encoding="utf-8")
    care = pb / "scenarios" / "complaint-about-care.yaml"
    lines = care.read_text(encoding="utf-8").split("\n")
    tiktok = [i for i, line in enumerate(lines) if line.startswith('          tiktok: "Lamentamos mucho leer esto.')]
    assert len(tiktok) == 1
    del lines[tiktok[0]]
    care.write_text("\n".join(lines), encoding="utf-8")
    result = build_site(base / "site", playbook_dir=pb)
    assert result.returncode == 0, result.stdout + result.stderr
    url, server = serve(base / "site")
    yield url, json.loads((base / "site" / "replies.json").read_text(encoding="utf-8"))
    server.shutdown()


def test_a_page_without_spanish_shows_english_with_a_note(browser, gappy_site):
    url, rows = gappy_site
    ctx = browser.new_context(viewport=PHONE)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
    page = ctx.new_page()
    try:
        page.goto(url + "scenarios/complaint-about-care/#node-take-offline")
        page.locator('.pb-reply[data-reply-id="take-offline"] label.pb-lang-label', has_text="Spanish").click()
        # The TikTok tab has no Spanish text: the English one shows, with a note; copy copies it.
        page.locator('.pb-reply[data-reply-id="take-offline"] label.pb-tab-label', has_text="TikTok").click()
        tiktok = "complaint-about-care/take-offline/tiktok"
        assert panel(page, tiktok, "es").count() == 0
        assert panel(page, tiktok, "en").is_visible()
        note = page.locator(f'[data-reply="{tiktok}"]').locator("xpath=..").locator('[data-lang-note="es"]')
        assert note.is_visible() and note.inner_text() == "No Spanish version of the TikTok text yet: the English text is shown."
        panel(page, tiktok, "en").locator("[data-copy]").click()
        panel(page, tiktok, "en").locator(".pb-copied").filter(has_text="Copied").wait_for(timeout=5000)
        assert page.evaluate("() => navigator.clipboard.readText()") == text_of(rows, "complaint-about-care", "take-offline", "tiktok", "en")
        # A page whose only reply has no Spanish: English, with a short note, and nothing to choose.
        page.goto(url + "scenarios/negative-comment/#node-take-offline")
        hook = "negative-comment/take-it-offline/tiktok"  # the platform chosen last is remembered too
        assert panel(page, hook, "en").is_visible()
        assert page.locator("[data-lang-choice]").count() == 0
        card_note = page.locator('.pb-reply[data-reply-id="take-it-offline"] > [data-lang-note="es"]')
        assert card_note.is_visible() and card_note.inner_text() == "No Spanish version of this reply yet: the English text is shown."
        # The choice is kept for the next page that has Spanish.
        page.goto(url + "scenarios/complaint-about-care/#node-take-offline")
        assert page.locator('.pb-reply[data-reply-id="take-offline"] [data-lang-choice="es"]').is_checked()
        page.locator('.pb-reply[data-reply-id="take-offline"] label.pb-tab-label', has_text="Default").click()
        assert panel(page, "complaint-about-care/take-offline/default", "es").is_visible()
    finally:
        ctx.close()
