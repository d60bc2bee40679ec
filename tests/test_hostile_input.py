"""Hostile input never crashes `playbook check`: each case is an error naming the file,
exit status 1, within a few seconds and a few hundred MB, and no traceback."""
from __future__ import annotations

import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLAYBOOK = str(Path(sys.executable).parent / "playbook")


def _bomb() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


CASES = {
    "python-object-tag": (b"id: x\ntitle: !!python/object/apply:os.system ['touch /tmp/pb-pwned']\n", "PB109"),
    "python-name-tag": (b"id: !!python/name:os.system\n", "PB109"),
    "custom-tag": (b"id: !include secrets.yaml\n", "PB109"),
    "billion-laughs": (_bomb(), "PB110"),
    "deep-nesting-flow": (b"id: " + b"[" * 5000 + b"]" * 5000 + b"\n", "PB111"),
    "deep-nesting-map": (b"id: " + b"{a: " * 5000 + b"x" + b"}" * 5000 + b"\n", "PB111"),
    "deep-nesting-block": (b"id: x\n" + b"".join(b" " * i + b"k:\n" for i in range(1500)) + b" " * 1500 + b"v\n", "PB111"),
    "thirty-megabytes": (b"id: x\nsummary: " + b"a" * (30 * 1024 * 1024) + b"\n", "PB103"),
    "invalid-utf8": (b"id: x\ntitle: caf\xe9\n", "PB101"),
    "binary": (bytes(range(256)) * 40, "PB102"),
    "empty": (b"", "PB104"),
    "only-whitespace": (b"  \n\n\t\n", "PB104"),
    "multi-document": (b"id: a\n---\nid: b\n", "PB106"),
    "list-root": (b"- id: a\n", "PB107"),
    "scalar-root": (b"just text\n", "PB107"),
    "null-root": (b"~\n", "PB104"),
    "merge-key": (b"base: &b {a: 1}\nid:\n  <<: *b\n", "PB109"),
}


@pytest.mark.sweep(every=6)
@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file(name, tmp_path):
    data, code = CASES[name]
    pb = tmp_path / "playbook"
    shutil.copytree(ROOT / "playbook", pb)
    target = pb / "scenarios" / f"{name}.yaml"
    target.write_bytes(data)
    marker = Path("/tmp/pb-pwned")
    marker.unlink(missing_ok=True)

    def limit():  # a few hundred MB: the check must not need more
        resource.setrlimit(resource.RLIMIT_AS, (600 * 1024 * 1024, 600 * 1024 * 1024))

    # CPU seconds of the check, not wall time: on 2 shared cores a busy neighbour stretches the
    # wall clock, while a hang or a blow-up shows in the CPU the check itself burns. The wall
    # timeout still stops a check that sleeps or waits.
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run([PLAYBOOK, "check", str(pb)], capture_output=True, text=True, timeout=120, preexec_fn=limit)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    elapsed = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "Traceback" not in out
    assert f"{name}.yaml:" in result.stdout and code in result.stdout, out
    assert elapsed < 10, f"took {elapsed:.1f}s of CPU"
    assert not marker.exists(), "a YAML tag executed code"


def test_yaml_booleans_stay_text(tmp_path):
    """An answer labelled Yes stays "Yes" however it is written (YAML 1.1 reads yes/no/on/off as booleans)."""
    from playbook.yamlsafe import load_text

    doc, problems = load_text("a: Yes\nb: no\nc: ON\nd: off\ne: 'y'\nf: true\ng: ~\nh: 012\n", "t.yaml")
    assert problems == []
    assert doc.data == {"a": "Yes", "b": "no", "c": "ON", "d": "off", "e": "y", "f": "true", "g": None, "h": "012"}


def test_unlabelled_yes_renders_as_yes(tmp_path):
    from playbook.check import check_dir

    pb = tmp_path / "playbook"
    shutil.copytree(ROOT / "playbook", pb)
    scen = pb / "scenarios" / "negative-comment.yaml"
    scen.write_text(scen.read_text().replace('label: "Yes"', "label: Yes").replace('label: "No"', "label: no"))
    loaded, problems = check_dir(str(pb))
    assert not [p for p in problems if p.severity == "error"]
    labels = {a.label for s in loaded.scenario_list() for q in s.tree.questions.values() for a in q.answers if s.id == "negative-comment"}
    assert labels == {"Yes", "no"}


def test_all_problems_in_one_run(tmp_path):
    """Faults in several files are all reported in one run, sorted by file and line."""
    pb = tmp_path / "playbook"
    shutil.copytree(ROOT / "playbook", pb)
    (pb / "scenarios" / "a.yaml").write_bytes(b"id: [\n")
    (pb / "scenarios" / "b.yaml").write_bytes(b"")
    (pb / "scenarios" / "c.yaml").write_bytes(b"- x\n")
    result = subprocess.run([PLAYBOOK, "check", str(pb)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [l.split(":")[0].rsplit("/", 1)[-1] for l in lines[:3]] == ["a.yaml", "b.yaml", "c.yaml"], result.stdout
    assert "PB105" in lines[0] and "PB104" in lines[1] and "PB107" in lines[2]


def test_usage_errors_exit_2(tmp_path):
    result = subprocess.run([PLAYBOOK, "check", str(tmp_path / "nope")], capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    result = subprocess.run([PLAYBOOK, "frobnicate"], capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
