"""WCAG 2.2 AA: axe-core finds no serious or critical violation on any page type,
in the light and in the dark palette.

axe-core comes from the axe-playwright-python package (it bundles axe.min.js);
it is injected from disk, never from a CDN. The palette follows the system
setting on a first visit (mkdocs.yml palette `media`), so each palette is a
browser context with that colour scheme; the test asserts Material chose it.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import session_report
from conftest import ARTIFACTS
from sitewalk import page_paths

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
PALETTES = {"light": "default", "dark": "slate"}
RESULTS: dict[str, dict[str, dict[str, int]]] = {}

# Page type -> how to find it in the built site (the first path that exists, or a page whose
# <title> starts with the given text), and an optional action to bring it to the state checked.
PAGE_TYPES = {
    "home": [""],
    "scenario question step": ["scenarios/negative-comment/#node-danger"],
    "scenario outcome step": ["scenarios/negative-comment/#node-take-offline"],
    "index (category)": ["categories/negative-feedback/"],
    "quick reference": ["quick-reference/", "title:Quick reference"],
    "check my draft": ["check-my-draft/", "draft/", "tools/check-my-draft/", "title:Check my draft"],
    "practice": ["onboarding/practice/", "practice/", "title:Practice"],
    "search results": [""],
}


def find_page(site: Path, candidates: list[str]) -> str | None:
    pages = page_paths(site)
    for c in candidates:
        if c.startswith("title:"):
            want = c[len("title:"):].lower()
            for p in pages:
                html = (site / p / "index.html").read_text(encoding="utf-8") if not p.endswith(".html") else ""
                start = html.find("<title>")
                if start >= 0 and html[start + 7:].lower().startswith(want):
                    return p
        elif c.split("#")[0] in pages:
            return c
    return None


def run_axe(page) -> dict:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, options=AXE_OPTIONS).response


@pytest.fixture(scope="module", params=list(PALETTES))
def palette_context(request, browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=request.param)
    ctx.palette = request.param
    yield ctx
    ctx.close()


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_no_serious_or_critical_violations(palette_context, built_site, site_url, page_type):
    path = find_page(built_site, PAGE_TYPES[page_type])
    assert path is not None, f"the {page_type} page is not in the built site yet (looked for {PAGE_TYPES[page_type]})"
    page = palette_context.new_page()
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    scheme = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    assert scheme == PALETTES[palette_context.palette]
    if page_type == "search results":
        page.keyboard.press("/")
        page.locator("input.md-search__input").fill("comment")
        page.locator("input.md-search__input").press("End")
        page.wait_for_selector(".md-search-result__item", timeout=10000)
    if "#node-" in path:
        node = path.split("#node-")[1]
        assert page.locator(f'[data-node="{node}"]').first.is_visible()
    page.wait_for_timeout(300)  # transitions (e.g. the search overlay) settle before colours are read
    result = run_axe(page)
    by_impact: dict[str, int] = {}
    for v in result["violations"]:
        by_impact[v["impact"]] = by_impact.get(v["impact"], 0) + len(v["nodes"])
    RESULTS.setdefault(page_type, {})[palette_context.palette] = by_impact
    bad = [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"][:5]],
            v["nodes"][0].get("failureSummary", "")[:300])
           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    page.close()
    assert not bad, json.dumps(bad, indent=1)


@session_report.at_end
def _write_axe_results() -> None:
    """The axe results of this session, per page type and palette, as an artifact and a summary."""
    if not RESULTS:
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "axe-results.json").write_text(json.dumps(RESULTS, indent=1), encoding="utf-8")
    for page_type, palettes in RESULTS.items():
        session_report.add("axe (WCAG 2.2 A/AA rules), violating nodes by impact",
                           f"{page_type}: " + "; ".join(f"{p} {v or 'none'}" for p, v in palettes.items()))
