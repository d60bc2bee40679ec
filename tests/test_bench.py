"""A smoke run of `make bench` at a tiny size (the real sizes are too slow for the suite)."""
from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import copies  # noqa: E402
import synth  # noqa: E402


def test_synthetic_playbook_is_valid_and_has_the_promised_shape(tmp_path):
    import yaml

    folder = synth.write_playbook(str(tmp_path / "pb"), 4, str(ROOT / "playbook"))
    again = synth.write_playbook(str(tmp_path / "pb2"), 4, str(ROOT / "playbook"))
    files = sorted(os.listdir(os.path.join(folder, "scenarios")))
    assert len(files) == 4
    for name in files:
        first = open(os.path.join(folder, "scenarios", name), encoding="utf-8").read()
        assert first == open(os.path.join(again, "scenarios", name), encoding="utf-8").read(), "not reproducible from the seed"
        data = yaml.safe_load(first)
        assert len(data["tree"]["questions"]) + len(data["tree"]["outcomes"]) == 8
        assert len(data["replies"]) == 4 and all(len(r["variants"]) == 3 for r in data["replies"].values())
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "playbook"), "check", folder], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_real_copies_are_valid_and_link_within_their_copy(tmp_path):
    folder = copies.write_copies(str(tmp_path / "pb"), 40, str(ROOT / "playbook"))
    names = sorted(os.listdir(os.path.join(folder, "scenarios")))
    assert len(names) == 40
    assert names[:3] == ["appointment-request-c0000.yaml", "appointment-request-c0001.yaml", "appointment-request-c0002.yaml"]
    text = open(os.path.join(folder, "scenarios", "negative-comment-c0001.yaml"), encoding="utf-8").read()
    assert "\nid: negative-comment-c0001\n" in text
    assert "\ntitle: A negative comment or rant (copy 1)\n" in text
    assert "see: [emergency-self-harm-c0001, legal-threat-c0001]" in text
    # 40 = 2 full rounds of 18 and 4 more: a see: from the third round goes to copy 0 when its target has no third copy
    third = open(os.path.join(folder, "scenarios", "complaint-about-care-c0002.yaml"), encoding="utf-8").read()
    assert "see: [emergency-self-harm-c0000]" in third
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "playbook"), "check", "--no-cache", folder], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_bench_runs_end_to_end_and_writes_its_table(tmp_path):
    out = tmp_path / "benchmarks.md"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--synthetic", "3", "--real", "4", "--runs", "1,1",
                             "--serve", "synthetic:3", "--edits", "1", "--out", str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    assert "**Machine:**" in text and "**Date:**" in text
    for row in ("| synthetic 3 | real 4 |", "compose every file with libyaml", "`playbook check --no-cache`", "cold check ÷ YAML floor",
                "compliance rules' share", "warm `playbook check`", "full `mkdocs build`", "plain Markdown", "full build ÷ floor",
                "`zensical build", "scenario page HTML", "search index", "| synthetic 3 |", "save → page shows"):
        assert row in text, row
        assert row in result.stdout, row
