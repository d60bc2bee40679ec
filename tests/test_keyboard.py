"""Keyboard only, no mouse at all: search for a scenario, open it, walk its tree
to an outcome with Tab and Enter, copy the reply with the keyboard, and read
the clipboard."""
from __future__ import annotations

MAX_TABS = 120


def tab_to(page, selector: str, key: str = "Tab") -> int:
    """Press Tab (or another key) until the focused element matches selector; returns the presses."""
    for n in range(1, MAX_TABS + 1):
        page.keyboard.press(key)
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return n
    raise AssertionError(f"Tab never reached {selector} in {MAX_TABS} presses")


def test_search_walk_and_copy_with_keyboard_only(browser, site_url):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url)
    page.wait_for_load_state("networkidle")

    # Search: "/" focuses the search box; type words from the post.
    page.keyboard.press("/")
    assert page.evaluate("() => document.activeElement.matches('input.md-search__input')")
    page.keyboard.type("negative comment rant")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    # In Material's search, Tab closes the search; the arrow keys move through the results.
    tab_to(page, '.md-search-result__link[href*="scenarios/negative-comment"]', key="ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/scenarios/negative-comment/**")
    page.wait_for_selector('[data-tree="negative-comment"]')

    # Walk the tree: danger -> No -> abusive -> No -> about-care -> Yes -> take-offline.
    for question, nxt in (("danger", "abusive"), ("abusive", "about-care"), ("about-care", "take-offline")):
        page.wait_for_selector(f'[data-node="{question}"]', state="visible")
        tab_to(page, f'[data-node="{question}"] [data-next="{nxt}"]')
        page.keyboard.press("Enter")
    outcome = page.locator('[data-node="take-offline"]')
    outcome.wait_for(state="visible")
    assert page.evaluate("() => location.hash") == "#node-take-offline"

    # Copy the reply with the keyboard (Enter on the focused copy button).
    reply = page.locator('[data-node="take-offline"] [data-reply^="negative-comment/take-it-offline/"]').first
    hook = reply.get_attribute("data-reply")
    tab_to(page, f'[data-reply="{hook}"] [data-copy]')
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    copied = page.evaluate("() => navigator.clipboard.readText()")
    expected = reply.locator("[data-copy-text]").text_content()
    assert copied == expected
    assert "Patient Relations" in copied and "{" not in copied
    assert not errors, errors
    ctx.close()
