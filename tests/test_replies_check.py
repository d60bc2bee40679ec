"""Reply checks (replies_check.py): which texts are checked against which platform."""
from __future__ import annotations

import shutil
from pathlib import Path

from playbook.check import check_dir

ROOT = Path(__file__).resolve().parent.parent
BASE = (ROOT / "tests" / "fixtures" / "codes" / "PB304.yaml").read_text(encoding="utf-8")
LONG = "We are sorry to hear this and we would like to understand what happened. " * 3  # 222 characters


def _check(tmp_path, scenario: str) -> list:
    shutil.copytree(ROOT / "playbook", tmp_path / "pb")
    (tmp_path / "pb" / "scenarios" / "fixture.yaml").write_text(scenario, encoding="utf-8")
    _, problems = check_dir(str(tmp_path / "pb"))
    return [p for p in problems if p.path.endswith("fixture.yaml") and p.code.startswith("PB6")]


def _scenario(channels: str, text: str, actions: str = "[reply]") -> str:
    head = BASE.split("replies:\n")[0].replace("channels: [facebook, x]", f"channels: [{channels}]")
    head = head.replace("actions: [reply]", f"actions: {actions}")
    return head + f"replies:\n  offline:\n    title: Move it offline\n    text: \"{text}\"\n"


def test_default_text_is_checked_on_channels_without_a_variant(tmp_path):
    found = _check(tmp_path, _scenario("facebook, tiktok", LONG.strip()))
    assert [p.code for p in found] == ["PB604"]
    assert "TikTok allows 150" in found[0].message


def test_a_reply_only_sent_privately_is_a_direct_message(tmp_path):
    found = _check(tmp_path, _scenario("facebook, tiktok", "Hi [first name], " + LONG.strip(), "[reply-privately]"))
    assert found == []


def test_length_is_counted_after_placeholders_are_filled(tmp_path):
    # 130 characters plus the filled email is over TikTok's 150; the raw text is not. The email differs
    # between the bundled locations: the longest, the children's hospital's (38), is the one reported.
    text = "x" * 130 + " {contacts.patient_relations.email}"
    scenario = _scenario("facebook, tiktok", "Short.").replace('    text: "Short."\n', f'    text: "Short."\n    variants:\n      tiktok: "{text}"\n')
    found = _check(tmp_path, scenario)
    assert [p.code for p in found] == ["PB600"]
    assert "169 characters at location 'childrens-hospital'" in found[0].message
