"""Approvals bound to the exact text of each reply: the hash, the ledger, the checks and `playbook approve`."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from pathlib import Path

import pytest

from conftest import run_playbook
from playbook import model
from playbook.approvals import LedgerError, appended, canonical_texts, text_hash
from playbook.check import check_dir
from test_codes import apply_fixture

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "playbook"
FIXTURES = ROOT / "tests" / "fixtures" / "codes"
TODAY = dt.date.today().isoformat()
DANA = "Dana Example, Compliance Officer (example)"
MARKER = re.compile(r"\s# <- (.+?)\s*$")


def marked(fixture: Path) -> tuple[int, int]:
    """(line, col) of the `# <- TEXT` mark: the line it is on, the column where TEXT starts."""
    for n, line in enumerate(fixture.read_text(encoding="utf-8").split("\n"), 1):
        m = MARKER.search(line)
        if m:
            return n, line.index(m.group(1)) + 1
    raise AssertionError(f"{fixture.name} has no '# <- TEXT' mark")


def copy_playbook(tmp_path: Path) -> Path:
    dest = tmp_path / "playbook"
    shutil.copytree(BUNDLED, dest)
    return dest


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def codes_in(problems, prefix: str = "PB8") -> list[str]:
    return [p.format() for p in problems if p.code.startswith(prefix)]


# ---------------------------------------------------------------- the codes, at the exact place


@pytest.mark.parametrize("code", ["PB800", "PB801", "PB802", "PB803", "PB804", "PB805"])
def test_fixture_gives_its_code_once_at_the_marked_place(code, tmp_path):
    fixture = FIXTURES / f"{code}.yaml"
    target = apply_fixture(fixture, tmp_path / "playbook")
    _, problems = check_dir(str(tmp_path / "playbook"))
    hits = [p for p in problems if p.code == code]
    assert len(hits) == 1, "\n".join(p.format() for p in problems if p.code.startswith("PB8"))
    assert Path(hits[0].path).name == target.name
    assert (hits[0].line, hits[0].col) == marked(fixture), hits[0].format()


def test_changed_text_names_who_approved_the_old_text_and_when(tmp_path):
    apply_fixture(FIXTURES / "PB801.yaml", tmp_path / "playbook")
    _, problems = check_dir(str(tmp_path / "playbook"))
    (hit,) = [p for p in problems if p.code == "PB801"]
    assert hit.message == "reply 'take-it-offline' changed since Dana Example, Compliance Officer (example) approved it on 2026-11-28"
    assert "playbook approve negative-comment/take-it-offline" in hit.hint
    assert hit.severity == "warning"


def test_require_approval_makes_them_errors_and_check_exits_1(tmp_path):
    apply_fixture(FIXTURES / "PB803.yaml", tmp_path / "playbook")
    result = run_playbook("check", str(tmp_path / "playbook"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"negative-comment\.yaml:\d+:3: PB803 reply 'take-it-offline' changed since Dana Example", result.stdout), result.stdout
    apply_fixture(FIXTURES / "PB801.yaml", tmp_path / "warn")
    result = run_playbook("check", str(tmp_path / "warn"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PB801 warning: reply 'take-it-offline' changed" in result.stdout


def test_the_bundled_playbook_is_fully_approved():
    _, problems = check_dir(str(BUNDLED))
    assert codes_in(problems) == []
    first = (BUNDLED / "approvals.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/approvals.schema.json"


def test_without_a_ledger_nothing_is_approved(tmp_path):
    pb = copy_playbook(tmp_path)
    (pb / "approvals.yaml").unlink()
    loaded, problems = check_dir(str(pb))
    replies = sum(len(s.replies) for s in loaded.scenario_list())
    assert replies > 20
    assert [p.code for p in problems] == ["PB800"] * replies


def test_a_malformed_entry_is_reported_by_the_model_codes(tmp_path):
    pb = copy_playbook(tmp_path)
    (pb / "approvals.yaml").write_text(
        "approvals:\n"
        "  - reply: negative-comment\n"           # line 2: not SCENARIO/REPLY
        "    text_sha256: abc\n"                   # line 3: not 64 hex digits
        "    by: \"A, B\"\n"
        "    date: 2026-11-01\n"
        "    note: extra\n", encoding="utf-8")     # line 6: unknown field
    _, problems = check_dir(str(pb))
    got = {(p.code, p.line, p.col) for p in problems if p.path.endswith("approvals.yaml")}
    assert got == {("PB204", 2, 12), ("PB204", 3, 18), ("PB200", 6, 5)}, got


# ---------------------------------------------------------------- the hash: exact text, not layout


def test_hash_is_sha256_of_sorted_key_text_pairs_as_compact_json():
    reply = model.Reply(title="T", text="  Call {contacts.x.phone} now.\n", variants={"x": "Hi.", "dm": "Hello [first name]."})
    # Written out by hand: keys sorted, texts stripped, placeholders as written, no spaces.
    expected = '[["default","Call {contacts.x.phone} now."],["dm","Hello [first name]."],["x","Hi."]]'
    assert canonical_texts(reply) == expected
    assert text_hash(reply) == hashlib.sha256(expected.encode("utf-8")).hexdigest()


def test_hash_of_non_ascii_text_uses_the_characters_themselves():
    reply = model.Reply(title="T", text="Llame al 988 — gratis.")
    assert canonical_texts(reply) == '[["default","Llame al 988 — gratis."]]'


def test_rewrapping_a_folded_block_needs_no_new_approval(tmp_path):
    pb = copy_playbook(tmp_path)
    replace_in(pb / "scenarios" / "negative-comment.yaml",
               "      We're sorry to hear this, and we'd like to understand what happened.\n      Please contact",
               "      We're sorry to hear this,\n      and we'd like to understand what happened. Please contact")
    replace_in(pb / "scenarios" / "negative-comment.yaml", "    text: >-\n      We're sorry", "    text: >\n      We're sorry")
    _, problems = check_dir(str(pb))
    assert codes_in(problems) == []


def test_changing_an_organisation_phone_number_needs_no_new_approval(tmp_path):
    pb = copy_playbook(tmp_path)
    replace_in(pb / "organization.yaml", 'phone: "+1 555-0100"', 'phone: "+1 555-0199"')
    _, problems = check_dir(str(pb))
    assert codes_in(problems) == []


def test_reordering_variants_needs_no_new_approval(tmp_path):
    pb = copy_playbook(tmp_path)
    path = pb / "scenarios" / "negative-comment.yaml"
    text = path.read_text(encoding="utf-8")
    x_line = next(line for line in text.splitlines(keepends=True) if line.startswith("      x: "))
    text = text.replace(x_line, "")
    path.write_text(text.rstrip("\n") + "\n" + x_line, encoding="utf-8")  # x moves to the end of the variants
    _, problems = check_dir(str(pb))
    assert codes_in(problems) == []


@pytest.mark.parametrize("changes", [
    [("we'd like to understand what happened", "we want to understand what happened")],  # the default text
    [("(link in bio) so they can follow up.", "(link in bio) so they can follow up soon.")],  # one variant
    # another placeholder, in the X variant and in its Spanish version alike (a translation keeps the original's
    # placeholders, PB623): a change of text all the same
    [("{contacts.patient_relations.email} so they can follow up directly.\"", "{contacts.patient_relations.phone} so they can follow up directly.\""),
     ("{contacts.patient_relations.email} para que le den seguimiento directamente.\n          tiktok",
      "{contacts.patient_relations.phone} para que le den seguimiento directamente.\n          tiktok")],
    [("(enlace en la biografía) para que le den seguimiento.", "(enlace en la biografía) para que le den seguimiento pronto.")],  # a translation
], ids=["default", "variant", "placeholder", "translation"])
def test_changing_any_word_of_any_text_needs_a_new_approval(changes, tmp_path):
    pb = copy_playbook(tmp_path)
    for old, new in changes:
        replace_in(pb / "scenarios" / "negative-comment.yaml", old, new)
    _, problems = check_dir(str(pb))
    assert [p.code for p in problems] == ["PB801"], [p.format() for p in problems]


# ---------------------------------------------------------------- playbook approve


def test_approve_appends_and_never_rewrites_old_entries(tmp_path):
    pb = copy_playbook(tmp_path)
    replace_in(pb / "scenarios" / "negative-comment.yaml", "we'd like to understand", "we want to understand")
    before = (pb / "approvals.yaml").read_bytes()
    result = run_playbook("approve", "negative-comment", "--by", "Kim Reviewer, Legal Counsel (example)", "--dir", str(pb))
    assert result.returncode == 0, result.stderr
    after = (pb / "approvals.yaml").read_bytes()
    assert after.startswith(before)
    added = after[len(before):].decode("utf-8")
    assert re.fullmatch(
        r"  - reply: negative-comment/take-it-offline\n    text_sha256: [0-9a-f]{64}\n"
        r"    by: \"Kim Reviewer, Legal Counsel \(example\)\"\n    date: " + TODAY + r"\n", added), added
    _, problems = check_dir(str(pb))
    assert codes_in(problems) == []
    # The same person approving the same text again records nothing new.
    again = run_playbook("approve", "negative-comment/take-it-offline", "--by", "Kim Reviewer, Legal Counsel (example)", "--dir", str(pb))
    assert again.returncode == 0 and "already approved" in again.stdout
    assert (pb / "approvals.yaml").read_bytes() == after


def test_approve_creates_the_ledger_when_there_is_none(tmp_path):
    pb = copy_playbook(tmp_path)
    (pb / "approvals.yaml").unlink()
    result = run_playbook("approve", "--all", "--by", DANA, "--dir", str(pb))
    assert result.returncode == 0, result.stderr
    loaded, problems = check_dir(str(pb))
    assert problems == []
    entries = loaded.approvals.obj.approvals
    assert len(entries) == sum(len(s.replies) for s in loaded.scenario_list())
    assert {e.by for e in entries} == {DANA} and {e.date.isoformat() for e in entries} == {TODAY}


@pytest.mark.parametrize("args,status,message", [
    (["nope", "--by", DANA], 1, "no scenario 'nope'"),
    (["negative-comment/nope", "--by", DANA], 1, "no reply 'nope' in scenario 'negative-comment' (it has: take-it-offline)"),
    (["negative-comment", "--by", "Dana"], 2, "give a name and a role"),
    (["--by", DANA], 2, "name a scenario"),
    (["negative-comment", "--all", "--by", DANA], 2, "not both"),
])
def test_approve_refuses_what_it_cannot_do_and_changes_nothing(args, status, message, tmp_path):
    pb = copy_playbook(tmp_path)
    before = (pb / "approvals.yaml").read_bytes()
    result = run_playbook("approve", *args, "--dir", str(pb))
    assert result.returncode == status, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert (pb / "approvals.yaml").read_bytes() == before


def test_approve_refuses_text_with_errors(tmp_path):
    pb = copy_playbook(tmp_path)
    replace_in(pb / "scenarios" / "negative-comment.yaml", "we'd like to understand", "{contacts.nobody.email} would like to understand")
    before = (pb / "approvals.yaml").read_bytes()
    result = run_playbook("approve", "negative-comment", "--by", DANA, "--dir", str(pb))
    assert result.returncode == 1
    assert "PB303" in result.stderr and "nothing was approved" in result.stderr
    assert (pb / "approvals.yaml").read_bytes() == before


def test_approve_refuses_a_broken_ledger(tmp_path):
    pb = copy_playbook(tmp_path)
    (pb / "approvals.yaml").write_text("approvals:\n  - reply: x\n", encoding="utf-8")
    result = run_playbook("approve", "negative-comment", "--by", DANA, "--dir", str(pb))
    assert result.returncode == 1
    assert "approvals.yaml has errors" in result.stderr


def test_append_refuses_a_ledger_it_cannot_extend_safely():
    entry = model.Approval(reply="a/b", text_sha256="0" * 64, by="A, B", date=dt.date(2026, 1, 2))
    with pytest.raises(LedgerError):
        appended("approvals: []\n", [entry])
    # A hand-written ledger with entries at column 0 is extended in its own layout.
    text = appended("approvals:\n- reply: a/c\n  text_sha256: " + "1" * 64 + "\n  by: C, D\n  date: 2026-01-01\n", [entry])
    assert text.endswith("- reply: a/b\n  text_sha256: " + "0" * 64 + "\n  by: \"A, B\"\n  date: 2026-01-02\n")


def test_a_name_cannot_break_out_of_the_ledger(tmp_path):
    entry = model.Approval(reply="a/b", text_sha256="0" * 64, by='Eve "x"\\: y, #Role', date=dt.date(2026, 1, 2))
    text = appended(None, [entry])
    from playbook.yamlsafe import load_text

    doc, problems = load_text(text, "approvals.yaml")
    assert problems == []
    assert model.Approvals.model_validate(doc.data).approvals == [entry]


# ---------------------------------------------------------------- on the site


def _pages(pb_dir: Path) -> dict[str, str]:
    from playbook.pages import generate

    loaded, _ = check_dir(str(pb_dir))
    return generate(loaded, dt.date(2026, 11, 28))


def _title_line(page: str, rid: str) -> str:
    start = page.index(f'data-reply-id="{rid}"')
    return page[start:page.index("</p>", start)]


def test_reply_cards_show_who_approved_or_a_clear_mark(tmp_path):
    pb = copy_playbook(tmp_path)
    replace_in(pb / "scenarios" / "negative-comment.yaml", "we'd like to understand", "we want to understand")
    apply_fixture(FIXTURES / "PB800.yaml", tmp_path / "other")  # a scenario with a reply nobody approved
    shutil.copy(tmp_path / "other" / "scenarios" / "fixture.yaml", pb / "scenarios" / "fixture.yaml")
    pages = _pages(pb)
    approved = _title_line(pages["scenarios/appointment-request.md"], "booking")
    assert ('<span class="pb-approval pb-approval-approved" data-search-exclude data-approval="approved">'
            "Approved by Dana Example, Compliance Officer (example) on 2026-11-28</span>") in approved
    changed = _title_line(pages["scenarios/negative-comment.md"], "take-it-offline")
    assert ('data-approval="changed" title="Dana Example, Compliance Officer (example) approved the earlier text on 2026-11-28">'
            "<strong>Not approved:</strong> changed since approval</span>") in changed
    never = _title_line(pages["scenarios/fixture.md"], "offline")
    assert 'data-approval="not-approved"><strong>Not approved</strong></span>' in never
    # The quick reference carries the same marks.
    assert 'data-approval="changed"' in _title_line(pages["quick-reference.md"], "take-it-offline")
    review = pages["review-status.md"]
    loaded, _ = check_dir(str(pb))
    n = sum(len(s.replies) for s in loaded.scenario_list())
    assert f"{n - 2} of {n} replies are approved as they are worded now." in review
    assert 'data-approvals-pending="2"' in review
    assert re.search(r'<tr data-pending="negative-comment/take-it-offline"><td><a href="\.\./scenarios/negative-comment/#node-take-offline">'
                     r".*?</td><td>by Dana Example, Compliance Officer \(example\) on 2026-11-28</td></tr>", review)
    assert re.search(r'<tr data-pending="fixture/offline">.*?<td>never</td></tr>', review)


def test_a_fully_approved_playbook_says_so_on_the_review_page():
    review = _pages(BUNDLED)["review-status.md"]
    assert re.search(r"(\d+) of \1 replies are approved", review)
    assert 'data-approvals-pending="0">Every reply\'s current text is approved.' in review


def test_a_hostile_name_in_the_ledger_stays_text(tmp_path):
    pb = copy_playbook(tmp_path)
    hostile = '<img src=x onerror=alert(1)> "quoted" {{ 7*7 }}, Role &amp;'
    text = (pb / "approvals.yaml").read_text(encoding="utf-8")
    (pb / "approvals.yaml").write_text(text.replace('"Dana Example, Compliance Officer (example)"', __import__("json").dumps(hostile)), encoding="utf-8")
    line = _title_line(_pages(pb)["scenarios/appointment-request.md"], "booking")
    assert "Approved by &lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; {{ 7*7 }}, Role &amp;amp; on 2026-11-28" in line
    assert "<img" not in line
