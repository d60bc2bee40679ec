"""The quick reference at scale: above SPLIT_AT scenarios it is an index of pages, one per category
and PART_SIZE scenarios at most each (docs/decisions/022-quick-reference-at-scale.md). The bundled
playbook (18 scenarios) stays one page; here the limits are lowered to split it."""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from playbook.check import check_dir
from playbook.pages import generate
from playbook.views import quick_reference
from playbook.views.common import page_url

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pb(bundled_checked):
    return bundled_checked


def _resolve(from_src: str, href: str) -> str:
    """The page source a relative link of from_src's page points at."""
    target = posixpath.normpath(posixpath.join(page_url(from_src) or ".", href.split("#")[0]))
    return "index.md" if target == "." else target.rstrip("/") + ".md"


def test_the_bundled_quick_reference_is_one_page(pb):
    pages = generate(pb)
    assert "quick-reference.md" in pages and not [src for src in pages if src.startswith("quick-reference/")]
    assert len(re.findall(r'data-qr-scenario="', pages["quick-reference.md"])) == len(quick_reference._ordered(pb.scenario_list()))


def test_above_the_limit_it_splits_by_category_into_parts(pb, monkeypatch):
    monkeypatch.setattr(quick_reference, "SPLIT_AT", 5)
    monkeypatch.setattr(quick_reference, "PART_SIZE", 1)
    pages = generate(pb)
    parts = sorted(src for src in pages if src.startswith("quick-reference/"))
    assert parts
    index = pages["quick-reference.md"]
    assert 'data-qr-scenario="' not in index and "data-reply=" not in index
    # the index links to every part, and every link lands on a generated page
    linked = [_resolve("quick-reference.md", h) for h in re.findall(r'<li><a href="([^"]+)">', index)]
    assert sorted(linked) == parts
    seen: list[str] = []
    for src in linked:
        page = pages[src]
        scens = re.findall(r'data-qr-scenario="([^"]+)"', page)
        assert len(scens) == 1
        seen += scens
        # one category a page, and each reply once per language on it
        assert len(set(re.findall(r'class="pb-qr-meta">([^·]+)·', page))) == 1
        replies = re.findall(r'data-reply="([^"]+)" data-lang="([^"]+)"', page)
        assert len(replies) == len(set(replies))
        # its links to the scenarios resolve from where the page is
        for href in re.findall(r'<h2 id="[^"]+"><a href="([^"]+)"', page):
            assert _resolve(src, href) in pages, (src, href)
    # every scenario with replies is on exactly one part, in the order of the one-page quick reference
    assert seen == [s.id for s in quick_reference._ordered(pb.scenario_list())]
    # a category of more than PART_SIZE scenarios says which part a page is
    titles = re.findall(r"<h1>([^<]+)</h1>", "".join(pages[src] for src in parts))
    assert any(re.search(r"\(\d+ of \d+\)$", t) for t in titles)


def test_practice_above_the_limit_is_one_page_a_category_of_at_most_max_cases(pb, monkeypatch):
    from playbook.views import practice

    monkeypatch.setattr(practice, "SPLIT_AT", 5)
    monkeypatch.setattr(practice, "MAX_CASES", 3)
    pages = generate(pb)
    index = pages["onboarding/practice.md"]
    assert 'data-case="' not in index
    linked = [_resolve("onboarding/practice.md", h) for h in re.findall(r'<li><a href="([^"]+)">', index)]
    assert linked and sorted(linked) == sorted(src for src in pages if src.startswith("onboarding/practice/"))
    every = practice.cases(pb.scenario_list())
    for src in linked:
        page = pages[src]
        numbers = re.findall(r'data-case="(\d+)"', page)
        assert numbers == [str(n) for n in range(1, len(numbers) + 1)] and 1 <= len(numbers) <= 3
        for href in re.findall(r'<p class="pb-case-source">From the scenario <a href="([^"]+)"', page):
            assert _resolve(src, href) in pages, (src, href)
    # the index says how many of each category's posts its page takes
    counts = re.findall(r"\((\d+) of (\d+) example posts\)", index)
    assert sum(int(of) for _, of in counts) == len(every) and all(int(n) == min(3, int(of)) for n, of in counts)


def test_by_channel_above_the_limit_is_one_page_a_channel(pb, monkeypatch):
    from playbook.model import Platform
    from playbook.views import lists

    monkeypatch.setattr(lists, "SPLIT_AT", 5)
    pages = generate(pb)
    index = pages["by-channel.md"]
    linked = [_resolve("by-channel.md", h) for h in re.findall(r'<li><a href="([^"]+)">', index)]
    assert linked == [f"by-channel/{p.value}.md" for p in Platform] and all(src in pages for src in linked)
    for p in Platform:
        page = pages[f"by-channel/{p.value}.md"]
        listed = {s.id for s in pb.scenario_list() if p.value in s.channels}
        for href in re.findall(r'<a href="([^"#]+/)"', page):
            if "scenarios/" in href:
                assert _resolve(f"by-channel/{p.value}.md", href) in pages, href
        assert all(f"scenarios/{sid}/" in page for sid in listed)


def test_in_the_live_preview_a_save_renders_again_only_the_parts_it_changed(tmp_path, monkeypatch):
    import datetime as dt
    import shutil

    from playbook.live import LivePlaybook
    from playbook.pages import PageMemo, make_site
    from playbook.views import practice

    monkeypatch.setattr(quick_reference, "SPLIT_AT", 5)
    monkeypatch.setattr(practice, "SPLIT_AT", 5)
    shutil.copytree(ROOT / "playbook", tmp_path / "playbook")
    today = dt.date(2026, 12, 1)
    live, memo = LivePlaybook(str(tmp_path / "playbook")), PageMemo()
    before = generate(live.refresh(today)[0], site=make_site(today, memo=memo))
    path = tmp_path / "playbook" / "scenarios" / "negative-comment.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: A negative comment or rant", "title: A rant"), encoding="utf-8")
    after = generate(live.refresh(today)[0], site=make_site(today, memo=memo))
    changed = {src for src in after if src.startswith(("quick-reference/", "onboarding/practice/")) and after[src] != before[src]}
    # the negative-comment scenario's own parts show the new title; every other part is the very same text
    assert changed and all("A rant" in after[src] for src in changed)
    for src in after:
        if src.startswith(("quick-reference/", "onboarding/practice/")) and src not in changed:
            assert after[src] is before[src], src
    # and what the memo gives is what a build without it gives
    fresh = generate(check_dir(str(tmp_path / "playbook"), today)[0], site=make_site(today))
    assert all(after[src] == fresh[src] for src in after if src.startswith(("quick-reference", "onboarding/practice")))
