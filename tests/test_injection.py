"""Hostile text in every field of a playbook renders as inert text.

tests/fixtures/injection/playbook/ carries, in every text field of the
organization, the compliance rules and a scenario, script tags, event
handlers, attribute break-outs, raw HTML, Markdown and MkDocs/Material
extension syntax and template syntax (payloads in make_fixture.py). It must
pass `playbook check`, build, and in Chromium run no script: no dialog, no
console marker, no injected element, on every page, and in search results.
Links with other schemes than https:, http:, mailto:, tel: are check errors
(tests/fixtures/injection/bad-schemes/).
"""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from conftest import build_site, serve
from playbook.check import check_dir
from playbook.pages import generate
from playbook.problems import ERROR
from sitewalk import page_paths, parse

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "injection"
HOSTILE = FIXTURES / "playbook"
BAD = FIXTURES / "bad-schemes"

_spec = importlib.util.spec_from_file_location("injection_payloads", FIXTURES / "make_fixture.py")
payloads = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(payloads)
PAYLOADS = payloads.SHORT + payloads.LONG_EXTRA

# Anything that would exist only if a payload became markup.
INJECTED = ('[id^="xss"], .xss, iframe, pre.mermaid, [onclick], [onerror], [onload], '
            'style:not([data-md-component]), script[type="module"], svg#xss-svg, b#xss-b')


def test_hostile_playbook_passes_check():
    _, problems = check_dir(str(HOSTILE))
    assert not [p.format() for p in problems if p.severity == ERROR]


def test_every_payload_is_in_the_fixture():
    text = "".join(p.read_text(encoding="utf-8") for p in HOSTILE.rglob("*.yaml"))
    from playbook import yamlsafe
    values = []
    for f in HOSTILE.rglob("*.yaml"):
        doc, _ = yamlsafe.load(str(f))
        stack = [doc.data]
        while stack:
            v = stack.pop()
            if isinstance(v, dict):
                stack += list(v.values())
            elif isinstance(v, list):
                stack += v
            elif isinstance(v, str):
                values.append(v)
    joined = "\n".join(values)
    assert text
    for p in PAYLOADS:
        assert p in joined, p


def test_other_url_schemes_are_check_errors():
    _, problems = check_dir(str(BAD))
    bad = [p for p in problems if p.code == "PB208"]
    # One per bad link in bad-schemes/: website, web form, data: link, hours, summary x2, help x2, variant.
    assert len(bad) == len(payloads.BAD_SCHEMES), "\n".join(p.format() for p in problems)
    assert {Path(p.path).name for p in bad} == {"organization.yaml", "negative-comment.yaml"}
    assert all(p.line > 1 for p in bad)


def test_renderers_never_link_other_schemes_even_unchecked():
    """Defence in depth: render the bad-schemes playbook without its check."""
    from playbook.load import load_playbook

    pb = load_playbook(str(BAD))
    pages = generate(pb)
    for path, text in pages.items():
        if isinstance(text, bytes):
            continue
        assert not re.search(r'(?i)(href|src|action)\s*=\s*["\']?\s*(javascript|data|vbscript|file|ftp):', text), path


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hostile-site")
    result = build_site(out, playbook_dir=HOSTILE)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    url, server = serve(hostile_site)
    yield url
    server.shutdown()


def test_built_html_has_no_injected_markup(hostile_site):
    pages = page_paths(hostile_site)
    assert "scenarios/hostile/" in pages
    for rel in pages:
        doc = parse(hostile_site / rel / "index.html" if not rel.endswith(".html") else hostile_site / rel)
        for tag, attrs in doc.tags:
            assert not any(k.startswith("on") for k in attrs), (rel, tag, attrs)
            assert not attrs.get("id", "").startswith("xss"), (rel, tag, attrs)
            assert tag not in ("iframe",), (rel, tag, attrs)
            assert "mermaid" not in attrs.get("class", ""), (rel, tag, attrs)
            for name in ("href", "src", "action"):
                assert not re.match(r"(?i)\s*(javascript|data|vbscript):", attrs.get(name, "")), (rel, tag, attrs)
        for script, kind in zip(doc.scripts, doc.script_types):
            if kind == "application/json":  # data for a script: valid JSON that cannot close the element
                json.loads(script)
                assert "<" not in script, (rel, script[:200])
            else:
                assert "XSS-MARKER" not in script and "alert(" not in script, (rel, script[:200])
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for entry in index["docs"]:
        assert "<" not in entry["title"], entry["title"]  # Material shows titles as HTML


def _guard(page):
    """Record dialogs (and dismiss them) and console markers."""
    seen = {"dialogs": [], "console": [], "errors": []}
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("console", lambda m: seen["console"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    return seen


def _assert_inert(page, seen, where):
    assert not seen["dialogs"], (where, seen["dialogs"])
    assert not [c for c in seen["console"] if "XSS-MARKER" in c], (where, seen["console"])
    assert not seen["errors"], (where, seen["errors"])
    injected = page.evaluate(f"() => Array.from(document.querySelectorAll({json.dumps(INJECTED)})).map(e => e.outerHTML.slice(0, 120))")
    assert not injected, (where, injected)


def test_no_script_runs_on_any_page(context, hostile_site, hostile_url):
    page = context.new_page()
    seen = _guard(page)
    pages = page_paths(hostile_site)
    for rel in pages:
        page.goto(hostile_url + rel)
        page.wait_for_load_state("load")
        page.wait_for_timeout(50)
        _assert_inert(page, seen, rel)
    # Every step of the hostile scenario, opened by its hash.
    for node in ("q1", "q2", "reply-out", "leave-out", "mod-out"):
        page.goto(hostile_url + f"scenarios/hostile/#node-{node}")
        page.wait_for_timeout(100)
        _assert_inert(page, seen, node)
    print(f"\ninjection: {len(PAYLOADS)} payloads (+{len(payloads.BAD_SCHEMES)} bad-scheme links) on {len(pages)} pages")


def test_payloads_show_as_text(context, hostile_url):
    page = context.new_page()
    seen = _guard(page)
    page.goto(hostile_url + "scenarios/hostile/")
    title = page.locator("article h1").first
    assert title.inner_text().startswith('Hostile <img src=x id=xss-title onerror=alert(1)> & <script>alert("t")</script>')
    assert title.is_visible()
    body = page.locator("article").first.text_content()
    for p in PAYLOADS:
        for line in p.split("\n"):
            assert line in body, line
    # The browser tab title carries no markup characters (safe_title; themes un-escape titles).
    assert "<" not in page.title() and "‹img src=x" in page.title()
    _assert_inert(page, seen, "hostile page")


def test_search_results_stay_inert(context, hostile_url):
    page = context.new_page()
    seen = _guard(page)
    page.goto(hostile_url)
    page.keyboard.press("/")
    for query in ("hostilekeyword", "script alert", "xss", "onerror"):
        page.locator("input.md-search__input").fill(query)
        page.locator("input.md-search__input").press("End")  # Material reads the query on keyup
        page.wait_for_selector(".md-search-result__item", timeout=10000)
        page.wait_for_timeout(200)
        _assert_inert(page, seen, f"search {query!r}")
    assert "<script>" in page.locator(".md-search-result").inner_text() or "script" in page.locator(".md-search-result").inner_text()


def test_regression_blank_line_and_quote_cannot_leave_html():
    """Found by this file: a summary with a blank line became Markdown on list pages
    (esc() kept newlines), and a '"' in a summary broke out of Material's
    <meta name="description" content="..."> (themes print it unescaped)."""
    from playbook.templating import environment, front_matter
    from playbook.views.common import front

    def esc(text):
        return environment().from_string("{{ text }}").render(text=text)

    assert "\n" not in esc("a\n\n```mermaid\nx\n```") and "\r" not in esc("a\r\rb")
    fm = str(front_matter(front('T <b> & "q"', description='x"><script>alert(1)</script>', tags=['a"<b>'])))
    title, description, tags = fm.splitlines()[1:4]
    assert "<" not in fm and "&" not in fm
    assert '\\"' not in description and '\\"' not in tags  # a title may keep '"': it is only text content
