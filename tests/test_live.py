"""The live preview's playbook (live.py) re-reads only what changed and finds exactly what a full check finds."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from playbook.check import check_dir
from playbook.live import LivePlaybook

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def pb(tmp_path):
    shutil.copytree(ROOT / "playbook", tmp_path / "playbook")
    return tmp_path / "playbook"


def ids(playbook):
    return [item.obj.id for item in playbook.scenarios]


def test_only_the_saved_file_is_read_again_and_the_result_is_a_full_check(pb):
    live = LivePlaybook(str(pb))
    playbook, problems, changed = live.refresh(TODAY)
    assert problems == [] and len(changed) == 18 and len(playbook.scenarios) == 18
    assert live.refresh(TODAY)[2] == set()
    path = pb / "scenarios" / "negative-comment.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: A negative comment or rant", "title: A rant"), encoding="utf-8")
    playbook, problems, changed = live.refresh(TODAY)
    assert changed == {"negative-comment.yaml"}
    assert next(item.obj.title for item in playbook.scenarios if item.obj.id == "negative-comment") == "A rant"
    assert ids(playbook) == ids(check_dir(str(pb), TODAY)[0])


def test_an_error_and_its_fix(pb):
    live = LivePlaybook(str(pb))
    live.refresh(TODAY)
    path = pb / "scenarios" / "legal-threat.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("\nseverity: ", "\nseverity: very-"), encoding="utf-8")
    playbook, problems, _ = live.refresh(TODAY)
    assert problems == check_dir(str(pb), TODAY)[1]
    assert [p.code for p in problems if Path(p.path).name == "legal-threat.yaml"] == ["PB203"]
    assert "legal-threat" not in ids(playbook)
    assert {p.code for p in problems} >= {"PB309"}  # other scenarios' see: now point nowhere
    path.write_text(good, encoding="utf-8")
    playbook, problems, changed = live.refresh(TODAY)
    assert problems == [] and changed == {"legal-threat.yaml"} and "legal-threat" in ids(playbook)


def test_a_shared_file_change_rechecks_every_scenario(pb):
    live = LivePlaybook(str(pb))
    live.refresh(TODAY)
    org = pb / "organization.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("  billing:\n", "  billing_office:\n"), encoding="utf-8")
    playbook, problems, changed = live.refresh(TODAY)
    assert changed == set()  # no scenario file was read again, but all were checked again
    assert problems == check_dir(str(pb), TODAY)[1]
    assert "PB301" in {p.code for p in problems if Path(p.path).name == "records-billing.yaml"}


def test_a_new_day_and_a_deleted_file(pb):
    live = LivePlaybook(str(pb))
    live.refresh(TODAY)
    later = TODAY + dt.timedelta(days=400)
    assert live.refresh(later)[1] == check_dir(str(pb), later)[1]
    (pb / "scenarios" / "praise-staff.yaml").unlink()
    playbook, problems, changed = live.refresh(TODAY)
    assert changed == {"praise-staff.yaml"} and "praise-staff" not in ids(playbook)
    assert problems == check_dir(str(pb), TODAY)[1]


def test_the_ledger_and_the_danger_screen_come_along(pb):
    """The preview's pages show each reply's approval and the box's crisis links: its playbook keeps approvals.yaml
    and danger.yaml, and a reply edited after its approval is reported as changed since."""
    live = LivePlaybook(str(pb))
    playbook, problems, _ = live.refresh(TODAY)
    assert problems == [] and playbook.approvals is not None and playbook.danger is not None
    path = pb / "scenarios" / "praise-staff.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("mean more to our teams than we can say.") == 2
    path.write_text(text.replace("mean more to our teams than we can say.", "mean a lot to our teams.", 1), encoding="utf-8")
    playbook, problems, changed = live.refresh(TODAY)
    assert changed == {"praise-staff.yaml"}
    assert [(p.code, Path(p.path).name, p.line, p.col) for p in problems] == [("PB801", "praise-staff.yaml", 176, 3)]
    assert problems == check_dir(str(pb), TODAY)[1]
    assert playbook.approvals is not None and playbook.danger is not None
