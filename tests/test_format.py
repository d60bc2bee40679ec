"""The model is the single definition of the format: schema, descriptions, editor hints."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from playbook import schema

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import run_playbook  # noqa: E402


def test_committed_schema_matches_model():
    for name in schema.SCHEMAS:
        committed = (ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
        assert committed == schema.render(name), f"schema/{name}.schema.json is stale: run `playbook schema`"


def _walk(node, path=""):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}/{i}")


def test_every_field_and_enum_value_is_described():
    for name in schema.SCHEMAS:
        built = schema.build(name)
        for path, node in _walk(built):
            for field, sub in node.get("properties", {}).items():
                assert sub.get("description"), f"{name}{path}/properties/{field} has no description"
            if "enum" in node:
                assert len(node.get("enumDescriptions", [])) == len(node["enum"]), f"{name}{path}: enum values lack descriptions"
        # unknown keys are forbidden everywhere
        for path, node in _walk(built):
            if node.get("type") == "object" and "properties" in node:
                assert node.get("additionalProperties") is False, f"{name}{path} allows unknown keys"


def test_bundled_files_point_editors_at_the_schema():
    for path in sorted((ROOT / "playbook" / "scenarios").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../schema/scenario.schema.json", path.name
    for name in ("organization", "compliance"):
        first = (ROOT / "playbook" / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schema/{name}.schema.json"


def test_schema_is_valid_json_with_ids():
    for name in schema.SCHEMAS:
        data = json.loads((ROOT / "schema" / f"{name}.schema.json").read_text())
        assert data["$id"] == f"{name}.schema.json"


def test_new_creates_a_valid_scenario_and_never_overwrites(tmp_path):
    import shutil

    pb = tmp_path / "playbook"
    shutil.copytree(ROOT / "playbook", pb)
    result = run_playbook("new", "late-night-question", "--dir", str(pb))
    assert result.returncode == 0, result.stderr
    created = pb / "scenarios" / "late-night-question.yaml"
    text = created.read_text()
    check = run_playbook("check", str(pb))
    assert check.returncode == 0, check.stdout + check.stderr
    created.write_text(text + "# edited by hand\n")
    again = run_playbook("new", "late-night-question", "--dir", str(pb))
    assert again.returncode == 1 and "already exists" in again.stderr
    assert created.read_text() == text + "# edited by hand\n"
    bad = run_playbook("new", "Not An Id", "--dir", str(pb))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_check_output_format(tmp_path):
    import re
    import shutil

    pb = tmp_path / "playbook"
    shutil.copytree(ROOT / "playbook", pb)
    scen = pb / "scenarios" / "negative-comment.yaml"
    scen.write_text(scen.read_text().replace("summary:", "sumary:", 1))
    result = run_playbook("check", str(pb))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert all(re.match(r"^.+\.yaml:\d+:\d+: PB\d{3} ", line) for line in lines), lines
    assert any("unknown field 'sumary' (did you mean 'summary'?)" in line for line in lines)
