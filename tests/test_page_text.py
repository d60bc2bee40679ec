"""What the generated pages say, compared with text written out by hand.

Independent oracles: every expected string below was read off the YAML in
playbook/ (and tests/fixtures/policy/) and written here by hand; none is
computed by the code that renders the pages. The pages come from
`playbook generate DIR` (the command-line interface in CONTRACTS.md) and are read
through the stable hooks ([data-node], [data-reply], [data-contact]), so these
tests hold whatever renders the HTML. They are fast (no browser, no MkDocs);
the browser tests check the same text on the built site.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_playbook
from htmltext import parse_file

POLICY_SCENARIO = ROOT / "tests" / "fixtures" / "policy" / "scenarios" / "moderation.yaml"

# "Act within ..." at the top of each scenario page: its response_time, in words, by hand.
ACT_WITHIN = {
    "appointment-request": "4 hours", "complaint-about-care": "4 hours", "crisis-event": "15 minutes",
    "dm-thinks-doctor": "1 hour", "emergency-self-harm": "5 minutes", "impersonation-scam": "1 hour",
    "job-applicant": "24 hours", "legal-threat": "1 hour", "media-inquiry": "1 hour",
    "medical-question": "4 hours", "misinformation": "4 hours", "negative-comment": "24 hours",
    "patient-story-release": "1 hour", "praise-staff": "24 hours", "records-billing": "24 hours",
    "repeat-harasser": "4 hours", "review-response": "1 day", "third-party-inquiry": "1 hour",
}

# Outcomes as a responder reads them: the actions in order (with the bundled policy, hide),
# the deadline, and for some the contacts, "do not" items and log, all by hand.
OUTCOMES = {
    ("negative-comment", "urgent"): {
        "actions": ["Escalate"], "within": "15 minutes",
        "continue": ["An emergency or self-harm disclosure", "Threats or hints of legal action"],
        "log": "The post's link and a screenshot, in the escalation channel.",
        "avoid": ["Do not reply in public.", "Do not hide or delete it before a screenshot is taken."],
        "contacts": [("oncall_comms", "On-call Communications Lead (example)", "social@example.org", "tel:+15550105")],
    },
    ("negative-comment", "apply-policy"): {
        "actions": ["Hide it (our moderation policy)", "Report to the platform"], "within": "24 hours", "colour": "hide",
        "avoid": ["Do not reply to insults.", "Do not moderate before taking a screenshot."],
    },
    ("negative-comment", "take-offline"): {
        "actions": ["Reply", "Escalate"], "within": "24 hours", "colour": "reply",
        "contacts": [("patient_relations", "Patient Relations (example)", "patient.relations@example.org", "tel:+15550100")],
        "log": "The post's link, the reply's time, and the hand-off to Patient Relations.",
    },
    ("negative-comment", "no-reply"): {"actions": ["Leave it, no reply"], "within": "24 hours", "colour": "leave"},
    ("crisis-event", "pause-and-alert"): {
        "actions": ["Pause scheduled posts", "Escalate", "Leave it, no reply"], "within": "15 minutes", "colour": "pause-posts",
    },
    ("dm-thinks-doctor", "emergency"): {"actions": ["Reply privately", "Escalate"], "within": "5 minutes", "colour": "reply-privately"},
    ("complaint-about-care", "already-replied"): {"actions": ["Leave it, no reply", "Escalate"], "within": "1 day"},
    ("impersonation-scam", "someone-harmed"): {
        "actions": ["Reply privately", "Report to the platform", "Escalate"], "within": "30 minutes"},
    ("misinformation", "correct-about-us"): {"actions": ["Escalate", "Reply"], "within": "2 hours", "colour": "escalate"},
    ("patient-story-release", "invite-release"): {"actions": ["Reply privately", "Escalate"], "within": "24 hours"},
    ("repeat-harasser", "moderate-and-block"): {
        "actions": ["Hide it (our moderation policy)", "Block", "Report to the platform"], "within": "4 hours", "colour": "hide"},
    ("repeat-harasser", "protect-privacy"): {
        "actions": ["Hide", "Report to the platform", "Escalate"], "within": "30 minutes", "colour": "hide"},
}

# The copy bar beside each variant's copy button names the outcome's first "Do not" and how many
# more follow below the reply (issue 18), by hand: (first item, how many more, variants of the reply).
FIRST_DO_NOT = {
    ("negative-comment", "take-offline"): ("Do not confirm or deny that they are a patient.", 2, 4),
    ("emergency-self-harm", "self-harm-public"): ('Do not "like", react to, or share the post.', 3, 4),
    ("medical-question", "general-question"): ("Do not paraphrase or summarise health guidance in the comment.", 1, 4),
    ("complaint-about-care", "reply-privately"): ("Do not ask for dates, diagnoses or record numbers in the chat.", 2, 1),
}

# The moderation policy in organization.yaml, as the "moderate" action reads, and the colour it gives.
POLICY_WORDING = {
    "hide": ("Hide it (our moderation policy)", "hide"),
    "delete": ("Delete it (our moderation policy)", "delete"),
    "leave-and-reply-once": ("Leave it up and reply once; block only if it continues (our moderation policy)", "reply"),
}


def generate(playbook_dir: Path, out: Path) -> Path:
    result = run_playbook("generate", str(out), "--dir", str(playbook_dir), timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    return generate(ROOT / "playbook", tmp_path_factory.mktemp("generated"))


def scenario_doc(pages: Path, sid: str):
    return parse_file(pages / "scenarios" / f"{sid}.md")


def in_order(text: str, parts: list[str]) -> bool:
    at = 0
    for part in parts:
        at = text.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True


@pytest.mark.parametrize("sid", sorted(ACT_WITHIN))
def test_scenario_page_says_how_soon_to_act(pages, sid):
    doc = scenario_doc(pages, sid)
    head = doc.text()[:2000]  # the top of the page, before the guide
    assert f"Act within {ACT_WITHIN[sid]}" in head


@pytest.mark.parametrize("key", sorted(OUTCOMES), ids="/".join)
def test_outcome_reads_as_written_by_hand(pages, key):
    sid, oid = key
    want = OUTCOMES[key]
    node = scenario_doc(pages, sid).find("data-node", oid)
    assert node.attrs.get("data-kind") == "outcome"
    text = node.text()
    assert in_order(text, want["actions"]), f"{sid}/{oid}: actions {want['actions']} not in order in: {text[:400]}"
    assert f"Within {want['within']}" in text, f"{sid}/{oid}: {text[:400]}"
    if "colour" in want:
        assert node.has_class(f"pb-outcome-{want['colour']}"), node.attrs.get("class")
    for item in want.get("avoid", []):
        assert item in text
    if "log" in want:
        assert want["log"] in text
    for title in want.get("continue", []):
        assert f"Continue with: {title}" in text
    for cid, name, email, tel in want.get("contacts", []):
        card = node.find("data-contact", cid)
        assert name in card.text()
        hrefs = [a.attrs.get("href") for a in card.iter() if a.tag == "a"]
        assert f"mailto:{email}" in hrefs and tel in hrefs, hrefs


@pytest.mark.parametrize("key", sorted(FIRST_DO_NOT), ids="/".join)
def test_copy_bar_names_the_first_do_not(pages, key):
    sid, oid = key
    first, more, variants = FIRST_DO_NOT[key]
    node = scenario_doc(pages, sid).find("data-node", oid)
    bars = node.find_all("data-caution")
    assert len(bars) == variants, f"{sid}/{oid}: {len(bars)} copy bars with a caution"
    for bar in bars:
        assert bar.text() == f"Before you post: {first} ({more} more below)", bar.text()


@pytest.mark.parametrize("policy", sorted(POLICY_WORDING))
def test_moderate_action_follows_the_organisation_policy(tmp_path, policy):
    playbook = tmp_path / "playbook"
    (playbook / "scenarios").mkdir(parents=True)
    org = (ROOT / "playbook" / "organization.yaml").read_text(encoding="utf-8")
    assert org.count("abusive_comments: hide\n") == 1
    (playbook / "organization.yaml").write_text(org.replace("abusive_comments: hide\n", f"abusive_comments: {policy}\n"), encoding="utf-8")
    shutil.copy(ROOT / "playbook" / "compliance.yaml", playbook / "compliance.yaml")
    shutil.copy(POLICY_SCENARIO, playbook / "scenarios" / "moderation.yaml")
    doc = parse_file(generate(playbook, tmp_path / "out") / "scenarios" / "moderation.md")
    words, colour = POLICY_WORDING[policy]
    node = doc.find("data-node", "apply-policy")
    assert in_order(node.text(), [words, "Report to the platform", "Within 1 hour"]), node.text()[:300]
    assert node.has_class(f"pb-outcome-{colour}")
    assert "Act within 30 minutes" in doc.text()[:2000]
