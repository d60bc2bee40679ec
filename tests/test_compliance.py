"""The compliance engine, its checks in `playbook check`, `playbook lint`, and exceptions on reply cards."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_playbook
from playbook import model
from playbook.check import check_dir
from playbook.compliance import compile_rules, find, phrase_regex, portability_error
from playbook.load import load_playbook
from playbook.placeholders import final_text

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "playbook"


@pytest.mark.parametrize("pattern,why", [
    (r"(?P<x>a)", "named groups"),
    (r"(?i)a", "inline flags"),
    (r"(?#note)a", "comments"),
    (r"\Aa", r"\A"),
    (r"a\Z", r"\Z"),
    (r"^a", "anchor"),
    (r"a$", "anchor"),
    (r"a++", "possessive"),
    (r"a*+", "possessive"),
    (r"(?>a)", "atomic"),
    (r"(a)\1", "backreference"),
    (r"[]a]", "starts with ']'"),
    (r"[[a]", "'['"),
    (r"[a--b]", "reserved"),
    (r"a{,3}", "{0,n}"),
    (r"\p{L}", r"\p"),
    (r"\u00e9", r"\u"),
    ("caf\u00e9", "ASCII"),
])
def test_non_portable_constructs_are_refused(pattern, why):
    err = portability_error(pattern)
    assert err and why.lower() in err.lower(), (pattern, err)


@pytest.mark.parametrize("pattern", [
    r"you(?:'re| are) (?!fine)\w+", r"(?<!if )your (?:\w+ )?bill", r"\d{1,2}/\d{1,2}", r"dr\.? [a-z]+",
    r"a{2,}", r"colou?r", r"[a-z'-]+", r"\$\s?\d", r"x*?y",
])
def test_portable_constructs_are_accepted(pattern):
    assert portability_error(pattern) is None


def test_phrases_match_whole_words_in_any_case_and_spacing():
    rule = model.Rule(id="r", severity="error", phrases=["welcome back", "your chart"], why="w", instead="i")
    rules, faults = compile_rules(model.Compliance(rules=[rule]))
    assert not faults
    assert [f.words for f in find(rules, "WELCOME  back! Your\nchart.")] == ["WELCOME  back", "Your\nchart"]
    assert find(rules, "welcome backpack; yourchart") == []
    assert phrase_regex("that’s (probably)") == r"that\'s\s+\(probably\)"


def test_typographic_apostrophes_match_straight_ones():
    rules, _ = compile_rules(load_playbook(str(BUNDLED)).compliance.obj)
    found = {(f.rule_id, f.words) for f in find(rules, "It sounds like you’ve got an infection; that’s probably viral.")}
    assert found == {("gives-medical-advice", "sounds like you’ve got an infection"), ("gives-medical-advice", "that’s probably"),
                     ("discloses-clinical-details", "you’ve got an infection")}


def _copy(tmp_path: Path) -> Path:
    dest = tmp_path / "playbook"
    shutil.copytree(BUNDLED, dest)
    return dest


def _set_reply(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


NEG = "scenarios/negative-comment.yaml"
OFFLINE = "      We're sorry to hear this, and we'd like to understand what happened."


def test_check_reports_file_line_rule_words_why_and_suggestion(tmp_path):
    root = _copy(tmp_path)
    _set_reply(root / NEG, OFFLINE, "      Welcome back! We're sorry to hear this, and we'd like to understand what happened.")
    _, problems = check_dir(str(root))
    hits = [p for p in problems if p.code == "PB700"]
    assert len(hits) == 1, [p.format() for p in problems]
    line = (root / NEG).read_text().splitlines().index("      Welcome back! We're sorry to hear this, and we'd like to understand what happened.") + 1
    p = hits[0]
    assert p.path.endswith("negative-comment.yaml") and p.line == line and p.col >= 1
    assert "confirms-care-relationship" in p.message and "'Welcome back'" in p.message
    assert "HHS OCR" in p.message and p.hint.startswith("instead:")


def test_placeholders_are_filled_before_checking(tmp_path):
    """A rule that matches only the filled-in text still fires."""
    root = _copy(tmp_path)
    (root / "compliance.yaml").write_text(
        "rules:\n  - id: no-relations-email\n    severity: error\n    phrases: ['patient.relations@example.org']\n"
        "    why: test\n    instead: test\n", encoding="utf-8")
    _, problems = check_dir(str(root))
    assert any(p.code == "PB700" and "no-relations-email" in p.message for p in problems)


def test_variants_are_checked_and_exceptions_suppress_only_their_rule(tmp_path):
    root = _copy(tmp_path)
    path = root / NEG
    _set_reply(path, '      x: "We\'re sorry to hear this.', '      x: "Welcome back, Mr. Diaz. We\'re sorry to hear this.')
    _, problems = check_dir(str(root))
    rules = sorted(p.message.split(") ")[1].split(":")[0] for p in problems if p.code == "PB700")
    assert rules == ["confirms-care-relationship", "names-the-person"], [p.format() for p in problems]
    _set_reply(path, "    title: Take a complaint about care offline\n",
               "    title: Take a complaint about care offline\n    allow:\n      - rule: confirms-care-relationship\n"
               "        reason: Test exception.\n        approved_by: Pat Example, Privacy Officer (example)\n")
    _, problems = check_dir(str(root))
    problems = [p for p in problems if p.code != "PB801"]  # the edited reply is no longer approved, too
    assert [p.code for p in problems] == ["PB700"] and "names-the-person" in problems[0].message


def test_redirect_is_required_in_every_text_of_a_medical_or_emergency_reply(tmp_path):
    root = _copy(tmp_path)
    path = root / "scenarios/appointment-request.yaml"
    text = path.read_text(encoding="utf-8")
    assert "911" in text
    _, problems = check_dir(str(root))
    assert not [p for p in problems if p.code == "PB705"]
    path.write_text(text.replace("call 911", "call our main line").replace("emergency department", "clinic"), encoding="utf-8")
    _, problems = check_dir(str(root))
    assert [p for p in problems if p.code == "PB705" and "emergency" in p.message], [p.format() for p in problems]


def test_invalid_pattern_gives_a_coded_error_with_its_line(tmp_path):
    root = _copy(tmp_path)
    (root / "compliance.yaml").write_text(
        "rules:\n  - id: ok\n    severity: error\n    phrases: [welcome back]\n    why: w\n    instead: i\n"
        "  - id: bad\n    severity: error\n    patterns:\n      - 'fine'\n      - '(unclosed'\n    why: w\n    instead: i\n",
        encoding="utf-8")
    _, problems = check_dir(str(root))
    bad = [p for p in problems if p.code == "PB702"]
    assert len(bad) == 1 and bad[0].line == 11 and "(unclosed" in bad[0].message


def test_every_bundled_reply_passes_without_exceptions():
    pb = load_playbook(str(BUNDLED))
    rules, faults = compile_rules(pb.compliance.obj)
    assert not faults
    for item in pb.scenarios:
        for rid, reply in item.obj.replies.items():
            assert not reply.allow, f"{item.path}: reply {rid} needs an exception"
            for raw in [reply.text, *reply.variants.values()]:
                found = find(rules, final_text(raw, pb.org))
                assert not found, f"{item.path}: {rid}: {[f.describe() for f in found]}"


def test_lint_cli_exit_status_and_output():
    bad = run_playbook("lint", "Welcome back, Ms. Ortega! Your test results look fine.")
    assert bad.returncode == 1
    assert "confirms-care-relationship" in bad.stdout and "names-the-person" in bad.stdout
    assert "discloses-clinical-details" in bad.stdout and "why:" in bad.stdout and "instead:" in bad.stdout
    good = run_playbook("lint", "-", input="We can't give medical advice here. Please talk with your own doctor, and if this is a medical emergency, call 911.\n")
    assert good.returncode == 0 and good.stdout == ""
    broken = run_playbook("lint", "--dir", "/nonexistent", "text")
    assert broken.returncode == 2 and "Traceback" not in broken.stderr


def test_lint_reads_binary_stdin_without_a_traceback():
    r = subprocess_run_bytes(b"\xff\xfe welcome back \x00")
    assert r.returncode == 1 and b"Traceback" not in r.stderr


def subprocess_run_bytes(data: bytes):
    import subprocess
    import sys

    return subprocess.run([str(Path(sys.executable).parent / "playbook"), "lint", "-"], cwd=ROOT, input=data, capture_output=True, timeout=60)


def test_reviewed_exception_is_shown_on_the_reply_card():
    from playbook.templating import environment
    from playbook.views.replies import reply_view

    pb = load_playbook(str(BUNDLED))
    scen = next(s.obj for s in pb.scenarios if s.obj.replies)
    rid, reply = next(iter(scen.replies.items()))
    reply = reply.model_copy(update={"allow": [model.Allowance(rule="names-the-person", reason="Uses <b>their</b> handle.", approved_by="Pat Example")]})
    html = environment().get_template("partials/reply.html").render(reply=reply_view(scen, rid, reply, pb.org, (True, "g")))
    assert 'data-allow-rule="names-the-person"' in html
    assert "Uses &lt;b&gt;their&lt;/b&gt; handle." in html and "Pat Example" in html


# ---------------------------------------------------------------- vocabulary, exemptions, prefilter

def _ruleset(yaml_text: str):
    import yaml

    comp = model.Compliance.model_validate(yaml.safe_load(yaml_text))
    rules, faults = compile_rules(comp)
    assert not faults, faults
    return rules


VOCAB_RULES = """
vocabulary:
  procedures: {description: d, source: s, licence: l, plurals: true, terms: [biopsy, x-ray, check-up, root canal]}
  devices: {description: d, source: s, licence: l, terms: [cpap, insulin pump]}
rules:
  - {id: r, severity: error, patterns: ['your {vocab:procedures}', 'bring the {vocab:devices,procedures}'], why: w, instead: i}
exemptions:
  redirect: {why: w, patterns: ['questions about your [a-z-]+']}
"""


def test_vocabulary_terms_match_whole_words_with_plurals_hyphens_and_spaces():
    rules = _ruleset(VOCAB_RULES)
    words = lambda text: [f.words for f in find(rules, text)]
    assert words("About your biopsies and your X ray.") == ["your biopsies", "your X ray"]
    assert words("your checkup, your check up, your check-ups, your root  canals") == [
        "your checkup", "your check up", "your check-ups", "your root  canals"]
    assert words("your biopsyx; your xraysish; yourbiopsy") == []
    # a union reference is one list of both classes' terms
    assert words("Bring the insulin pump. Bring the biopsy.") == ["Bring the insulin pump", "Bring the biopsy"]


def test_exemption_drops_only_findings_wholly_inside_its_match():
    rules = _ruleset(VOCAB_RULES)
    assert find(rules, "Questions about your biopsy? Call us.") == []
    kept = find(rules, "Your biopsy came back. Questions about your x-ray? Call us.")
    assert [f.words for f in kept] == ["Your biopsy"]


def test_vocabulary_and_exemption_problems_are_reported():
    import yaml

    comp = model.Compliance.model_validate(yaml.safe_load("""
vocabulary:
  procedures: {description: d, source: s, licence: l, terms: [biopsy, 'x-?ray']}
rules:
  - {id: r, severity: error, patterns: ['your {vocab:procedure}', 'your {vocab:procedures}'], why: w, instead: i}
exemptions:
  e: {why: w, rules: [no-such-rule], patterns: ['fine']}
"""))
    _, faults = compile_rules(comp)
    assert sorted((f.code, f.loc) for f in faults) == [
        ("PB709", ("rules", 0, "patterns", 0)), ("PB710", ("vocabulary", "procedures", "terms", 1)),
        ("PB711", ("exemptions", "e", "rules", 0))]


def test_prefilter_gives_exactly_the_findings_of_the_whole_regex():
    """Python runs only the alternatives whose triggers occur in a text; the result must equal the whole regex's."""
    from dataclasses import replace

    from compliance_rates import load_batches

    rules = compile_rules(load_playbook(str(BUNDLED)).compliance.obj)[0]
    whole = replace(rules, index=None, memo={})
    texts = [item["text"] for b in load_batches() for item in b.data["violations"] + b.data["clean"]]
    texts += ["Hi  Sam ,  your\\n biopsy   came back 💙 fine", "try   rinsing —  salt water!!", "welcome\\u00a0back 🎉🎉",
              "YOUR MRI WAS SENT ON 3/14/2025", "you’re back on the golf course", "$240 on ur bill", "10mg twice a day"]
    for text in texts:
        fast = [(f.rule_id, f.start, f.end) for f in find(rules, text)]
        slow = [(f.rule_id, f.start, f.end) for f in find(whole, text)]
        assert fast == slow, text


def test_rates_report_lists_misses_of_the_chosen_batches_only():
    """`compliance_rates.py --misses --only X` prints every batch's rates but the texts of X's misses alone."""
    from pathlib import Path

    from compliance_rates import Batch, report

    def batch(name):
        return Batch(name, "training", Path(f"/nowhere/{name}.yaml"),
                     {"violations": [{"text": f"{name} bad one", "family": "f"}, {"text": f"{name} bad two", "family": "f"}],
                      "clean": [{"text": f"{name} fine bad"}]})

    rule_ids = lambda text: {"r"} if text.endswith("bad two") or text.endswith("fine bad") else set()  # noqa: E731
    out = report([batch("seen"), batch("unseen")], rule_ids, misses=True, only={"seen"})
    assert "MISSED (f): seen bad one" in out and "FALSE ALARM ['r']: seen fine bad" in out
    assert "unseen bad one" not in out and "unseen fine bad" not in out
    assert out.count("caught 1/2 (50.0%)") == 2 and "caught 2/4 (50.0%)" in out  # each batch, and the total
    everything = report([batch("seen"), batch("unseen")], rule_ids, misses=True)
    assert "MISSED (f): unseen bad one" in everything
