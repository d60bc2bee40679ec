"""`playbook export` and the site's copy text against a golden file written by hand.

tests/golden/export-sample.json holds 17 replies of the bundled playbook across
scenarios and platforms (default, X, TikTok, Instagram, Threads, LinkedIn, DM)
at the default location, and two at other locations (its `locations:`), all in
English, plus two Spanish ones (the bundled `translations: es`), one of them at
another location (its contact hours in Spanish), with every placeholder filled
by hand from playbook/organization.yaml and the folded YAML lines joined by hand. It was reviewed once against the YAML, never
produced by the exporter. When a bundled reply in it changes on purpose, change
the golden row by hand too.

The copy button copies the textContent of its reply's [data-copy-text]
(scripts/playbook/assets/copy.js); the generated pages are checked here without a browser,
and tests/test_copy_browser.py clicks the buttons in Chromium.
"""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_playbook
from htmltext import parse_file

GOLDEN = json.loads((ROOT / "tests" / "golden" / "export-sample.json").read_text(encoding="utf-8"))
PADDED = ROOT / "tests" / "fixtures" / "whitespace" / "padded.yaml"
# tests/fixtures/whitespace/padded.yaml as copied: outer whitespace gone, inner line breaks kept.
PADDED_TEXT = {
    "default": "Thank you for the kind words.\nWe'll share them with the team at Riverbend Health.",
    "x": "Thank you! We'll pass it on.",
    "instagram": "Thank you for the kind words; we'll pass them on to the team.",
}


def hook(row: dict) -> str:
    return f"{row['scenario']}/{row['reply']}/{row['platform']}"


def key(row: dict) -> str:
    """A row's identity in the export: its hook, its language and, with locations, its location."""
    return hook(row) + f":{row['language']}" + (f"@{row['location']}" if row.get("location") else "")


def panel(doc, row: dict):
    """The row's panel on a page: [data-reply=HOOK][data-lang=LANG], exactly one."""
    found = [e for e in doc.find_all("data-reply", hook(row)) if e.attrs.get("data-lang") == row["language"]]
    assert len(found) == 1, f"{key(row)}: expected one panel, found {len(found)}"
    return found[0]


# The copy text in the static HTML is the default location's (the picker refills the others in the browser).
DEFAULT_LOCATION = GOLDEN[0]["location"]
STATIC = [r for r in GOLDEN if r.get("location") == DEFAULT_LOCATION]


def export(fmt: str, playbook_dir: Path = ROOT / "playbook") -> str:
    """The export as written, bytes decoded as UTF-8 (no newline translation)."""
    result = run_playbook("export", "--format", fmt, str(playbook_dir), text=False)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    return result.stdout.decode("utf-8")


@pytest.fixture(scope="module")
def exported() -> list[dict]:
    return json.loads(export("json"))


def test_golden_sample_covers_the_platforms_it_promises():
    assert len(GOLDEN) >= 15
    assert {"default", "x", "tiktok", "dm"} <= {r["platform"] for r in GOLDEN}
    assert len({r["scenario"] for r in GOLDEN}) >= 8
    assert {r["language"] for r in GOLDEN} == {"en", "es"}


@pytest.mark.parametrize("row", GOLDEN, ids=key)
def test_json_export_has_the_golden_row(exported, row):
    found = [r for r in exported if key(r) == key(row)]
    assert found == [row]


def test_csv_export_has_the_golden_rows_with_rfc4180_line_ends():
    text = export("csv")
    assert text.startswith("scenario,reply,platform,title,text,url,language,location\r\n")
    assert text.endswith("\r\n")
    rows = {key(r): r for r in csv.DictReader(io.StringIO(text, newline=""))}
    for row in GOLDEN:
        assert rows[key(row)] == row


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    result = run_playbook("generate", str(out), "--dir", str(ROOT / "playbook"), timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.mark.parametrize("row", STATIC, ids=key)
def test_copy_text_on_the_scenario_page_is_the_golden_text(generated, row):
    doc = parse_file(generated / "scenarios" / f"{row['scenario']}.md")
    card = panel(doc, row)
    assert card.find("data-copy-text").text_content() == row["text"]
    assert card.find("data-copy") is not None


def test_copy_text_on_the_quick_reference_is_the_golden_text(generated):
    doc = parse_file(generated / "quick-reference.md")
    for row in STATIC:
        assert panel(doc, row).find("data-copy-text").text_content() == row["text"], key(row)


def test_site_publishes_the_golden_rows(generated):
    published = {key(r): r for r in json.loads((generated / "replies.json").read_text(encoding="utf-8"))}
    for row in GOLDEN:
        assert published[key(row)] == row


def padded_playbook(dest: Path) -> Path:
    """The bundled playbook plus tests/fixtures/whitespace/padded.yaml."""
    shutil.copytree(ROOT / "playbook", dest)
    shutil.copy(PADDED, dest / "scenarios" / "padded.yaml")
    return dest


def test_export_trims_whitespace_around_every_reply(tmp_path):
    rows = [r for r in json.loads(export("json", padded_playbook(tmp_path / "playbook"))) if r["scenario"] == "padded"]
    assert {r["platform"]: r["text"] for r in rows} == PADDED_TEXT
    csv_rows = [r for r in csv.DictReader(io.StringIO(export("csv", tmp_path / "playbook"), newline="")) if r["scenario"] == "padded"]
    assert {r["platform"]: r["text"] for r in csv_rows} == PADDED_TEXT


def test_copy_text_is_trimmed_too(tmp_path):
    playbook = padded_playbook(tmp_path / "playbook")
    result = run_playbook("generate", str(tmp_path / "out"), "--dir", str(playbook), timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    doc = parse_file(tmp_path / "out" / "scenarios" / "padded.md")
    for platform, text in PADDED_TEXT.items():
        # The padded reply has no Spanish version: its one panel is the English text.
        panels = doc.find_all("data-reply", f"padded/thanks/{platform}")
        assert [p.attrs["data-lang"] for p in panels] == ["en"]
        assert panels[0].find("data-copy-text").text_content() == text, platform
