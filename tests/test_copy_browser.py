"""Every copy button puts exactly the export's text on the clipboard, in real Chromium.

Iterates whatever the bundled playbook's export holds, so new scenarios are
covered as they are added, in every language it declares. Once with the
Clipboard API, once with navigator.clipboard deleted before the page loads (as
on a plain-http intranet).
Where the playbook has locations, each page is set to each location in turn
(its <select data-location-picker>), and every copy must equal the export row
for that location.

Those compare the clipboard with replies.json, which comes from the same code as
the page; the independent oracle is tests/golden/export-sample.json, written by
hand, which a sample of buttons must copy exactly (and test_export_golden.py).
"""
from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from pathlib import Path

import pytest

import subprocess

from conftest import ROOT, VENV_BIN

GOLDEN = json.loads((ROOT / "tests" / "golden" / "export-sample.json").read_text(encoding="utf-8"))
PLAYBOOK_DIR = os.environ.get("PLAYBOOK_DIR") or str(ROOT / "playbook")  # the build uses the same

SENTINEL = "(clipboard not written)"
NO_CLIPBOARD = """
delete Navigator.prototype.clipboard;
window.__copies = [];
const realExec = Document.prototype.execCommand;
Document.prototype.execCommand = function (cmd, ...rest) {
  if (String(cmd).toLowerCase() === 'copy') {
    const el = document.activeElement;
    const selected = el && el.tagName === 'TEXTAREA'
      ? el.value.substring(el.selectionStart, el.selectionEnd) : String(document.getSelection());
    window.__copies.push(selected);
    // Recorded as copied: the real command's result depends on window focus, which
    // headless Chromium gives to whichever page had it last (a flaky test otherwise).
    return !window.__execCopyFails;
  }
  return realExec.call(this, cmd, ...rest);
};
"""


@pytest.fixture(scope="module")
def export_rows(built_site) -> list[dict]:
    return json.loads((built_site / "replies.json").read_text(encoding="utf-8"))


def _by_page(rows):
    """{url: {(scenario, reply): [rows]}}: each page is loaded once."""
    groups: dict = defaultdict(lambda: defaultdict(list))
    for row in rows:
        groups[row["url"]][(row["scenario"], row["reply"])].append(row)
    return groups


def _hook(row) -> str:
    return f"{row['scenario']}/{row['reply']}/{row['platform']}"


def _selector(row, attr: str = "data-reply") -> str:
    """The row's panel: [data-reply=HOOK][data-lang=LANG] (a playbook without languages has rows without `language`,
    and its panels still carry data-lang, of the default language)."""
    return f'[{attr}="{_hook(row)}"][data-lang="{row.get("language", "en")}"]'


def _locations(rows) -> list:
    """The locations in the export's order ([None] without locations)."""
    return list(dict.fromkeys(row.get("location") for row in rows))


def _picking_order(rows) -> list:
    """Every location, the default last: each page is set away from the default and back to it."""
    locations = _locations(rows)
    return locations[1:] + locations[:1]


def _pick(page, location) -> None:
    """Set the page's location picker (nothing to do without locations)."""
    if location is None:
        assert page.locator("[data-location-picker]").count() == 0
        return
    picker = page.locator("[data-location-picker]")
    assert picker.count() == 1 and picker.is_visible(), f"no visible location picker on {page.url}"
    picker.select_option(location)
    assert picker.input_value() == location


def _focused_page(ctx):
    """A new page with the focus: the Clipboard API refuses an unfocused document, and headless
    Chromium leaves the focus with whichever page had it last (e.g. one another test closed)."""
    page = ctx.new_page()
    page.bring_to_front()
    return page


def _watch_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def _show_variant(page, row):
    """Open the row's platform tab (a radio label; single-variant replies have no tabs) and choose its
    language on the card (a [data-lang-choice]; one-language cards have none), and return the panel."""
    selector = _selector(row)
    variant = page.locator(selector)
    assert variant.count() == 1, f"{selector}: expected exactly one on {page.url}, found {variant.count()}"
    if not variant.is_visible():
        tab = variant.locator("xpath=ancestor::*[contains(concat(' ', @class, ' '), ' pb-variant ')][1]/preceding-sibling::label[1]")
        if tab.count() and tab.is_visible():
            tab.click()
    if not variant.is_visible():
        choose_language(variant.locator("xpath=ancestor::*[@data-reply-id][1]"), row.get("language", "en"))
    assert variant.is_visible(), f"{selector} is not visible on {page.url}"
    return variant


def choose_language(scope, lang: str):
    """Click the language choice for `lang` inside scope, as a responder does: the radio's label."""
    choice = scope.locator(f'[data-lang-choice="{lang}"]').first
    if choice.evaluate("el => el.tagName") == "INPUT":
        scope.locator(f'label[for="{choice.get_attribute("id")}"]').click()
    else:
        choice.click()


def _open_outcome(page, site_url: str, url: str, hook: str, loaded: bool = False):
    """Show the outcome that holds this reply by its URL hash (#node-OUTCOME), loading the page if needed."""
    if not loaded:
        page.goto(site_url + url)
    node = page.locator(f'[data-reply="{hook}"]').first.evaluate("el => el.closest('[data-node]').dataset.node")
    if loaded:
        page.evaluate("h => { location.hash = h; }", f"#node-{node}")
    else:
        page.goto(f"{site_url}{url}#node-{node}")


def test_the_site_publishes_the_cli_export(built_site, export_rows):
    for fmt in ("json", "csv"):
        out = subprocess.run([str(VENV_BIN / "playbook"), "export", "--format", fmt, PLAYBOOK_DIR], capture_output=True, timeout=120)
        assert out.returncode == 0, out.stderr
        assert out.stdout == (built_site / f"replies.{fmt}").read_bytes(), f"replies.{fmt} differs from the CLI export"
    assert len(export_rows) > 0
    located = {"location"} if _locations(export_rows) != [None] else set()
    # The bundled playbook declares languages, so every row says its language.
    assert all(set(row) == {"scenario", "reply", "platform", "title", "text", "url", "language"} | located for row in export_rows)
    assert {r["language"] for r in export_rows} == {"en", "es"}
    for row in export_rows:
        assert row["url"] == f"scenarios/{row['scenario']}/"
        assert row["text"] == row["text"].strip() and row["text"]
        assert (built_site / row["url"] / "index.html").exists()


@pytest.mark.parametrize("api", ["clipboard", "execCommand"])
def test_copy_buttons_copy_the_hand_written_golden_text(browser, site_url, api):
    """Independent of the exporter: tests/golden/export-sample.json was written by hand."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    if api == "clipboard":
        ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    else:
        ctx.add_init_script(NO_CLIPBOARD)
    page = _focused_page(ctx)
    errors = _watch_errors(page)
    try:
        for row, hook, variant in _each_variant(page, site_url, GOLDEN):
            assert _copy(page, variant, api) == row["text"], f"{hook}: the copied text is not the golden text"
    finally:
        ctx.close()
    assert not errors, errors


def _copy(page, variant, api: str) -> str:
    """Click the variant's copy button; return what reached the clipboard (or execCommand's selection)."""
    if api == "clipboard":
        page.evaluate("t => navigator.clipboard.writeText(t)", SENTINEL)
    before = page.evaluate("() => (window.__copies || []).length")
    variant.locator("[data-copy]").click()
    variant.locator(".pb-copied").filter(has_text="Copied").wait_for(timeout=5000)
    if api == "clipboard":
        return page.evaluate("() => navigator.clipboard.readText()")
    copies = page.evaluate("() => window.__copies")
    assert len(copies) == before + 1, "execCommand('copy') was not called once"
    return copies[-1]


@pytest.fixture(scope="module")
def padded_site_url(tmp_path_factory):
    """The bundled playbook plus replies written with whitespace around them (tests/fixtures/whitespace/)."""
    from conftest import build_site, serve
    from test_export_golden import padded_playbook

    root = tmp_path_factory.mktemp("padded")
    out = root / "site"
    result = build_site(out, playbook_dir=padded_playbook(root / "playbook"))
    assert result.returncode == 0, result.stdout + result.stderr
    url, server = serve(out)
    yield url
    server.shutdown()


@pytest.mark.parametrize("api", ["clipboard", "execCommand"])
def test_copied_text_has_no_surrounding_whitespace(browser, padded_site_url, api):
    from test_export_golden import PADDED_TEXT

    ctx = browser.new_context()
    if api == "clipboard":
        ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=padded_site_url.rstrip("/"))
    else:
        ctx.add_init_script(NO_CLIPBOARD)
    page = _focused_page(ctx)
    try:
        page.goto(padded_site_url + "scenarios/padded/#node-thank")
        for platform, text in PADDED_TEXT.items():
            variant = _show_variant(page, {"scenario": "padded", "reply": "thanks", "platform": platform, "language": "en"})
            assert _copy(page, variant, api) == text, platform
    finally:
        ctx.close()


def _each_variant(page, site_url: str, rows: list[dict]):
    """Yield (row, hook, variant locator) for every export row, shown as a responder would reach it:
    each scenario page is loaded once and set to each location in turn; each reply's outcome is
    opened through #node-OUTCOME."""
    for url, replies in _by_page(rows).items():
        page.goto(site_url + url)
        for location in _picking_order(rows):
            _pick(page, location)
            for (scen, rid), group in replies.items():
                _open_outcome(page, site_url, url, f"{scen}/{rid}/default", loaded=True)
                for row in group:
                    if row.get("location") != location:
                        continue
                    yield row, _selector(row), _show_variant(page, row)


SWEEP = (ROOT / "tests" / "copy_sweep.js").read_text(encoding="utf-8")


def _sweep(page, rows: list[dict], mode: str) -> int:
    """Copy every row in the page (tests/copy_sweep.js: one call for many buttons, so every reply in every
    language and location fits in the suite's time) and assert each reached the clipboard exactly."""
    results = page.evaluate(SWEEP, {"rows": [{"hook": _hook(r), "lang": r.get("language", "en")} for r in rows],
                                    "mode": mode, "sentinel": SENTINEL})
    assert len(results) == len(rows)
    for row, result in zip(rows, results):
        assert result["error"] is None, f"{result['selector']} ({row.get('location')}): {result['error']}"
        assert result["copied"] == row["text"], f"{result['selector']} ({row.get('location')}): the copied text differs from the export"
    return len(results)


def _sweep_pages(page, site_url: str, rows: list[dict], mode: str) -> int:
    """Every row, page by page: each scenario page loaded once and set to each location in turn."""
    copied = 0
    for url, replies in _by_page(rows).items():
        page.goto(site_url + url)
        for location in _picking_order(rows):
            _pick(page, location)
            copied += _sweep(page, [row for group in replies.values() for row in group if row.get("location") == location], mode)
    return copied


def test_every_reply_copies_exactly_with_the_clipboard_api(browser, site_url, export_rows):
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = _focused_page(ctx)
    errors = _watch_errors(page)
    try:
        assert _sweep_pages(page, site_url, export_rows, "clipboard") == len(export_rows)
    finally:
        ctx.close()
    assert not errors, errors


def test_every_reply_copies_exactly_without_the_clipboard_api(browser, site_url, export_rows):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    ctx.add_init_script(NO_CLIPBOARD)
    page = _focused_page(ctx)
    errors = _watch_errors(page)
    try:
        assert _sweep_pages(page, site_url, export_rows, "execCommand") == len(export_rows)
    finally:
        ctx.close()
    assert not errors, errors


def test_when_no_copy_works_the_text_is_shown_selected(browser, site_url, export_rows):
    # A Spanish row of the default location, shown before any location is picked.
    row = next(r for r in export_rows if r["language"] == "es" and r.get("location") == export_rows[0].get("location"))
    ctx = browser.new_context()
    ctx.add_init_script(NO_CLIPBOARD + "window.__execCopyFails = true;")
    page = _focused_page(ctx)
    try:
        _open_outcome(page, site_url, row["url"], _hook(row))
        variant = _show_variant(page, row)
        variant.locator("[data-copy]").click()
        box = variant.locator("textarea.pb-manual-copy")
        box.wait_for(state="visible")
        assert box.input_value() == row["text"]
        assert page.evaluate("() => { const a = document.activeElement; return a.classList.contains('pb-manual-copy') "
                             "&& a.selectionStart === 0 && a.selectionEnd === a.value.length; }")
        # copy.js clears the status, then writes its message 30 ms later (so a repeat is announced too).
        variant.locator(".pb-copied").filter(has_text="Ctrl+C").wait_for(timeout=5000)
    finally:
        ctx.close()


def test_quick_reference_copies_every_reply(browser, site_url, export_rows):
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = _focused_page(ctx)
    errors = _watch_errors(page)
    try:
        page.goto(site_url + "quick-reference/")
        hooks = page.eval_on_selector_all("[data-reply]", "els => els.map(e => e.dataset.reply + ' ' + e.dataset.lang)")
        assert len(hooks) == len(set(hooks)), "a [data-reply][data-lang] pair appears twice on the quick reference"
        assert sorted(hooks) == sorted({f"{_hook(r)} {r['language']}" for r in export_rows})
        copied = 0
        for location in _picking_order(export_rows):
            _pick(page, location)
            copied += _sweep(page, [r for r in export_rows if r.get("location") == location], "clipboard")
        assert copied == len(export_rows)
    finally:
        ctx.close()
    assert not errors, errors


# Counted by hand: X weighs a link as 23 and the rest here as 1 each (the e-mail address is no link;
# accented Latin letters, ¡ and ¿ weigh 1 too); TikTok counts characters. Keyed by panel: hook and language.
HAND_COUNTED = {
    ("job-applicant/careers-general/x", "en"): "173 / 280",  # 177 characters, of which the 27 of https://careers.example.org count 23
    ("job-applicant/careers-general/x", "es"): "200 / 280",  # 204 characters, the same link
    ("negative-comment/take-it-offline/tiktok", "en"): "104 / 150",
    ("negative-comment/take-it-offline/tiktok", "es"): "134 / 150",
}


@pytest.mark.parametrize("hook,lang", sorted(HAND_COUNTED))
def test_lengths_are_shown_against_the_limit(page, site_url, hook, lang):
    page.goto(site_url + "quick-reference/")
    assert page.locator(f'[data-reply="{hook}"][data-lang="{lang}"] .pb-count').text_content() == HAND_COUNTED[(hook, lang)]


def test_print_shows_every_variant_and_no_chrome(page, site_url, export_rows):
    """The handout prints every variant in one language: English first; after choosing Spanish once,
    Spanish only (every reply follows the choice)."""
    page.goto(site_url + "quick-reference/")
    page.emulate_media(media="print")
    first = export_rows[0].get("location")
    for lang in ("en", "es"):
        if lang == "es":
            page.emulate_media(media="screen")
            choose_language(page.locator("[data-page-langs]"), "es")
            page.emulate_media(media="print")
        for row in (r for r in export_rows if r.get("location") == first):  # each panel once
            shown = page.locator(f'{_selector(row)} [data-copy-text]').is_visible()
            # A Spanish print shows English only where a text has no Spanish version (none in the bundled playbook).
            assert shown == (row["language"] == lang), (_selector(row), lang)
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".pb-copy", ".pb-tab-label", ".pb-langs"):
        assert not page.locator(chrome).first.is_visible(), chrome
    pdf = page.pdf(prefer_css_page_size=True)  # the page size comes from the handout's @page rule
    boxes = set(re.findall(rb"/MediaBox \[([^\]]*)\]", pdf))
    assert boxes and all(tuple(round(float(v)) for v in box.split()) == (0, 0, 595, 842) for box in boxes), boxes  # A4 in points


def test_tabs_work_without_javascript(browser, site_url, export_rows):
    ctx = browser.new_context(java_script_enabled=False)
    page = _focused_page(ctx)
    try:
        first = export_rows[0].get("location")  # without a script, the page shows the default location
        row = next(r for r in export_rows if r["platform"] != "default" and r["language"] == "en" and r.get("location") == first)
        page.goto(site_url + row["url"])
        default = page.locator(_selector(dict(row, platform="default")))
        assert default.is_visible()
        _show_variant(page, row)
        assert not default.is_visible()
        assert page.locator(f'{_selector(row)} [data-copy-text]').text_content() == row["text"]
        # The language switch of a card works without a script too (for that card).
        spanish = next(r for r in export_rows if _hook(r) == _hook(row) and r["language"] == "es" and r.get("location") == first)
        _show_variant(page, spanish)
        assert not page.locator(_selector(row)).is_visible()
        assert page.locator(f'{_selector(spanish)} [data-copy-text]').text_content() == spanish["text"]
    finally:
        ctx.close()
