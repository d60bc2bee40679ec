"""Guidance and practice pages as generated text: the moderation page shows the
organisation's chosen policy, and practice cases come from the scenarios' examples."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from playbook.load import load_playbook
from playbook.pages import generate
from playbook.model import POLICY_NAMES
from playbook.views.practice import cases


def moderation_page(pb):
    return generate(pb)


def practice_page(pb):
    return generate(pb)["onboarding/practice.md"]

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def pb():
    return load_playbook(str(ROOT / "playbook"))


def _with_org(pb, **changes):
    org = pb.org.model_copy(update=changes)
    pb.organization.obj = org
    return pb


@pytest.mark.parametrize("policy", ["hide", "delete", "leave-and-reply-once"])
def test_moderation_page_shows_the_chosen_policy(pb, policy):
    policies = pb.org.policies.model_copy(update={"abusive_comments": policy})
    page = moderation_page(_with_org(pb, policies=policies))["guidance/moderation-policy.md"]
    assert f'data-policy="{policy}"' in page
    chosen = re.search(r'has chosen: <strong>([^<]+)</strong>', page).group(1)
    assert chosen == POLICY_NAMES[policy].replace("'", "&#x27;")
    # the options table marks exactly one row as ours
    assert page.count('class="pb-policy-chosen"') == 1
    assert "Take a screenshot" in page


def test_moderation_page_without_required_screenshot(pb):
    policies = pb.org.policies.model_copy(update={"screenshot_before_moderating": False})
    page = moderation_page(_with_org(pb, policies=policies))["guidance/moderation-policy.md"]
    steps = re.search(r'<ol class="pb-policy-steps">(.*?)</ol>', page).group(1)
    assert "screenshot" not in steps.lower()
    assert "does not require a screenshot" in page


def test_moderation_page_escapes_the_org_name(pb):
    page = moderation_page(_with_org(pb, name="<script>alert(1)</script> & Co"))["guidance/moderation-policy.md"]
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page


def test_generated_pages_include_guidance_and_practice(pb):
    pages = generate(pb)
    assert "guidance/moderation-policy.md" in pages
    assert "onboarding/practice.md" in pages


def test_practice_has_every_example_once(pb):
    all_cases = cases(pb.scenario_list())
    examples = [(s.id, ex.text) for s in pb.scenario_list() for ex in s.examples]
    assert len(all_cases) >= 12, "practice mode needs at least 12 cases"
    assert sorted((s.id, ex.text) for s, ex, _ in all_cases) == sorted(examples)
    page = practice_page(pb)
    assert page.count('data-case="') == len(all_cases)
    assert page.count("<details") == len(all_cases)
    assert "search" in page.split("---")[1] and "exclude" in page.split("---")[1]


def test_practice_answer_matches_the_outcome(pb):
    scen, ex, out = cases(pb.scenario_list())[0]
    page = practice_page(pb)
    case1 = page[page.index('id="case-1"'):page.index('id="case-2"')]
    assert f"<strong data-outcome-title>{out.title}</strong>".replace("'", "&#x27;") in case1
    if out.why:
        assert "data-case-why" in case1
    assert f'scenarios/{scen.id}/#node-{ex.outcome}' in case1


def test_practice_escapes_example_text(pb):
    scen = pb.scenario_list()[0]
    ex = scen.examples[0].model_copy(update={"text": '<img src=x onerror=alert(1)> "quoted" {{ jinja }}'})
    scen.examples[0] = ex
    page = practice_page(pb)
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot;" in page


def test_every_scenario_page_shows_owner_and_last_review(pb):
    pages = generate(pb)
    for scen in pb.scenario_list():
        page = pages[f"scenarios/{scen.id}.md"]
        owner = pb.org.contacts[scen.owner].name.replace("&", "&amp;")
        assert f"<dt>Owner</dt><dd>{owner}</dd>" in page, scen.id
        assert f'<dt>Last reviewed</dt><dd><time datetime="{scen.review.date.isoformat()}">' in page, scen.id
