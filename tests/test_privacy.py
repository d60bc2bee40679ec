"""No page asks any host but the site's own for anything.

Chromium visits every page of the built site (every HTML file, plus every
page reached by following links), opens search, and records every request:
any request to another host fails. Each page's DOM is checked for <link>,
<script>, <img>, <iframe>, <source>, <object> and CSS url() pointing
elsewhere. The built HTML, CSS and JS are scanned too, so a reference that
only some browsers or some pages would follow is caught before it ships.
(The "Check my draft" page is also tested on its own by its author; here it
is one page of the whole-site request log.)
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import yaml

from conftest import ROOT
from sitewalk import page_paths, parse

# Hosts named in Material's vendor JavaScript and what makes a browser ask them.
# Each is either never fetched or fetched only under a condition that this site rules out.
VENDOR_HOSTS = {
    "unpkg.com": "Mermaid, only for a pre.mermaid block (the playbook plugin stops the build), "
                 "and a ResizeObserver polyfill, only in browsers without ResizeObserver (none we support)",
    "api.github.com": "repository facts, only when mkdocs.yml sets repo_url (it doesn't; asserted below)",
    "github.com": "URLs in licence comments and error messages",
    "www.w3.org": "XML namespaces (SVG, XLink), never fetched",
    "fontawesome.com": "licence comment",
    "clipboardjs.com": "licence comment",
    "bit.ly": "comment",
    "developer.mozilla.org": "comment",
}
REQUEST_TAGS = {"link": ("href",), "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",),
                "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",), "object": ("data",),
                "embed": ("src",), "input": ("src",), "track": ("src",)}
ABSOLUTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""", re.I)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""", re.I)


def _is_elsewhere(url: str) -> bool:
    url = url.strip()
    return bool(ABSOLUTE.match(url)) and not url.lower().startswith(("data:",))


def test_config_enables_nothing_that_calls_out():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.safe_load(re.sub(r"!!python/\S+", "", text))
    assert "repo_url" not in config
    assert config["theme"].get("font") is False
    assert "analytics" not in (config.get("extra") or {})
    # the playbook plugin stops any page with a Mermaid block (a request to unpkg.com)
    assert any(p == "playbook" or (isinstance(p, dict) and "playbook" in p) for p in config["plugins"])
    assert "hooks" not in config


def test_built_files_reference_no_other_host(built_site):
    pages = page_paths(built_site)
    for rel in pages:
        doc = parse(built_site / (rel + "index.html" if not rel.endswith(".html") else rel))
        for tag, attrs in doc.tags:
            for name in REQUEST_TAGS.get(tag, ()):
                for url in attrs.get(name, "").split(","):
                    if tag == "link" and attrs.get("rel", "") in ("canonical", "alternate"):
                        continue
                    assert not _is_elsewhere(url.strip().split(" ")[0]), (rel, tag, attrs)
            if "style" in attrs:
                assert not any(_is_elsewhere(u) for u in CSS_URL.findall(attrs["style"])), (rel, tag, attrs)
    for css in built_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        for url in CSS_URL.findall(text) + CSS_IMPORT.findall(text):
            assert not _is_elsewhere(url), (css.name, url)
    for js in built_site.rglob("*.js"):
        text = js.read_text(encoding="utf-8", errors="replace")
        hosts = {urlparse(u).hostname for u in re.findall(r"https?://[A-Za-z0-9.-]+", text)}
        if js.parent.name == "assets":  # our own scripts: no absolute URL at all
            assert not hosts, (js.name, hosts)
        elif "javascripts" in js.parts and "lunr" not in js.parts and "workers" not in js.parts:
            assert hosts <= set(VENDOR_HOSTS), (js.name, hosts - set(VENDOR_HOSTS))
    assert len(pages) >= 10


def _links(page) -> list[str]:
    return page.evaluate("() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")


DOM_CHECK = """() => {
  const out = [];
  const sel = 'link[href], script[src], img[src], img[srcset], iframe[src], source[src], source[srcset], video[src], audio[src], object[data], embed[src]';
  for (const el of document.querySelectorAll(sel)) {
    for (const a of ['href', 'src', 'srcset', 'data']) {
      const v = el.getAttribute(a);
      if (!v) continue;
      for (const part of v.split(',')) {
        const u = part.trim().split(' ')[0];
        if (!u || u.startsWith('data:') || u.startsWith('blob:') || u.startsWith('#')) continue;
        if (el.tagName === 'LINK' && /canonical|alternate/.test(el.rel)) continue;
        if (new URL(u, location.href).host !== location.host) out.push(el.outerHTML.slice(0, 200));
      }
    }
  }
  for (const sheet of document.styleSheets) {
    let rules;
    try { rules = sheet.cssRules; } catch (e) { out.push('cross-origin stylesheet ' + sheet.href); continue; }
    for (const r of rules) {
      for (const m of r.cssText.matchAll(/url\\(\\s*["']?([^"')]+)/g)) {
        const u = m[1];
        if (u.startsWith('data:')) continue;
        if (new URL(u, sheet.href || location.href).host !== location.host) out.push('css ' + u);
      }
    }
  }
  return out;
}"""


def test_every_page_requests_only_its_own_host(context, built_site, site_url):
    own = urlparse(site_url).netloc
    requests: list[str] = []
    elsewhere: list[str] = []

    def on_request(req):
        requests.append(req.url)
        parsed = urlparse(req.url)
        if parsed.scheme not in ("data", "blob") and parsed.netloc != own:
            elsewhere.append(req.url)

    context.on("request", on_request)
    page = context.new_page()
    todo = [site_url + p for p in page_paths(built_site)]
    seen: set[str] = set()
    dom_problems = []
    while todo:
        url = todo.pop(0).split("#")[0]
        if url in seen:
            continue
        seen.add(url)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        dom_problems += [(url, p) for p in page.evaluate(DOM_CHECK)]
        for link in _links(page):
            if link.startswith(site_url) and link.split("#")[0] not in seen and not link.endswith((".json", ".csv", ".xml", ".gz")):
                todo.append(link)
    # Search: the worker and the index are fetched from the site itself.
    page.goto(site_url)
    page.keyboard.press("/")
    page.locator("input.md-search__input").fill("comment")
    page.locator("input.md-search__input").press("End")  # Material reads the query on keyup
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    page.wait_for_load_state("networkidle")
    assert not elsewhere, elsewhere
    assert not dom_problems, dom_problems
    assert len(seen) >= len(page_paths(built_site))
    print(f"\nprivacy: {len(seen)} pages visited, {len(requests)} requests, all to {own}")
