"""Exports that other tools import (Zendesk macros, Freshdesk canned responses, the saved-replies CSV),
each checked against its documented shape, written out here by hand; and --approved-only."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from conftest import run_playbook
from playbook.tool_exports import HOOTSUITE_TEXT_LIMIT, HOOTSUITE_TITLE_LIMIT, hootsuite_flags, text_to_html

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "playbook"
FIXTURES = ROOT / "tests" / "fixtures" / "codes"

# Zendesk Support API, Macros: a macro has a title, a list of actions ({field, value}; the reply
# text is the action with field "comment_value"), active and description (DOMAIN.md, Zendesk macros).
ZENDESK = {
    "type": "object", "required": ["macros"], "additionalProperties": False,
    "properties": {"macros": {"type": "array", "minItems": 1, "items": {
        "type": "object", "required": ["title", "actions", "active", "description"], "additionalProperties": False,
        "properties": {
            "title": {"type": "string", "minLength": 1},
            "actions": {"type": "array", "minItems": 1, "maxItems": 1, "items": {
                "type": "object", "required": ["field", "value"], "additionalProperties": False,
                "properties": {"field": {"const": "comment_value"}, "value": {"type": "string", "minLength": 1}}}},
            "active": {"type": "boolean"},
            "description": {"type": "string"},
        }}}},
}
# Freshdesk API v2, canned responses: title and content_html; the folder by name (its id differs per account).
FRESHDESK = {
    "type": "array", "minItems": 1, "items": {
        "type": "object", "required": ["title", "content_html", "folder"], "additionalProperties": False,
        "properties": {
            "title": {"type": "string", "minLength": 1},
            # Escaped text: the only markup is the <br> of a line break.
            "content_html": {"type": "string", "minLength": 1, "pattern": "^([^<>]|<br>)*$"},
            "folder": {"type": "string", "minLength": 1},
        }},
}


def export(*args: str, playbook: Path = BUNDLED):
    return run_playbook("export", *args, str(playbook))


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    result = export("--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_zendesk_macros_have_the_documented_shape(rows):
    result = export("--format", "zendesk")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, ZENDESK)
    assert [m["actions"][0]["value"] for m in data["macros"]] == [r["text"] for r in rows]
    assert all(m["active"] is True for m in data["macros"])
    first = next(m for m in data["macros"] if m["actions"][0]["value"] == next(r["text"] for r in rows if r["scenario"] == "negative-comment" and r["platform"] == "x"))
    # "::" files the macro under its scenario in Zendesk's macro list; with locations, one macro each.
    assert first["title"] == "A negative comment or rant::Take a complaint about care offline (X) [medical-center]"
    titles = [m["title"] for m in data["macros"]]
    assert len(titles) == len(set(titles)), "two macros with the same title"


def test_freshdesk_canned_responses_have_the_documented_shape(rows):
    result = export("--format", "freshdesk")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, FRESHDESK)
    assert len(data) == len(rows)
    neg = [d for d, r in zip(data, rows) if r["scenario"] == "negative-comment"]
    assert {d["folder"] for d in neg} == {"A negative comment or rant"}
    assert neg[0]["title"] == "Take a complaint about care offline [medical-center]"


def test_html_is_escaped_and_line_breaks_become_br():
    assert text_to_html('Hi <b>you</b> & "them",\nsee\n\nus') == 'Hi &lt;b&gt;you&lt;/b&gt; &amp; "them",<br>see<br><br>us'


def test_saved_replies_csv_has_the_four_columns(rows):
    result = run_playbook("export", "--format", "saved-replies-csv", str(BUNDLED), text=False)  # bytes: the line ends as written
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"Text,Title,Folder,Label\r\n")
    table = list(csv.reader(io.StringIO(result.stdout.decode("utf-8"), newline="")))
    assert table[0] == ["Text", "Title", "Folder", "Label"]
    body = table[1:]
    assert all(len(r) == 4 for r in body)
    assert [r[0] for r in body] == [r["text"] for r in rows]
    x = next(r for r, row in zip(body, rows) if row["scenario"] == "negative-comment" and row["platform"] == "x")
    assert x[1:] == ["Take a complaint about care offline (X) [medical-center]", "A negative comment or rant", "X"]


def _changed_copy(tmp_path: Path, policy: bool = False) -> Path:
    pb = tmp_path / "playbook"
    shutil.copytree(BUNDLED, pb)
    path = pb / "scenarios" / "negative-comment.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("we'd like to understand what happened", "we'd like to hear what happened"), encoding="utf-8")
    if policy:
        org = pb / "organization.yaml"
        org.write_text(org.read_text(encoding="utf-8").replace("require_approval: false", "require_approval: true"), encoding="utf-8")
    return pb


@pytest.mark.parametrize("fmt", ["json", "zendesk", "saved-replies-csv"])
def test_approved_only_leaves_out_a_changed_reply(fmt, tmp_path, rows):
    pb = _changed_copy(tmp_path)
    everything = export("--format", "json", playbook=pb)
    assert everything.returncode == 0
    assert any(r["reply"] == "take-it-offline" for r in json.loads(everything.stdout))
    only = export("--format", fmt, "--approved-only", playbook=pb)
    assert only.returncode == 0, only.stderr
    assert "like to hear what happened" not in only.stdout  # the changed default text
    assert "Please contact our Patient Relations team (link in bio) so they can follow up." not in only.stdout  # and its unchanged TikTok variant: the reply is one approval
    if fmt == "json":
        kept = json.loads(only.stdout)
        assert kept == [r for r in rows if r["reply"] != "take-it-offline"]


def test_approved_only_works_where_approval_is_required(tmp_path):
    pb = _changed_copy(tmp_path, policy=True)
    blocked = export("--format", "json", playbook=pb)
    assert blocked.returncode == 1
    assert "PB803" in blocked.stderr
    only = export("--format", "json", "--approved-only", playbook=pb)
    assert only.returncode == 0, only.stderr
    assert {r["scenario"] + "/" + r["reply"] for r in json.loads(only.stdout)}.isdisjoint({"negative-comment/take-it-offline"})


def test_replies_over_hootsuite_limits_are_flagged(tmp_path):
    pb = tmp_path / "playbook"
    shutil.copytree(BUNDLED, pb)
    fixture = (FIXTURES / "PB800.yaml").read_text(encoding="utf-8")
    long_text = "Thank you for writing. " * 92  # 23 * 92 = 2,116 characters, 2,115 once trimmed
    fixture = fixture.replace("channels: [facebook, x]", "channels: [facebook]").replace(
        "text: Please contact our team at {contacts.patient_relations.email} so they can follow up.", f'text: "{long_text}"')
    (pb / "scenarios" / "fixture.yaml").write_text(fixture, encoding="utf-8")
    result = export("--format", "saved-replies-csv", playbook=pb)
    assert result.returncode == 0, result.stderr
    assert "playbook export: warning: fixture/offline/default: text is 2,115 characters; Hootsuite saved replies allow 2,000" in result.stderr
    assert result.stderr.count("Hootsuite") == 1


def test_hootsuite_title_limit():
    assert (HOOTSUITE_TEXT_LIMIT, HOOTSUITE_TITLE_LIMIT) == (2000, 500)
    row = {"scenario": "s", "reply": "r", "platform": "default", "title": "t" * 501, "text": "x" * 2000, "url": "scenarios/s/"}
    assert hootsuite_flags([row], {"s": "S"}) == ["s/r/default: title is 501 characters; Hootsuite saved replies allow 500"]
    assert hootsuite_flags([dict(row, title="t" * 500)], {"s": "S"}) == []
