"""The site works under a sub-path such as https://intranet.example.org/social/playbook/.

The built site is served under /social/playbook/ and every internal link on
every page (href and src, in the static HTML) is followed: each must answer
200 and stay under the prefix. Then Chromium checks that search and a
scenario page work there.
"""
from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urljoin, urlparse

from conftest import serve
from sitewalk import page_paths, parse

PREFIX = "/social/playbook/"


def test_every_internal_link_resolves_under_the_prefix(built_site, tmp_path):
    site = tmp_path / "site"
    import shutil

    shutil.copytree(built_site, site)
    base, server = serve(site, prefix=PREFIX)
    try:
        origin = "{0.scheme}://{0.netloc}".format(urlparse(base))
        checked: dict[str, int] = {}
        pages = page_paths(site)
        links = 0
        for rel in pages:
            page_url = base + rel
            doc = parse(site / (rel + "index.html" if not rel.endswith(".html") else rel))
            for tag, attrs in doc.tags:
                for name in ("href", "src"):
                    value = attrs.get(name)
                    if not value or value.startswith(("#", "mailto:", "tel:", "data:", "javascript:")):
                        continue
                    target = urljoin(page_url, value).split("#")[0]
                    if not target.startswith(origin):
                        continue  # an external link in content (checked by the privacy test not to be fetched)
                    links += 1
                    assert urlparse(target).path.startswith(PREFIX), (rel, tag, value, target)
                    if target not in checked:
                        try:
                            with urllib.request.urlopen(target, timeout=10) as resp:
                                checked[target] = resp.status
                        except urllib.error.HTTPError as exc:
                            checked[target] = exc.code
                    assert checked[target] == 200, (rel, tag, value, target, checked[target])
        print(f"\nsub-path: {len(pages)} pages, {links} internal links, {len(checked)} distinct URLs, all 200 under {PREFIX}")
        # The walk followed the site's own links: every scenario and category page was reached through one
        # (decision records are not linked from the site's pages, so not every page is).
        reached = {urlparse(url).path for url in checked}
        linked = [rel for rel in pages if rel.startswith(("scenarios/", "categories/"))]
        assert len(linked) >= 18 + 10
        assert [rel for rel in linked if PREFIX + rel not in reached] == []
        assert links > len(pages)
    finally:
        server.shutdown()


def test_search_and_scenario_work_under_the_prefix(context, built_site, tmp_path):
    import shutil

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    base, server = serve(site, prefix=PREFIX)
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.goto(base)
        page.keyboard.press("/")
        page.locator("input.md-search__input").fill("negative comment")
        page.locator("input.md-search__input").press("End")
        link = page.locator('.md-search-result__link[href*="scenarios/negative-comment"]').first
        link.wait_for(timeout=10000)
        assert urlparse(urljoin(base, link.get_attribute("href"))).path.startswith(PREFIX + "scenarios/negative-comment/")
        page.goto(base + "scenarios/negative-comment/#node-take-offline")
        page.locator('[data-node="take-offline"]').wait_for(state="visible")
        assert not errors, errors
    finally:
        server.shutdown()
