"""The reply within reach (issue 18): on arrival at an outcome, the copy button is on screen.

A responder walks each tree by clicking answers from the first question (never by a #node- link),
taking the longest way to every outcome that has a reply. On arrival, without scrolling, the
[data-copy] button of the variant shown must be inside the viewport and not covered, and the
first "Do not" of the outcome must be readable on the same screen. A 375 x 812 phone and a
1280 x 900 desktop, each in the light and the dark palette.

Other features will add a line near the top of scenario pages (the location picker), so every
walk here runs with a 48 px bar inserted above the guide, and a further 48 px under the header
counts as covered: the result holds with such a bar in the page or stuck to the top.
"""
from __future__ import annotations

import json

import pytest

from conftest import ARTIFACTS
from playbook.load import load_playbook
from playbook.placeholders import fill
from test_tree_browser import ORG, ROOT, current, norm, paths, url_of

PB = load_playbook(str(ROOT / "playbook"))
SCENARIOS = PB.scenario_list()
SLACK = 48  # px kept free for a bar above the guide
SIZES = {"phone": (375, 812), "desktop": (1280, 900)}
PALETTES = {"light": "light", "dark": "dark"}
REMEMBERED = "instagram"  # the dark runs start with this platform remembered on the device
RESULTS: dict[str, dict] = {}

# Insert a bar like the location picker's: SLACK px high, above the scenario's guide.
ADD_BAR = """slack => {
  const bar = document.createElement('div');
  bar.className = 'test-slack-bar';
  bar.style.cssText = `height:${slack}px;background:repeating-linear-gradient(45deg,#bbb 0 6px,#ddd 6px 12px)`;
  const head = document.querySelector('.pb-scenario-head') || document.querySelector('[data-tree]');
  head.parentNode.insertBefore(bar, head);
}"""

# Where an element is and whether it is the thing drawn at its centre (nothing over it).
PLACE = """el => {
  const r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  const header = document.querySelector('.md-header');
  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
          onTop: !!hit && (hit === el || el.contains(hit)),
          headerBottom: header ? header.getBoundingClientRect().bottom : 0,
          scrollY: window.scrollY};
}"""


def reply_outcomes(scen):
    """Each outcome with a reply and the longest path from the start to it (the most answers above it)."""
    longest: dict[str, list] = {}
    for p in paths(scen.tree):
        oid = p[-1][0]
        if scen.tree.outcomes[oid].reply and len(p) > len(longest.get(oid, [])):
            longest[oid] = p
    return longest


def click_path(page, path):
    for i, (nid, _label) in enumerate(path[:-1]):
        page.locator(f'[data-node="{nid}"] [data-next="{path[i + 1][0]}"]').first.click()


def test_every_outcome_with_a_reply_is_counted():
    """The walk below covers the outcomes the issue counted (52 on the bundled playbook)."""
    assert sum(len(reply_outcomes(s)) for s in SCENARIOS) == 52


@pytest.mark.parametrize("palette", list(PALETTES))
@pytest.mark.parametrize("size", list(SIZES))
def test_copy_button_and_first_do_not_are_on_screen_on_arrival(browser, site_url, size, palette):
    width, height = SIZES[size]
    ctx = browser.new_context(viewport={"width": width, "height": height}, color_scheme=PALETTES[palette],
                              has_touch=size == "phone", is_mobile=size == "phone")
    if palette == "dark":
        ctx.add_init_script(f"localStorage.setItem('pb-platform', '{REMEMBERED}')")
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    arrived, in_reach, misses, lowest = 0, 0, [], 0.0
    try:
        for scen in SCENARIOS:
            outcomes = reply_outcomes(scen)
            if not outcomes:
                continue
            page.goto(url_of(site_url, scen))
            page.locator(f'[data-tree="{scen.id}"][data-guide="on"]').wait_for()
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == ("slate" if palette == "dark" else "default")
            page.evaluate(ADD_BAR, SLACK)
            for oid, path in outcomes.items():
                if current(page) != scen.tree.start:
                    page.locator('[data-action="restart"]').click()
                    page.evaluate("window.scrollTo(0, 0)")  # as on a fresh visit
                assert current(page) == scen.tree.start
                click_path(page, path)
                assert current(page) == oid
                arrived += 1
                out = scen.tree.outcomes[oid]
                node = page.locator(f'[data-node="{oid}"]')
                # Screen readers meet the title first: it has the focus, and it comes before the reply.
                assert page.evaluate("() => document.activeElement.matches('.pb-node-title')"), f"{scen.id}/{oid}"
                assert node.locator(".pb-node-title").evaluate(
                    "(h, b) => !!(h.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)",
                    node.locator("[data-copy]").first.element_handle())
                shown = node.locator("[data-reply], [data-reply-also]").filter(visible=True)
                assert shown.count() == 1, f"{scen.id}/{oid}: {shown.count()} variants shown"
                hook = shown.get_attribute("data-reply") or shown.get_attribute("data-reply-also")
                platforms = {k for k in (scen.replies[out.reply].variants or {})}
                want = REMEMBERED if palette == "dark" and REMEMBERED in platforms else "default"
                assert hook == f"{scen.id}/{out.reply}/{want}", f"{scen.id}/{oid}: shows {hook}"
                button = shown.locator("[data-copy]")
                caution = shown.locator("[data-caution]")
                assert norm(caution.inner_text()).find(norm(fill(out.avoid[0], ORG))) >= 0, f"{scen.id}/{oid}: first Do not"
                b, c = button.evaluate(PLACE), caution.evaluate(PLACE)
                top = b["headerBottom"] + SLACK
                lowest = max(lowest, b["bottom"])
                ok = all(p["top"] >= top and p["bottom"] <= height and p["left"] >= 0 and p["right"] <= width and p["onTop"]
                         for p in (b, c))
                if ok:
                    in_reach += 1
                else:
                    misses.append(f"{scen.id}/{oid}: button {b}, do-not {c}")
    finally:
        ctx.close()
    RESULTS[f"{size}-{palette}"] = {"viewport": f"{width}x{height}", "outcomes": arrived, "copy_in_view": in_reach,
                                    "lowest_button_bottom_px": round(lowest)}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"reach-{size}-{palette}.json").write_text(json.dumps(RESULTS[f"{size}-{palette}"], indent=1), encoding="utf-8")
    assert not errors, errors
    assert arrived == 52
    assert not misses, "\n".join(misses)


def arrive(page, site_url, scen_id: str, oid: str):
    scen = next(s for s in SCENARIOS if s.id == scen_id)
    page.goto(url_of(site_url, scen))
    page.locator(f'[data-tree="{scen.id}"][data-guide="on"]').wait_for()
    click_path(page, reply_outcomes(scen)[oid])
    assert current(page) == oid
    page.wait_for_timeout(300)


@pytest.mark.parametrize("palette", list(PALETTES))
@pytest.mark.parametrize("size", list(SIZES))
def test_screenshots(browser, site_url, artifacts, size, palette):
    """An outcome as a responder arrives at it, and the longest reply with its copy bar stuck below it."""
    width, height = SIZES[size]
    ctx = browser.new_context(viewport={"width": width, "height": height}, color_scheme=PALETTES[palette])
    page = ctx.new_page()
    try:
        arrive(page, site_url, "negative-comment", "take-offline")
        page.screenshot(path=artifacts / f"reach-{width}-{palette}.png")
        arrive(page, site_url, "emergency-self-harm", "self-harm-private")
        page.screenshot(path=artifacts / f"reach-{width}-{palette}-long-reply.png")
        button = page.locator('[data-node="self-harm-private"] [data-copy]').filter(visible=True)
        assert button.evaluate(PLACE)["bottom"] <= height
    finally:
        ctx.close()


@pytest.mark.parametrize("palette", list(PALETTES))
def test_axe_on_arrival_on_a_phone(browser, site_url, palette):
    """The outcome step as a phone shows it on arrival (copy bar stuck over a long reply): axe finds
    no serious or critical violation (tests/test_accessibility.py checks the desktop layout)."""
    from test_accessibility import run_axe

    ctx = browser.new_context(viewport={"width": 375, "height": 812}, color_scheme=PALETTES[palette])
    page = ctx.new_page()
    try:
        for scen_id, oid in (("negative-comment", "take-offline"), ("emergency-self-harm", "self-harm-private")):
            arrive(page, site_url, scen_id, oid)
            bad = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in run_axe(page)["violations"]
                   if v["impact"] in ("serious", "critical")]
            assert not bad, f"{scen_id}/{oid} ({palette}): {bad}"
    finally:
        ctx.close()


def test_without_javascript_every_outcome_keeps_every_part(browser, site_url):
    """No script: the numbered steps show each outcome whole, in reading order, the full Do-not list too."""
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 812})
    page = ctx.new_page()
    try:
        for scen in SCENARIOS:
            page.goto(url_of(site_url, scen))
            for oid, out in scen.tree.outcomes.items():
                node = page.locator(f'[data-node="{oid}"]')
                assert node.is_visible()
                order = node.evaluate("""n => { const parts = ['pb-node-title', 'pb-do', 'pb-deadline',
                    'pb-copy-reply', 'pb-avoid', 'pb-notify', 'pb-log', 'pb-why'];
                    return [...n.querySelectorAll(parts.map(p => '.' + p).join(', '))]
                      .map(e => parts.find(p => e.classList.contains(p))); }""")
                want = ["pb-node-title", "pb-do", "pb-deadline"] + (["pb-copy-reply"] if out.reply else []) \
                    + (["pb-avoid"] if out.avoid else []) + (["pb-notify"] if out.notify else []) \
                    + (["pb-log"] if out.log else []) + (["pb-why"] if out.why else [])
                assert order == want, f"{scen.id}/{oid}: {order}"
                items = [norm(t) for t in node.locator(".pb-avoid li").all_inner_texts()]
                assert items == [norm(fill(a, ORG)) for a in out.avoid], f"{scen.id}/{oid}"
                if out.reply:
                    variant = node.locator("[data-reply], [data-reply-also]").filter(visible=True)
                    assert variant.count() == 1
                    assert variant.locator("[data-copy-text]").is_visible() and variant.locator("[data-copy]").is_visible()
                    assert norm(fill(out.avoid[0], ORG)) in norm(variant.locator("[data-caution]").inner_text())
    finally:
        ctx.close()


def test_print_at_a4_keeps_every_part_and_nothing_floats(browser, site_url):
    """Printed, the copy bar is no longer stuck over the text; the full Do-not list is there (its
    one-line repeat beside the button is not printed), and every variant's text is."""
    ctx = browser.new_context(viewport={"width": 718, "height": 1000})  # A4 less 15 mm margins, at 96 dpi
    page = ctx.new_page()
    try:
        for scen in SCENARIOS:
            page.goto(url_of(site_url, scen))
            page.emulate_media(media="print")
            for oid, out in scen.tree.outcomes.items():
                node = page.locator(f'[data-node="{oid}"]')
                assert node.is_visible()
                assert [norm(t) for t in node.locator(".pb-avoid li").all_inner_texts()] == [norm(fill(a, ORG)) for a in out.avoid]
                if not out.reply:
                    continue
                assert node.locator("[data-caution]").filter(visible=True).count() == 0
                texts = node.locator("[data-copy-text]")
                assert texts.count() == len(texts.filter(visible=True).all()) >= 1
                rows = node.locator(".pb-copy-row")
                assert set(rows.evaluate_all("rs => rs.map(r => getComputedStyle(r).position)")) == {"static"}
            page.emulate_media(media="screen")
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
    finally:
        ctx.close()


def test_a_chosen_platform_is_remembered_and_followed(browser, site_url):
    """Choosing a platform's tab shows that platform in the page's other replies, and on the next
    page load, from localStorage (nothing is sent)."""
    scen = next(s for s in SCENARIOS if sum(1 for o in reply_outcomes(s)
                                             if "x" in (s.replies[s.tree.outcomes[o].reply].variants or {})) >= 1
                and len({s.tree.outcomes[o].reply for o in reply_outcomes(s)}) >= 2)
    ctx = browser.new_context(viewport={"width": 375, "height": 812})
    page = ctx.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(url_of(site_url, scen))
        oid = next(o for o in reply_outcomes(scen) if "x" in (scen.replies[scen.tree.outcomes[o].reply].variants or {}))
        click_path(page, reply_outcomes(scen)[oid])
        page.locator(f'[data-node="{oid}"] .pb-tab-label', has_text="X").first.click()
        assert page.evaluate("localStorage.getItem('pb-platform')") == "x"
        with_x = page.eval_on_selector_all('.pb-tab-input[data-platform-tab="x"]', "els => els.map(e => e.checked)")
        assert with_x and all(with_x)
        before = len(requests)
        page.reload()
        page.locator(f'[data-tree="{scen.id}"][data-guide="on"]').wait_for()
        assert all(page.eval_on_selector_all('.pb-tab-input[data-platform-tab="x"]', "els => els.map(e => e.checked)"))
        assert current(page) == oid
        shown = page.locator(f'[data-node="{oid}"] [data-reply]').filter(visible=True)
        assert shown.get_attribute("data-platform") == "x"
        assert all(u.startswith(site_url) for u in requests[before:])
    finally:
        ctx.close()
