"""Property-based fuzzing of the loader and `playbook check` (Hypothesis).

Whatever an editor saves, the outcome is either clean or a list of coded
Problems with a file and a line: never an exception, never a hang. The fixed
hostile cases (tags, alias bombs, deep nesting, huge files...) live in
test_hostile_input.py; here the input is random:

* random YAML structures (dumped by PyYAML) and random YAML-ish text,
* random bytes,
* mutations of the bundled playbook files (delete, rename or retype a key,
  swap two values, inject unicode, truncate the file),

each loaded with playbook.yamlsafe, then checked with playbook.check.check_dir
on a temporary playbook folder; whatever passes the check is also rendered
with playbook.pages.generate. A few mutated playbooks also go through the CLI.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

import session_report
from playbook import yamlsafe
from playbook.check import check_dir
from playbook.pages import generate
from playbook.problems import CODES, ERROR, Problem

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "playbook"
PLAYBOOK_CLI = str(Path(sys.executable).parent / "playbook")
PER_CASE_SECONDS = 20  # CPU seconds: a case that burns more than this is a hang (a new compliance.yaml alone costs ~7)
FUZZED: dict[str, int] = {}
# The bundled files as they are when the tests start (others may edit them meanwhile).
SNAPSHOT: dict[str, str] = {p.relative_to(BUNDLED).as_posix(): p.read_text(encoding="utf-8")
                            for p in sorted(BUNDLED.rglob("*.yaml"))}

# `make test` runs a fixed set of cases; `make fuzz` runs FUZZ_SCALE=5 times as many (and any scale you set).
SCALE = max(1, int(os.environ.get("FUZZ_SCALE", "1")))

FUZZ = settings(
    max_examples=150 * SCALE,
    # Hypothesis' own deadline flakes on a loaded machine (the first check compiles every
    # compliance pattern); time_limit() below fails any case that runs past PER_CASE_SECONDS.
    deadline=None,
    derandomize=True,  # a fixed, reproducible set of cases on every run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
    database=None,
)


@contextmanager
def time_limit(seconds: int = PER_CASE_SECONDS):
    """Fail a case that hangs (Hypothesis' deadline only measures cases that finish).

    The limit is on this process's CPU time (ITIMER_PROF), not the wall clock: on 2 shared
    cores a busy neighbour stretches the wall clock, while a hang burns CPU."""
    def on_alarm(signum, frame):
        raise TimeoutError(f"case took more than {seconds}s of CPU")
    old = signal.signal(signal.SIGPROF, on_alarm)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)


def count(kind: str) -> None:
    FUZZED[kind] = FUZZED.get(kind, 0) + 1


def assert_coded(problems: list[Problem]) -> None:
    for p in problems:
        assert isinstance(p, Problem), p
        assert p.code in CODES, f"unregistered code {p.code}: {p}"
        assert p.line >= 1 and p.col >= 1, p.format()
        assert p.path, p
        assert p.format().startswith(p.path), p.format()


# ---------------------------------------------------------------- strategies

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
    st.text(max_size=40), st.sampled_from(["yes", "No", "on", "~", "null", "2026-02-30", "1h", "15m", "0d",
                                           "{org.name}", "{contacts.x.y}", "{{ x }}", "[first name]", "<script>"]),
)
keys = st.one_of(st.text(max_size=20), st.sampled_from(
    ["id", "title", "summary", "tree", "start", "questions", "outcomes", "answers", "next", "label", "replies",
     "text", "variants", "contacts", "links", "policies", "rules", "redirects", "review", "date", "by", "examples"]))
structures = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=5)), max_leaves=30)

YAML_CHARS = st.sampled_from(list(":-?[]{},#&*!|>'\"%@`\\ \n\t\r\x85\u2028\ufeff") + ["a", "b", "0", "é", "🙂", "\x07", "\ud7ff"])
yamlish_text = st.lists(st.one_of(YAML_CHARS, st.sampled_from(
    ["id: ", "tree:\n  ", "- ", "&a ", "*a ", "!!str ", "!!binary ", "!!timestamp ", "<<: ", "? ", "--- ", "...\n",
     "%YAML 1.1\n", "|\n  ", ">-\n  ", "\n  ", "'", '"\\x', "{a: [", "]}"])), max_size=60).map("".join)


def _paths(data, prefix=()):
    """Every path into a loaded document, for choosing what to mutate."""
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, prefix + (i,))


def _get(data, path):
    for p in path:
        data = data[p]
    return data


def _set(data, path, value):
    _get(data, path[:-1])[path[-1]] = value


UNICODE_SAMPLES = ["\u202e", "\u200b", "\ufeff", "é", "ß", "İ", "🙂", "👩‍⚕️", "\u0301", "𝔘", "\ufffd", "中文", "\u00a0", "\t", "\r\n", "\x85"]
RETYPES = [None, "", [], {}, ["a", "b"], {"a": "b"}, "yes", "12", "x" * 25000, [[["deep"]]], "2026-13-45", "-1",
           "9999-12-31", "0001-01-01", "3650", "99999999999999999999", "1e400", "{contacts.oncall_comms.email}"]


@st.composite
def mutations(draw):
    """A bundled file, mutated: (relative path, new text)."""
    rel = draw(st.sampled_from(sorted(SNAPSHOT)))
    source = SNAPSHOT[rel]
    kind = draw(st.sampled_from(["delete", "rename", "retype", "swap", "unicode", "truncate", "duplicate-line"]))
    if kind == "truncate":
        cut = draw(st.integers(0, len(source)))
        return rel, kind, source[:cut]
    if kind == "duplicate-line":
        lines = source.splitlines(keepends=True)
        i = draw(st.integers(0, len(lines) - 1))
        return rel, kind, "".join(lines[: i + 1] + [lines[i]] + lines[i + 1:])
    doc, _ = yamlsafe.load_text(source, rel)
    data = doc.data
    paths = [p for p in _paths(data) if p]
    path = draw(st.sampled_from(paths))
    parent = _get(data, path[:-1])
    if kind == "delete":
        del parent[path[-1]]
    elif kind == "rename":
        if isinstance(parent, dict):
            new = draw(st.one_of(keys, st.text(min_size=1, max_size=10)))
            parent[new] = parent.pop(path[-1])
        else:
            parent.insert(0, parent.pop(path[-1]))
    elif kind == "retype":
        _set(data, path, draw(st.one_of(st.sampled_from(RETYPES), structures)))
    elif kind == "swap":
        other = draw(st.sampled_from(paths))
        a, b = _get(data, path), _get(data, other)
        if path[: len(other)] != other and other[: len(path)] != path:  # neither contains the other
            _set(data, path, b)
            _set(data, other, a)
    elif kind == "unicode":
        texts = [p for p in paths if isinstance(_get(data, p), str)]
        target = draw(st.sampled_from(texts))
        value = _get(data, target)
        at = draw(st.integers(0, len(value)))
        _set(data, target, value[:at] + draw(st.sampled_from(UNICODE_SAMPLES)) + value[at:])
    return rel, kind, yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


# ---------------------------------------------------------------- the loader


@FUZZ
@given(structures)
def test_loader_random_structures(value):
    text = yaml.safe_dump(value, allow_unicode=True)
    with time_limit():
        doc, problems = yamlsafe.load_text(text, "random.yaml")
    count("loader: random structures")
    assert_coded(problems)
    if doc is not None:
        assert isinstance(doc.data, dict)


@FUZZ
@given(yamlish_text)
def test_loader_random_yaml_text(text):
    with time_limit():
        doc, problems = yamlsafe.load_text(text, "random.yaml")
    count("loader: random YAML-ish text")
    assert_coded(problems)
    assert doc is not None or problems


@FUZZ
@given(st.binary(max_size=400))
def test_loader_random_bytes(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("bytes") / "random.yaml"
    path.write_bytes(raw)
    with time_limit():
        doc, problems = yamlsafe.load(str(path), "random.yaml")
    count("loader: random bytes")
    assert_coded(problems)
    assert doc is not None or problems


# ---------------------------------------------------------------- playbook check


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz-playbook")


def _fresh_copy(scratch: Path) -> Path:
    target = scratch / "playbook"
    if target.exists():
        shutil.rmtree(target)
    for rel, text in SNAPSHOT.items():
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        (target / rel).write_text(text, encoding="utf-8")
    return target


def _check_and_render(root: Path) -> list[Problem]:
    with time_limit():
        pb, problems = check_dir(str(root))
        assert_coded(problems)
        if not any(p.severity == ERROR for p in problems):
            pages = generate(pb)  # whatever passes the check must also build
            assert pages
    return problems


@settings(FUZZ, max_examples=120 * SCALE)
@given(mutations())
def test_check_mutated_bundled_files(scratch, case):
    rel, kind, text = case
    root = _fresh_copy(scratch)
    (root / rel).write_text(text, encoding="utf-8")
    _check_and_render(root)
    count(f"check: mutated playbook ({kind})")


@settings(FUZZ, max_examples=40 * SCALE)
@given(st.sampled_from(["organization.yaml", "compliance.yaml", "scenarios/negative-comment.yaml", "scenarios/fuzz.yaml"]),
       st.one_of(structures.map(lambda v: yaml.safe_dump(v, allow_unicode=True)), yamlish_text))
def test_check_random_file_in_playbook(scratch, rel, text):
    root = _fresh_copy(scratch)
    (root / rel).write_text(text, encoding="utf-8")
    _check_and_render(root)
    count("check: random file in a playbook")


def test_cli_on_mutated_playbooks(tmp_path):
    """The command line prints coded problems and exits 0/1, never a traceback."""
    rng = random.Random(7)
    for i in range(6):
        root = _fresh_copy(tmp_path / f"pb{i}")
        victim = root / rng.choice(sorted(SNAPSHOT))
        text = victim.read_text(encoding="utf-8")
        cut = rng.randrange(len(text))
        victim.write_text(text[:cut] + rng.choice(["\n  - ][", ": : :", "\t", "\x85", "&a *a", "{{ }}"]) + text[cut:], encoding="utf-8")
        result = subprocess.run([PLAYBOOK_CLI, "check", str(root)], capture_output=True, text=True, timeout=120)
        count("cli: mutated playbook")
        assert result.returncode in (0, 1), result.stderr
        assert "Traceback" not in result.stderr + result.stdout
        assert "internal error" not in result.stderr
        if result.returncode == 1:
            assert any(" PB" in line for line in result.stdout.splitlines()), result.stdout


@session_report.at_end
def _report_cases_fuzzed() -> None:
    if FUZZED:
        session_report.add("fuzzing", f"{sum(FUZZED.values())} cases: " + ", ".join(f"{k} {v}" for k, v in sorted(FUZZED.items())))
