"""Search finds what responders type: real phrasings, typed into the site's own
search box in Chromium, must have the right scenario among the top 3 results.

The phrasings are what people on a social media team say when a post arrives;
they were written before looking at the scenarios' keywords and are not tuned
to them. The hit rate is printed, written to tests/artifacts/search-hit-rate.txt
and included in the assertion message.
"""
from __future__ import annotations

import re

import pytest

# (what a responder types, the scenario that must be in the top 3)
PHRASINGS: list[tuple[str, str]] = [
    ("someone says our hospital is the worst", "negative-comment"),
    ("angry rant on our facebook post", "negative-comment"),
    ("complaint about the ER wait time", "complaint-about-care"),
    ("my mom was treated badly by a nurse", "complaint-about-care"),
    ("patient DMed about chest pain", "dm-thinks-doctor"),
    ("message asking the doctor about test results", "dm-thinks-doctor"),
    ("comment asking if a rash is serious", "medical-question"),
    ("someone asks what dose of ibuprofen to take", "medical-question"),
    ("someone keeps posting nasty comments", "repeat-harasser"),
    ("same troll every day", "repeat-harasser"),
    ("comment says they want to kill themselves", "emergency-self-harm"),
    ("someone posted about suicide", "emergency-self-harm"),
    ("anti vax comment says vaccines cause autism", "misinformation"),
    ("false claim about covid", "misinformation"),
    ("thank you note for nurse Sarah", "praise-staff"),
    ("compliment about a doctor", "praise-staff"),
    ("1 star google review", "review-response"),
    ("bad yelp review", "review-response"),
    ("how do I get my medical records", "records-billing"),
    ("question about a bill", "records-billing"),
    ("how do I book an appointment", "appointment-request"),
    ("can I get in to see a doctor today", "appointment-request"),
    ("reporter wants a comment", "media-inquiry"),
    ("news station asking for an interview", "media-inquiry"),
    ("fake account using our logo", "impersonation-scam"),
    ("scam page pretending to be us", "impersonation-scam"),
    ("can we post a photo of a patient", "patient-story-release"),
    ("patient wants to share their story in a video", "patient-story-release"),
    ("daughter asking how her dad is doing", "third-party-inquiry"),
    ("someone asking if their friend is in the hospital", "third-party-inquiry"),
    ("says they will sue us", "legal-threat"),
    ("commenter mentions a lawyer", "legal-threat"),
    ("asking about nursing jobs", "job-applicant"),
    ("applied for a job and never heard back", "job-applicant"),
    ("shooting near the hospital", "crisis-event"),
    ("power outage at the main campus", "crisis-event"),
]

SCENARIO_HREF = re.compile(r"scenarios/([a-z0-9][a-z0-9_-]*)/")


def top_results(page, phrase: str, n: int = 3) -> list[str]:
    """Type a phrase into Material's search box and return the top n result pages."""
    box = page.locator("input.md-search__input")
    box.fill("")
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
    box.type(phrase, delay=5)
    # Results come from a web worker; wait until they exist (or search says none).
    page.wait_for_function(
        """() => document.querySelector('.md-search-result__item') ||
                 /No matching/i.test(document.querySelector('.md-search-result__meta')?.textContent || '')""",
        timeout=15000,
    )
    # Let the last keystroke's results replace the previous ones: the worker answers each keystroke,
    # and on a busy machine (or a bigger, two-language index) the last answer can come late.
    # Read until two reads 300 ms apart agree.
    def read():
        return page.eval_on_selector_all(
            ".md-search-result__list > .md-search-result__item > .md-search-result__link",
            "els => els.map(a => a.getAttribute('href'))",
        )
    page.wait_for_timeout(150)
    hrefs = read()
    for _ in range(10):
        page.wait_for_timeout(300)
        again = read()
        if again == hrefs:
            break
        hrefs = again
    return hrefs[:n]


def scenario_ids(hrefs: list[str]) -> list[str]:
    return [m.group(1) if (m := SCENARIO_HREF.search(h or "")) else (h or "") for h in hrefs]


def test_phrasings_find_their_scenario(page, site_url, artifacts):
    assert len(PHRASINGS) >= 30
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    # The index loads in a worker; wait until Material says it is ready.
    page.wait_for_function(
        "() => !/Initializing/i.test(document.querySelector('.md-search-result__meta')?.textContent || 'Initializing')",
        timeout=30000,
    )
    misses, lines = [], []
    for phrase, expected in PHRASINGS:
        got = scenario_ids(top_results(page, phrase))
        hit = expected in got
        lines.append(f"{'HIT ' if hit else 'MISS'} {phrase!r} -> expected {expected}; top 3: {got}")
        if not hit:
            misses.append(lines[-1])
    rate = (len(PHRASINGS) - len(misses)) / len(PHRASINGS)
    summary = f"search hit rate: {len(PHRASINGS) - len(misses)}/{len(PHRASINGS)} = {rate:.0%} (right scenario in the top 3)"
    (artifacts / "search-hit-rate.txt").write_text(summary + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print("\n" + summary)
    for line in misses:
        print(line)
    assert not misses, summary + "\n" + "\n".join(misses)


def test_scenario_keywords_reach_the_index(built_site):
    """Keywords are in the search index of every scenario page (as tags, on the page's own entry, once), so
    search can find them; critical scenarios are boosted above the rest."""
    import json

    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    scenario_docs = [d for d in index["docs"] if SCENARIO_HREF.match(d["location"])]
    assert scenario_docs, "no scenario pages in the search index"
    pages = [d for d in scenario_docs if "#" not in d["location"]]
    assert len(pages) == 18
    for doc in pages:
        assert doc.get("tags"), f"{doc['location']} has no keywords in the index"
        assert doc.get("boost", 1) > 1, f"{doc['location']} is not boosted"
    for doc in scenario_docs:
        assert "#" not in doc["location"] or "tags" not in doc, f"{doc['location']} repeats the page's keywords"
    boost = {SCENARIO_HREF.match(d["location"]).group(1): d["boost"] for d in pages}
    assert boost["emergency-self-harm"] > boost["negative-comment"] > 1
    practice = [d for d in index["docs"] if d["location"].startswith("onboarding/practice/")]
    assert not practice, "practice cases repeat scenario words; the practice page must stay out of search"


def test_the_index_holds_what_responders_search_and_no_more(built_site):
    """Decision 019: a scenario's index entries hold its title, keywords, summary, outcome titles and each reply's
    default text once; step prose, "Do not" lists, platform variants, other languages, examples, contacts and
    the diagram stay out, and pages that repeat every scenario (the quick reference, the listings) are left out."""
    import html
    import json
    import sys

    sys.path.insert(0, str(built_site.parent))
    from htmltext import parse_file

    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for sid in ("complaint-about-care", "emergency-self-harm", "medical-question"):
        entries = [d for d in index["docs"] if d["location"].startswith(f"scenarios/{sid}/")]
        assert {d["location"].split("#")[-1] for d in entries if "#" in d["location"]} == {"guide", "about"}
        indexed = html.unescape(" ".join(" ".join(re.sub(r"<[^>]+>", " ", d["text"]).split()) for d in entries))
        page = parse_file(built_site / "scenarios" / sid / "index.html")
        kept = [e.text() for e in page.iter() if e.tag == "h3" and "pb-outcome" in e.parent.attrs.get("class", "")]
        for card in page.find_all("data-reply-id"):
            first = card.find_all("data-platform")[0]  # the tab that is open when the page loads
            kept += [e.text() for e in first.find_all("data-copy-text") if "data-default" in e.parent.attrs]
        kept.append(page.find_all("class", "pb-summary")[0].text())
        for text in kept:
            assert text and text in indexed, f"{sid}: {text[:60]!r} is not in the index"
        left_out = [e.text() for e in page.find_all("data-copy-text") if e.parent.attrs.get("data-lang") == "es"]
        left_out += [e.text() for e in page.iter() if e.tag == "li" and "pb-avoid" in (e.parent.parent.attrs.get("class", "") if e.parent.parent else "")]
        left_out += [e.text() for e in page.iter() if e.tag == "blockquote"]
        left_out += [e.text() for e in page.find_all("class", "pb-help")]
        assert left_out, sid
        for text in left_out:
            if text not in " ".join(kept):
                assert text not in indexed, f"{sid}: {text[:60]!r} should not be in the index"
    pages = {d["location"].split("#")[0] for d in index["docs"]}
    assert not {"quick-reference/", "browse/", "by-channel/", "by-severity/"} & pages


@pytest.mark.slow  # a whole build
def test_keywords_stay_once_per_page_whichever_plugin_is_listed_first(tmp_path):
    """CONTRACTS.md lists `plugins: [search, playbook]`; the bundled mkdocs.yml lists playbook first. Either way the
    plugin trims the search plugin's entries before it writes them (event priority)."""
    import json

    import yaml

    from conftest import ROOT, build_site

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins = config["plugins"]
    order = [next(iter(p)) if isinstance(p, dict) else p for p in plugins]
    config["plugins"] = [plugins[order.index("search")], plugins[order.index("playbook")]]
    config["docs_dir"] = str(ROOT / "docs")
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = build_site(tmp_path / "site", config=path)
    assert result.returncode == 0, result.stdout + result.stderr
    index = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    scenario_docs = [d for d in index["docs"] if SCENARIO_HREF.match(d["location"])]
    assert len([d for d in scenario_docs if "#" not in d["location"] and d.get("tags")]) == 18
    assert not [d["location"] for d in scenario_docs if "#" in d["location"] and "tags" in d]
