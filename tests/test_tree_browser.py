"""The step-by-step guide and the tree diagram, in Chromium.

Every path of every bundled tree is walked by clicking; the rest (back, start
over, links to a step, reload, the browser's history, the keyboard, instant
navigation, no JavaScript, print, a 375 px phone) is checked on real pages.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from playbook.load import load_playbook
from test_page_text import ACT_WITHIN, OUTCOMES, in_order

ROOT = Path(__file__).resolve().parent.parent
PB = load_playbook(str(ROOT / "playbook"))  # whatever scenarios are there when the tests run
SCENARIOS = PB.scenario_list()
ORG = PB.org
CURRENT = "[data-node].pb-current"

# Expected text, written by hand (never computed by the renderer): what each action id reads as,
# with the bundled moderation policy (hide); each duration in words; the colour of an outcome
# from its first action.
BUNDLED_POLICY = "hide"
ACTION_LABEL = {
    "reply": "Reply", "reply-privately": "Reply privately", "hide": "Hide", "delete": "Delete",
    "leave": "Leave it, no reply", "block": "Block", "report": "Report to the platform", "escalate": "Escalate",
    "moderate": "Hide it (our moderation policy)", "pause-posts": "Pause scheduled posts",
}
DURATION = {"5m": "5 minutes", "15m": "15 minutes", "30m": "30 minutes", "1h": "1 hour", "2h": "2 hours",
            "4h": "4 hours", "24h": "24 hours", "1d": "1 day"}
COLOUR = {"reply": "reply", "reply-privately": "reply-privately", "hide": "hide", "delete": "delete", "leave": "leave",
          "block": "block", "report": "report", "escalate": "escalate", "moderate": "hide", "pause-posts": "pause-posts"}
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_.-]*\}")


def norm(text: str) -> str:
    return " ".join(text.split())


def paths(tree) -> list[list[tuple[str, str | None]]]:
    """Every path from the start to an outcome, as (node, answer label that leaves it)."""
    out = []

    def walk(nid, trail):
        if nid in tree.outcomes:
            out.append(trail + [(nid, None)])
            return
        for a in tree.questions[nid].answers:
            walk(a.next, trail + [(nid, a.label)])

    walk(tree.start, [])
    return out


def url_of(site_url: str, scen) -> str:
    return f"{site_url}scenarios/{scen.id}/"


def current(page) -> str:
    nodes = page.locator(CURRENT)
    assert nodes.count() == 1
    return nodes.get_attribute("data-node")


def visible_nodes(page) -> list[str]:
    return page.eval_on_selector_all("[data-node]", "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.node)")


def answer(page, qid: str, label: str, nxt: str):
    return page.locator(f'[data-node="{qid}"] [data-next="{nxt}"]').filter(
        has=page.locator(".pb-answer-label", has_text=re.compile("^" + re.escape(label.strip()) + "$")))


def assert_outcome_complete(page, scen, oid: str) -> None:
    out = scen.tree.outcomes[oid]
    node = page.locator(f'[data-node="{oid}"]')
    assert node.is_visible()
    assert visible_nodes(page) == [oid], f"{scen.id}: only {oid} should show"
    text = norm(node.inner_text())
    assert norm(out.title) in text
    assert in_order(text, [ACTION_LABEL[a] for a in out.actions]), f"{scen.id}/{oid}: actions {out.actions}"
    deadline = out.deadline or scen.response_time
    assert deadline in DURATION, f"{scen.id}/{oid}: write {deadline!r} in words into DURATION by hand"
    assert f"Within {DURATION[deadline]}" in text
    for written in ([out.log] if out.log else []) + list(out.avoid):
        for piece in PLACEHOLDER.split(written):  # the words around placeholders, as written
            assert norm(piece) in text, f"{scen.id}/{oid}: {piece!r}"
    if out.reply:
        reply = node.locator(f'[data-reply^="{scen.id}/{out.reply}/"], [data-reply-also^="{scen.id}/{out.reply}/"]').first
        assert reply.is_visible(), f"{scen.id}/{oid}: reply {out.reply} not shown"
        assert reply.locator("[data-copy]").is_visible()
    for cid in out.notify:
        contact, card = ORG.contacts[cid], node.locator(f'[data-contact="{cid}"]')
        assert card.is_visible(), f"{scen.id}/{oid}: contact {cid}"
        if contact.email:
            assert card.locator(f'a[href="mailto:{contact.email}"]').is_visible()
        if contact.phone:
            assert card.locator('a[href^="tel:"]').is_visible()
    assert f"pb-outcome-{COLOUR[out.actions[0]]}" in node.get_attribute("class").split()


def test_the_bundled_policy_is_the_one_the_labels_assume():
    assert ORG.policies.abusive_comments == BUNDLED_POLICY


@pytest.mark.parametrize("key", sorted(OUTCOMES), ids="/".join)
def test_outcome_shows_the_hand_written_text(page, site_url, key):
    sid, oid = key
    want = OUTCOMES[key]
    page.goto(f"{site_url}scenarios/{sid}/#node-{oid}")
    node = page.locator(f'[data-node="{oid}"]')
    assert node.is_visible() and visible_nodes(page) == [oid]
    text = norm(node.inner_text())
    assert in_order(text, want["actions"]), text[:400]
    assert f"Within {want['within']}" in text
    assert f"Act within {ACT_WITHIN[sid]}" in norm(page.locator(".pb-scenario-head").inner_text())


@pytest.mark.parametrize("scen", SCENARIOS, ids=lambda s: s.id)
def test_every_path_reaches_its_complete_outcome(page, site_url, scen):
    page.goto(url_of(site_url, scen))
    assert page.locator(f'[data-tree="{scen.id}"][data-guide="on"]').count() == 1
    for path in paths(scen.tree):
        assert current(page) == scen.tree.start
        for i, (nid, label) in enumerate(path[:-1]):
            assert visible_nodes(page) == [nid]
            answer(page, nid, label, path[i + 1][0]).first.click()
            nxt = path[i + 1][0]
            assert current(page) == nxt
            assert page.evaluate("location.hash") == f"#node-{nxt}"
            assert page.locator(".pb-crumbs li").count() == i + 1
        crumbs = norm(page.locator(".pb-crumbs").inner_text())
        for nid, label in path[:-1]:
            assert norm(label) in crumbs
        assert_outcome_complete(page, scen, path[-1][0])
        page.locator('[data-action="restart"]').click()
        assert page.evaluate("location.hash") == f"#node-{scen.tree.start}"


def deepest(scen_list=SCENARIOS):
    """A scenario and its longest path (at least two questions where there is one)."""
    return max(((s, p) for s in scen_list for p in paths(s.tree)), key=lambda sp: len(sp[1]))


def walk(page, path):
    for i, (nid, label) in enumerate(path[:-1]):
        answer(page, nid, label, path[i + 1][0]).first.click()


FOCUSED_NODE = ("() => { const n = document.activeElement.closest('[data-node]');"
                " return document.activeElement.matches('.pb-node-title') && n ? n.dataset.node : null; }")


def focused_node(page, expect: str | None = None) -> str | None:
    """The step whose heading has focus; with `expect`, wait (up to 3 s) for that step to get it.

    After the browser's back button the guide moves focus in its popstate handler, which
    can run a moment after Playwright's go_back() returns."""
    if expect is not None:
        try:
            page.wait_for_function(f"n => ({FOCUSED_NODE})() === n", arg=expect, timeout=3000)
        except Exception:
            pass  # reported by the caller's assertion, with what has focus instead
    return page.evaluate(FOCUSED_NODE)


def test_back_restart_history_links_and_reload(page, site_url):
    scen, path = deepest()
    ids = [nid for nid, _ in path]
    assert len(ids) >= 3, "the bundled playbook should have a tree with two questions on a path"
    url = url_of(site_url, scen)
    page.goto(url)
    assert not page.locator('[data-action="back"]').is_visible()  # nothing to go back to yet
    walk(page, path)
    assert current(page) == ids[-1]
    assert focused_node(page, ids[-1]) == ids[-1]
    live = page.locator(".pb-guide-live")
    live.filter(has_text=scen.tree.outcomes[ids[-1]].title).wait_for()
    assert live.get_attribute("aria-live") == "polite"
    # The browser's back and forward move through the steps.
    page.go_back()
    assert current(page) == ids[-2] and focused_node(page, ids[-2]) == ids[-2]
    page.go_back()
    assert current(page) == ids[-3]
    page.go_forward()
    page.go_forward()
    assert current(page) == ids[-1]
    # The guide's own Back, with an accessible name.
    back = page.locator('[data-action="back"]')
    assert back.get_attribute("aria-label")
    back.click()
    assert current(page) == ids[-2]
    assert page.evaluate("location.hash") == f"#node-{ids[-2]}"
    # A link from the path so far goes back to that question.
    page.locator(f'.pb-crumbs [data-crumb="{ids[0]}"]').click()
    assert current(page) == ids[0]
    walk(page, path)
    # Reload keeps the step and the path so far.
    page.reload()
    assert current(page) == ids[-1]
    assert page.locator(".pb-crumbs li").count() == len(ids) - 1
    # A shared link opens the tree at the outcome, in a fresh tab.
    other = page.context.new_page()
    other.goto(f"{url}#node-{ids[-1]}")
    assert current(other) == ids[-1]
    assert visible_nodes(other) == [ids[-1]]
    assert other.locator(".pb-crumbs li").count() >= 1
    assert focused_node(other, ids[-1]) == ids[-1]
    restart = other.locator('[data-action="restart"]')
    assert restart.get_attribute("aria-label")
    restart.click()
    assert current(other) == scen.tree.start
    other.close()
    page.bring_to_front()
    # A typed hash moves the guide too; a hash that is no step leaves it alone.
    page.evaluate(f"location.hash = '#node-{ids[1]}'")
    page.wait_for_function(f"document.querySelector('[data-node=\"{ids[1]}\"]').classList.contains('pb-current')")
    page.evaluate("location.hash = '#examples'")
    assert current(page) == ids[1]


def test_scrolling_keeps_the_step_in_the_address(page, site_url):
    """Material's anchor tracking would replace #node-ID with the heading in view."""
    scen, path = deepest()
    page.goto(url_of(site_url, scen))
    walk(page, path)
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(700)
    page.mouse.wheel(0, -6000)
    page.wait_for_timeout(700)
    assert page.evaluate("location.hash") == f"#node-{path[-1][0]}"
    page.reload()
    assert current(page) == path[-1][0]


def test_keyboard_only_walk(page, site_url):
    scen, path = deepest()
    page.goto(url_of(site_url, scen))
    first = path[0][0]
    for _ in range(80):  # from the top of the page to the first answer
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('[data-next]')"):
            break
    for i, (nid, label) in enumerate(path[:-1]):
        want = path[i + 1][0]
        for _ in range(20):
            if page.evaluate("(document.activeElement.closest('[data-next]') || {}).dataset?.next") == want:
                break
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert current(page) == want
        assert focused_node(page, want) == want
        if i + 1 < len(path) - 1:
            page.keyboard.press("Tab")  # from the heading to the first answer
    # Shift+Tab from the outcome's heading reaches Start over, then Back.
    for _ in range(6):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.dataset.action") == "back":
            break
    assert page.evaluate("document.activeElement.dataset.action") == "back"
    page.keyboard.press("Enter")
    assert current(page) == path[-2][0]
    assert focused_node(page, path[-2][0]) == path[-2][0]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.dataset.action") in ("restart", "back")
    page.locator('[data-action="restart"]').focus()
    page.keyboard.press("Space")
    assert current(page) == first


def test_whole_tree_toggle(page, site_url):
    scen = SCENARIOS[0]
    page.goto(url_of(site_url, scen))
    toggle = page.locator('[data-action="whole"]')
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert len(visible_nodes(page)) == len(scen.tree.questions) + len(scen.tree.outcomes)
    toggle.click()
    assert visible_nodes(page) == [scen.tree.start]


def test_instant_navigation_away_and_back(page, instant_site_url):
    site_url = instant_site_url
    scen, path = deepest()
    page.goto(url_of(site_url, scen))
    page.evaluate("window.__noReload = 1")
    answer(page, path[0][0], path[0][1], path[1][0]).first.click()  # answer the first question
    step = path[1][0]
    assert current(page) == step
    page.locator(".pb-scenario-head a.pb-chip").click()  # the category, by instant navigation
    page.wait_for_url(re.compile(r"/categories/"))
    page.locator(f'a[href$="scenarios/{scen.id}/"]').first.click()
    page.wait_for_url(re.compile(rf"/scenarios/{scen.id}/$"))
    page.locator(f'[data-tree="{scen.id}"][data-guide="on"]').wait_for()
    assert page.evaluate("window.__noReload") == 1, "the page reloaded: instant navigation did not run"
    assert visible_nodes(page) == [scen.tree.start]
    walk(page, path)
    assert current(page) == path[-1][0]
    assert page.locator('[data-action="back"]').count() == 1  # enhanced once
    # Away again, then the browser's back button returns to the same step.
    page.locator(".pb-scenario-head a.pb-chip").click()
    page.wait_for_url(re.compile(r"/categories/"))
    page.go_back()
    page.locator(f'[data-tree="{scen.id}"][data-guide="on"]').wait_for()
    assert page.evaluate("window.__noReload") == 1
    # The step comes back from the address once the guide syncs with it (popstate); on a loaded machine
    # that can be a moment after the guide is enhanced, so wait for it rather than read it at once.
    page.wait_for_function("id => { const n = document.querySelectorAll('[data-node].pb-current');"
                           " return n.length === 1 && n[0].getAttribute('data-node') === id; }", arg=path[-1][0], timeout=10_000)
    assert current(page) == path[-1][0]


def test_back_before_the_next_page_arrives_keeps_the_step(page, instant_site_url):
    # Back pressed before instant navigation has shown the next page: Material then fetches this
    # page again, and its components rewrite the address before the new tree is enhanced. The
    # step must survive that (guide.js guards the address while any tree on the page holds it).
    scen, path = deepest()
    page.goto(url_of(instant_site_url, scen))
    page.evaluate("window.__noReload = 1")
    walk(page, path)
    assert current(page) == path[-1][0]
    page.route(re.compile(r".*/categories/.*"), lambda route: (page.wait_for_timeout(400), route.continue_()))
    page.locator(".pb-scenario-head a.pb-chip").click()
    page.wait_for_url(re.compile(r"/categories/"))
    page.go_back()
    page.wait_for_timeout(1500)
    assert page.evaluate("window.__noReload") == 1
    assert page.evaluate("location.hash") == f"#node-{path[-1][0]}"
    assert current(page) == path[-1][0]


def test_without_javascript_every_node_shows(browser, site_url):
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 812})
    page = ctx.new_page()
    try:
        for scen in SCENARIOS:
            page.goto(url_of(site_url, scen))
            nodes = set(scen.tree.questions) | set(scen.tree.outcomes)
            assert set(visible_nodes(page)) == nodes, scen.id
            assert page.locator(".pb-guide-bar").count() == 0
            for qid, q in scen.tree.questions.items():
                for a in q.answers:
                    link = page.locator(f'[data-node="{qid}"] a[data-next="{a.next}"]').first
                    assert link.get_attribute("href") == f"#node-{a.next}"
                    assert "go to step" in link.inner_text()
    finally:
        ctx.close()


def test_print_shows_every_node_and_the_diagram_fits_a4(browser, site_url):
    ctx = browser.new_context(viewport={"width": 718, "height": 1000})  # A4 less 15 mm margins, at 96 dpi
    page = ctx.new_page()
    try:
        for scen in SCENARIOS:
            page.goto(url_of(site_url, scen))
            page.emulate_media(media="print")
            nodes = set(scen.tree.questions) | set(scen.tree.outcomes)
            assert set(visible_nodes(page)) == nodes, scen.id
            assert not page.locator(".pb-guide-bar").is_visible()
            fits = page.eval_on_selector(".pb-dg-scroll", "e => e.scrollWidth <= e.clientWidth + 1")
            assert fits, f"{scen.id}: the diagram is wider than an A4 page"
            page.emulate_media(media="screen")
    finally:
        ctx.close()


def test_phone_width_never_scrolls_sideways(browser, site_url):
    ctx = browser.new_context(viewport={"width": 375, "height": 812}, has_touch=True, is_mobile=True)
    page = ctx.new_page()
    try:
        for scen in SCENARIOS:
            page.goto(url_of(site_url, scen))
            assert page.evaluate("document.documentElement.scrollWidth") <= 375, scen.id
            # The first question and its answers are on screen without scrolling, as 44 px targets.
            for a in page.locator(f'[data-node="{scen.tree.start}"] .pb-answer').all():
                box = a.bounding_box()
                assert box["width"] >= 44 and box["height"] >= 44
            top = page.locator(f'[data-node="{scen.tree.start}"] .pb-answer').first.bounding_box()
            assert top["y"] + top["height"] <= 812, f"{scen.id}: first answer below the fold"
            for oid in scen.tree.outcomes:
                page.evaluate(f"location.hash = '#node-{oid}'")
                page.wait_for_function(f"document.querySelector('[data-node=\"{oid}\"]').classList.contains('pb-current')")
                assert page.evaluate("document.documentElement.scrollWidth") <= 375, f"{scen.id}#{oid}"
    finally:
        ctx.close()


def test_diagram_matches_the_model(built_site):
    from html.parser import HTMLParser

    for scen in SCENARIOS:
        html = (built_site / "scenarios" / scen.id / "index.html").read_text()
        start = html.index(f'data-diagram="{scen.id}"')
        fig = html[html.rindex("<figure", 0, start):html.index("</figure>", start)]
        assert 'aria-hidden="true"' in fig[:200]
        assert "<a " not in fig and "<button" not in fig and "tabindex" not in fig  # nothing focusable

        class Boxes(HTMLParser):
            def __init__(self):
                super().__init__()
                self.classes, self.texts, self.edges, self._cls = [], [], [], None

            def handle_starttag(self, tag, attrs):
                cls = dict(attrs).get("class") or ""
                self.classes.append(cls)
                self._cls = cls

            def handle_data(self, data):
                if self._cls == "pb-dg-text":
                    self.texts.append(data)
                elif self._cls == "pb-dg-edge":
                    self.edges.append(data)

        parser = Boxes()
        parser.feed(fig)
        texts = {norm(t) for t in parser.texts}
        for q in scen.tree.questions.values():
            assert norm(q.text) in texts
        for oid, out in scen.tree.outcomes.items():
            assert norm(out.title) in texts
            assert any(f"pb-dg-{COLOUR[out.actions[0]]}" in c for c in parser.classes)
        labels = sorted(norm(a.label) for q in scen.tree.questions.values() for a in q.answers)
        assert sorted(norm(e) for e in parser.edges) == labels


def test_screenshots(browser, site_url, artifacts):
    scen = next((s for s in SCENARIOS if s.id == "negative-comment"), SCENARIOS[0])
    oid = next((o for o, out in scen.tree.outcomes.items() if out.reply), next(iter(scen.tree.outcomes)))
    for width, height in ((375, 812), (1280, 800)):
        ctx = browser.new_context(viewport={"width": width, "height": height})
        page = ctx.new_page()
        try:
            page.goto(url_of(site_url, scen))
            page.locator(f'[data-node="{scen.tree.start}"]').wait_for()
            page.screenshot(path=artifacts / f"tree-{width}-question.png")
            path = next(p for p in paths(scen.tree) if p[-1][0] == oid)
            walk(page, path)
            page.wait_for_timeout(300)
            page.screenshot(path=artifacts / f"tree-{width}-outcome.png")
            page.add_style_tag(content=".md-header { position: static; }")  # not over a tall diagram's shot
            page.locator(".pb-diagram").screenshot(path=artifacts / f"tree-{width}-diagram.png")
            assert page.evaluate("document.documentElement.scrollWidth") <= width
        finally:
            ctx.close()
        for kind in ("question", "outcome", "diagram"):
            assert (artifacts / f"tree-{width}-{kind}.png").stat().st_size > 5000


def test_works_from_a_file_without_a_server(page, built_site):
    """On file:// Material has no instant navigation and document$ still starts the guide."""
    scen, path = deepest()
    page.goto((built_site / "scenarios" / scen.id / "index.html").as_uri())
    assert visible_nodes(page) == [scen.tree.start]
    walk(page, path)
    assert current(page) == path[-1][0]
    page.go_back()
    assert current(page) == path[-2][0]
