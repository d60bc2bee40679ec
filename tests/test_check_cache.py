"""The check's per-file cache (check_cache.py) makes a re-check fast and never changes its answer.

The oracle is the full check without a cache (check.check_dir). Each test changes
something the cache could wrongly remember (a scenario, a shared file, the day,
the code, the cache file itself) and asserts the problem that change causes is
reported, with its code and place written out by hand.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from pathlib import Path

import pytest

from conftest import run_playbook
from playbook import check_cache, pipeline
from playbook.check import check_dir
from playbook.check_cache import check_dir_cached, load_and_check
from test_codes import apply_fixture, fixture_files

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "playbook"
TODAY = dt.date(2026, 12, 1)  # after every bundled review date, before any is overdue


@pytest.fixture
def pb(tmp_path):
    shutil.copytree(BUNDLED, tmp_path / "playbook")
    return tmp_path / "playbook"


def cached(root: Path, today=TODAY, folder=None):
    return check_dir_cached(str(root), today=today, folder=str(folder) if folder else None)


def full(root: Path, today=TODAY):
    return check_dir(str(root), today=today)[1]


def codes_at(problems, name):
    return sorted((p.code, p.line, p.col) for p in problems if Path(p.path).name == name)


def cache_file(root: Path) -> Path:
    (path,) = [p for p in (root.parent / ".build" / "check-cache").glob("*.json") if not p.name.startswith("strings-")]
    return path


def memo_file(root: Path) -> Path:
    (path,) = (root.parent / ".build" / "check-cache").glob("strings-*.json")
    return path


def snapshot_file(root: Path) -> Path:
    (path,) = (root.parent / ".build" / "check-cache").glob("shared-*.pickle")
    return path


@pytest.mark.sweep(every=10)
@pytest.mark.parametrize("code", sorted(fixture_files()))
def test_cold_and_warm_cached_checks_equal_the_full_check(code, tmp_path):
    """Every problem code's fixture: the cached check reports what the full check reports, cold and warm."""
    apply_fixture(fixture_files()[code], tmp_path / "playbook")
    root = tmp_path / "playbook"
    expected = full(root)
    assert code in {p.code for p in expected}
    cold, first = cached(root)
    warm, second = cached(root)
    assert cold == expected
    assert warm == expected
    assert first["checked"] == first["files"]
    unreadable = 1 if code == "PB100" else 0  # a file that cannot be read is never cached
    assert second["checked"] == unreadable


@pytest.mark.sweep(every=10)
@pytest.mark.parametrize("code", sorted(fixture_files()))
def test_the_build_check_loads_everything_and_equals_the_full_check(code, tmp_path):
    """The MkDocs plugin's check (load_and_check): every scenario loaded for the pages, unchanged files' results from the cache."""
    apply_fixture(fixture_files()[code], tmp_path / "playbook")
    root = tmp_path / "playbook"
    full_pb, expected = check_dir(str(root), today=TODAY)
    for _ in range(2):  # cold, then from the cache
        built_pb, problems = load_and_check(str(root), today=TODAY)
        assert problems == expected
        assert [i.obj.id for i in built_pb.scenarios] == [i.obj.id for i in full_pb.scenarios]
        assert [i.path for i in built_pb.partial_trees] == [i.path for i in full_pb.partial_trees]
    assert cached(root)[1]["checked"] == (1 if code == "PB100" else 0)  # and `playbook check` reuses what it wrote


def test_a_warm_check_reads_only_the_edited_file(pb):
    assert cached(pb) == ([], {"files": 18, "hashed": 18, "checked": 18})
    path = pb / "scenarios" / "negative-comment.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("severity: low\n", "severity: low\nsevrity: high\n"), encoding="utf-8")
    problems, counts = cached(pb)
    assert counts["checked"] == 1
    assert codes_at(problems, "negative-comment.yaml") == [("PB200", 11, 1)]
    assert problems == full(pb)


def test_the_content_decides_not_the_time_stamp(pb):
    cached(pb)
    path = pb / "scenarios" / "praise-staff.yaml"
    before = os.stat(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nid: praise-staff\n", "\nid: praise-staf\n"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same time stamp as the cached version
    problems, counts = cached(pb)
    assert counts["checked"] == 1
    assert ("PB206", 2, 5) in codes_at(problems, "praise-staff.yaml")


def settle(monkeypatch, seconds=60):
    """Write the cache as if `seconds` had passed since the files last changed, so their status is trusted."""
    monkeypatch.setattr(check_cache, "_now_ns", lambda: time.time_ns() + seconds * 10**9)


def written_after_files(monkeypatch, root, seconds):
    """Write the cache as if `seconds` had passed since the last scenario file changed, however long the check
    itself takes (a cold check of the bundled playbook can take longer than RACY_SECONDS on a busy machine)."""
    last = max(os.stat(path).st_ctime_ns for path in (root / "scenarios").iterdir())
    monkeypatch.setattr(check_cache, "_now_ns", lambda: last + seconds * 10**9)


def test_unchanged_files_that_had_settled_are_not_read_again(pb, monkeypatch):
    written_after_files(monkeypatch, pb, 1)
    cached(pb)
    assert cached(pb)[1]["hashed"] == 18  # just written: too close to the cache's own time to trust
    settle(monkeypatch)
    cached(pb)
    assert cached(pb)[1] == {"files": 18, "hashed": 0, "checked": 0}


def test_a_change_is_found_even_with_the_same_size_and_time_stamp(pb, monkeypatch):
    settle(monkeypatch)
    cached(pb)
    cached(pb)
    path = pb / "scenarios" / "praise-staff.yaml"
    before = os.stat(path)
    text = path.read_text(encoding="utf-8")
    changed = text.replace("\nseverity: low\n", "\nseverity: lox\n")
    assert len(changed) == len(text)
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    problems, counts = cached(pb)
    assert counts == {"files": 18, "hashed": 1, "checked": 1}
    assert codes_at(problems, "praise-staff.yaml") == [("PB203", 12, 11)]


def test_a_file_written_just_before_the_cache_is_hashed_again(pb, monkeypatch):
    written_after_files(monkeypatch, pb, 1)  # within RACY_SECONDS: a coarse clock could give a later write the same times
    cached(pb)
    assert cached(pb)[1]["hashed"] == 18


def test_a_change_to_organization_yaml_rechecks_every_scenario(pb):
    cached(pb)
    org = pb / "organization.yaml"
    text = org.read_text(encoding="utf-8")
    assert "  billing:\n" in text
    org.write_text(text.replace("  billing:\n", "  billing_office:\n"), encoding="utf-8")
    problems, counts = cached(pb)
    assert counts["checked"] == 18
    assert problems == full(pb)
    # records-billing.yaml itself did not change, but its contact and placeholders no longer exist
    assert {"PB301", "PB303"} <= {code for code, _, _ in codes_at(problems, "records-billing.yaml")}


def test_a_new_compliance_rule_applies_to_unchanged_scenarios(pb):
    cached(pb)
    comp = pb / "compliance.yaml"
    text = comp.read_text(encoding="utf-8")
    assert text.count("\nrules:\n") == 1
    comp.write_text(text.replace("\nrules:\n", "\nrules:\n"
                                 "  - id: no-thanks-test\n"
                                 "    severity: error\n"
                                 "    why: A test rule.\n"
                                 "    instead: Say it otherwise.\n"
                                 "    phrases: [\"thank you\"]\n"), encoding="utf-8")
    problems, counts = cached(pb)
    assert counts["checked"] == 18
    assert problems == full(pb)
    assert any(p.code == "PB700" and "no-thanks-test" in p.message and Path(p.path).name == "praise-staff.yaml" for p in problems)


def test_another_shared_file_is_part_of_the_key(pb):
    """Any file outside scenarios/ may feed a check one day: a change to it re-checks everything."""
    cached(pb)
    (pb / "notes.txt").write_text("anything", encoding="utf-8")
    assert cached(pb)[1]["checked"] == 18


def test_the_approvals_ledger_is_judged_against_every_scenario_from_the_cache(pb):
    """A reply renamed in one file: only that file is read again, yet the ledger (a shared file) is judged against
    the replies of all 18 (collected per file): its entry for the old name points nowhere, the new name is unapproved."""
    cached(pb)
    path = pb / "scenarios" / "praise-staff.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("\n  pass-it-on:\n") == 1 and text.count("reply: pass-it-on\n") == 1
    path.write_text(text.replace("\n  pass-it-on:\n", "\n  pass-along:\n").replace("reply: pass-it-on\n", "reply: pass-along\n"),
                    encoding="utf-8")
    problems, counts = cached(pb)
    assert counts["checked"] == 1
    assert problems == full(pb)
    ledger = (pb / "approvals.yaml").read_text(encoding="utf-8").split("\n")
    entries = [(i + 1, line.index("praise-staff/") + 1) for i, line in enumerate(ledger) if line == "  - reply: praise-staff/pass-it-on"]
    assert entries and codes_at(problems, "approvals.yaml") == [("PB804", n, c) for n, c in entries]  # every entry for the old name
    renamed = text.replace("\n  pass-it-on:\n", "\n  pass-along:\n").split("\n").index("  pass-along:") + 1
    assert codes_at(problems, "praise-staff.yaml") == [("PB800", renamed, 3)]
    built, problems = load_and_check(str(pb), today=TODAY)
    assert problems == full(pb)
    assert built.approvals is not None and built.danger is not None  # the pages show approvals and the crisis links
    assert built.failed_scenarios == set()


def test_a_new_day_makes_reviews_overdue(pb):
    cached(pb, today=TODAY)
    later = TODAY + dt.timedelta(days=400)
    problems, counts = cached(pb, today=later)
    assert counts["checked"] == 18
    assert problems == full(pb, today=later)
    review = (pb / "scenarios" / "negative-comment.yaml").read_text(encoding="utf-8").split("\n").index("review:") + 1
    assert ("PB500", review + 1, 9) in codes_at(problems, "negative-comment.yaml")  # at the review's date


def test_other_code_does_not_use_the_cache(pb, monkeypatch):
    cached(pb)
    monkeypatch.setattr(check_cache, "code_version", lambda: "another version of the code")
    assert cached(pb)[1]["checked"] == 18


def test_a_duplicate_id_in_a_new_file(pb):
    cached(pb)
    shutil.copy(pb / "scenarios" / "praise-staff.yaml", pb / "scenarios" / "praise-staff-copy.yaml")
    problems, counts = cached(pb)
    assert counts["checked"] == 1
    assert problems == full(pb)
    # the copy sorts first ('-' before '.'), so the original is the one whose id is taken
    assert codes_at(problems, "praise-staff-copy.yaml") == [("PB206", 2, 5)]
    assert codes_at(problems, "praise-staff.yaml") == [("PB207", 2, 5)]


def test_a_deleted_file_is_forgotten(pb):
    cached(pb)
    (pb / "scenarios" / "legal-threat.yaml").unlink()
    problems, _ = cached(pb)
    # other scenarios point to it with see:
    assert "PB309" in {p.code for p in problems}
    assert problems == full(pb)
    assert "legal-threat.yaml" not in json.loads(cache_file(pb).read_bytes().partition(b"\n")[2])


# ---------------------------------------------------------------- a broken cache is ignored


def _with_problem(pb: Path) -> list:
    path = pb / "scenarios" / "job-applicant.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("severity: low\n", "severity: lowest\n"), encoding="utf-8")
    problems, _ = cached(pb)
    assert [code for code, _, _ in codes_at(problems, "job-applicant.yaml")] == ["PB203"]
    return problems


def _forget_problems(raw: bytes) -> bytes:
    """The cache file with the problems of job-applicant.yaml removed, and the checksum left as it was."""
    head, _, body = raw.partition(b"\n")
    data = json.loads(body)
    data["files"]["job-applicant.yaml"]["problems"] = []
    return head + b"\n" + json.dumps(data).encode()


@pytest.mark.parametrize("damage", [
    lambda raw: raw[: len(raw) // 2],                      # cut off (disk full, killed while writing)
    lambda raw: b"",                                       # empty
    lambda raw: b"\x00\xff" * 50,                          # not text
    lambda raw: raw.replace(b"PB203", b"PB999"),           # bytes changed inside
    _forget_problems,                                      # a problem removed, the checksum not updated
    lambda raw: b'{"format": "playbook-check-cache 0"}\n{}',  # another format
    lambda raw: raw.partition(b"\n")[0] + b"\n[]",         # a body of the wrong shape
], ids=["truncated", "empty", "binary", "changed", "problem-removed", "old-format", "wrong-shape"])
def test_a_damaged_cache_never_hides_a_problem(pb, damage):
    expected = _with_problem(pb)
    path = cache_file(pb)
    path.write_bytes(damage(path.read_bytes()))
    problems, counts = cached(pb)
    assert problems == expected
    assert counts["checked"] == 18
    assert cached(pb)[0] == expected
    assert cached(pb)[1]["checked"] == 0  # and it was rewritten


def test_a_cache_that_cannot_be_written_is_no_error(pb, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    expected = _with_problem(pb)
    assert cached(pb, folder=blocked / "cache") == (expected, {"files": 18, "hashed": 18, "checked": 18})


def test_a_cache_folder_in_place_of_the_file(pb):
    expected = _with_problem(pb)
    path = cache_file(pb)
    path.unlink()
    path.mkdir()
    assert cached(pb)[0] == expected


def test_a_per_scenario_check_may_not_read_other_scenarios(pb, monkeypatch):
    """What a check learns from one file is cached with that file alone; reading others must fail loudly."""
    def peeks_at_others(pb_, item):
        others = {other.obj.id for other in pb_.scenarios} - {item.obj.id}
        return [] if others else []

    monkeypatch.setattr(pipeline, "SCENARIO_CHECKS", pipeline.SCENARIO_CHECKS + (peeks_at_others,))
    with pytest.raises(RuntimeError, match="CROSS_SCENARIO_CHECKS"):
        cached(pb)


def test_the_command_uses_the_cache_and_no_cache_skips_it(pb):
    _with_problem(pb)
    shutil.rmtree(pb.parent / ".build")
    plain = run_playbook("check", "--no-cache", str(pb), cwd=pb.parent)
    assert not (pb.parent / ".build").exists()
    first = run_playbook("check", str(pb), cwd=pb.parent)
    second = run_playbook("check", str(pb), cwd=pb.parent)
    assert cache_file(pb).is_file()
    assert plain.returncode == first.returncode == second.returncode == 1
    assert plain.stdout == first.stdout == second.stdout
    assert "playbook/scenarios/job-applicant.yaml:" in second.stdout and " PB203 " in second.stdout


# ---------------------------------------------------------------- what is kept besides the entries


def _reply_text(pb: Path, name: str, old: str, new: str) -> None:
    path = pb / "scenarios" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


WELCOME = "We'll pass the praise along, and we'd like to hear more:"  # praise-staff.yaml, a reply's x variant


def test_a_reply_edited_to_break_a_rule_is_caught_by_a_warm_check(pb):
    """The edited file's unchanged texts come from the kept findings, the new text is matched afresh."""
    cached(pb)
    cached(pb)
    assert check_cache.compliance.FINDINGS.known  # the findings of every text were kept
    before = sum(1 for _ in (pb.parent / ".build" / "check-cache").glob("strings-*.json"))
    assert before == 1
    _reply_text(pb, "praise-staff.yaml", WELCOME, "Welcome back! " + WELCOME)
    problems, counts = cached(pb)
    assert counts["checked"] == 1
    assert problems == full(pb)
    assert any(p.code == "PB700" and Path(p.path).name == "praise-staff.yaml" and "Welcome back" in p.message for p in problems)
    _reply_text(pb, "praise-staff.yaml", "Welcome back! " + WELCOME, WELCOME)
    assert not any(p.code == "PB700" for p in cached(pb)[0])


def test_a_broken_pattern_in_compliance_yaml_is_reported_warm_and_gone_when_fixed(pb):
    """The shared files' own problems are kept under the cache key, which covers their bytes."""
    comp = pb / "compliance.yaml"
    good = comp.read_text(encoding="utf-8")
    cached(pb)
    comp.write_text(good.replace("\nrules:\n", "\nrules:\n  - id: broken-pattern\n    severity: error\n"
                                 "    why: A test rule.\n    instead: Fix it.\n    patterns: ['(as our patient']\n", 1), encoding="utf-8")
    for _ in range(2):  # cold for the new key, then warm
        problems, _ = cached(pb)
        assert problems == full(pb)
        assert [p.code for p in problems if Path(p.path).name == "compliance.yaml"] == ["PB702"]
    comp.write_text(good, encoding="utf-8")
    for _ in range(2):
        assert not [p for p in cached(pb)[0] if Path(p.path).name == "compliance.yaml"]


def _memo_without_findings(raw: bytes) -> bytes:
    """The patterns' memo with every kept finding removed, and the checksum left as it was."""
    head, _, body = raw.partition(b"\n")
    data = json.loads(body)
    data["findings"] = {key: [] for key in data["findings"]}
    return head + b"\n" + json.dumps(data).encode()


_DAMAGE = {
    "truncated": lambda raw: raw[: len(raw) // 2],
    "empty": lambda raw: b"",
    "binary": lambda raw: b"\x00\xff" * 50,
    "changed": lambda raw: raw.partition(b"\n")[0] + b"\n" + bytes(b ^ 1 for b in raw.partition(b"\n")[2][:64]) + raw.partition(b"\n")[2][64:],
}


@pytest.mark.parametrize("which,damage", [(which, name) for which in ("memo", "snapshot") for name in _DAMAGE] + [("memo", "findings-removed")])
def test_a_damaged_memo_or_snapshot_never_hides_a_problem(pb, which, damage):
    """A violation in an edited scenario and a broken pattern in compliance.yaml are still reported."""
    comp = pb / "compliance.yaml"
    comp.write_text(comp.read_text(encoding="utf-8").replace("\nrules:\n", "\nrules:\n  - id: broken-pattern\n    severity: error\n"
                    "    why: A test rule.\n    instead: Fix it.\n    patterns: ['(as our patient']\n", 1), encoding="utf-8")
    _reply_text(pb, "praise-staff.yaml", WELCOME, "Welcome back! " + WELCOME)
    cached(pb)
    target = memo_file(pb) if which == "memo" else snapshot_file(pb)
    spoil = _memo_without_findings if damage == "findings-removed" else _DAMAGE[damage]
    target.write_bytes(spoil(target.read_bytes()))
    edited = pb / "scenarios" / "praise-staff.yaml"  # an edit that keeps the violation, so the file is checked again
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    check_cache.compliance.FINDINGS.known.clear()  # as in a new process: only the file can answer
    check_cache.compliance.TRIGGERS.known.clear()
    check_cache.compliance.SYNTAX_FAULTS.known.clear()
    problems, _ = cached(pb)
    assert problems == full(pb)
    assert [p.code for p in problems if Path(p.path).name == "compliance.yaml"] == ["PB702"]
    assert any(p.code == "PB700" and Path(p.path).name == "praise-staff.yaml" and "Welcome back" in p.message for p in problems)


def test_the_memo_keeps_results_per_code_version(pb, monkeypatch):
    cached(pb)
    first = memo_file(pb).name
    monkeypatch.setattr(check_cache, "code_version", lambda: "other code")
    cached(pb)
    assert memo_file(pb).name != first  # the old version's file is removed when the new one is written
