"""Shared fixtures: a built copy of the bundled site, a loopback web server, and Chromium.

Browser tests use Playwright from PyPI driving Debian's chromium; no browser is
downloaded. `make test` installs chromium with apt-get when it is missing.
"""
from __future__ import annotations

import functools
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import session_report

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = ROOT / "tests" / "artifacts"


# `make test` runs the injection and copy suites a second time with the template overrides in
# tests/fixtures/overrides/ (as an organisation's theme custom_dir): set this variable to its path.
OVERRIDES_ENV = "PLAYBOOK_TEMPLATE_OVERRIDES"


def config_with_overrides(custom_dir: Path, folder: Path, base: Path | None = None) -> Path:
    """A copy of mkdocs.yml (in folder) whose theme.custom_dir is custom_dir; docs_dir stays this repo's docs/."""
    import yaml

    base = base or ROOT / "mkdocs.yml"
    config = yaml.safe_load(base.read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = str(Path(custom_dir).resolve())
    config["docs_dir"] = str((base.parent / config.get("docs_dir", "docs")).resolve())
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "mkdocs.yml"
    out.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return out


def build_site(out_dir: Path, playbook_dir: Path | None = None, config: Path | None = None, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` of this repo's docs with a given playbook into out_dir."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    playbook_dir = playbook_dir or Path(os.environ.get("PLAYBOOK_DIR") or ROOT / "playbook")
    if config is None and os.environ.get(OVERRIDES_ENV):
        config = config_with_overrides(ROOT / os.environ[OVERRIDES_ENV], out_dir.parent / f"{out_dir.name}-config")
    if playbook_dir is not None:
        env["PLAYBOOK_DIR"] = str(playbook_dir)
    env.update(extra_env or {})
    # No --quiet: MkDocs 1.6 then drops warnings before --strict counts them.
    cmd = [str(VENV_BIN / "mkdocs"), "build", "--strict", "-f", str(config or ROOT / "mkdocs.yml"), "-d", str(out_dir)]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def run_playbook(*args: str, input: str | None = None, cwd: Path | None = None, timeout: int = 60,
                 subprocess_: bool = False, text: bool = True) -> subprocess.CompletedProcess:
    """`playbook ARGS` as a user runs it: its exit status, and its stdout and stderr as text (newlines as
    subprocess's text mode gives them), or as the bytes written with `text=False`. It runs in this process, through the command's own entry point
    (`playbook.cli.main`), with its own stdin, stdout, stderr and working folder: the compliance rules are then
    compiled once per test process, not once per call (content_memo.py), which is most of a check's time.
    `subprocess_=True`, or PLAYBOOK_TESTS_SUBPROCESS=1 for the whole suite, runs the installed executable
    instead; tests/test_cli_entry.py and tests/test_hostile_input.py always do. `timeout` applies to the
    executable only."""
    if subprocess_ or os.environ.get("PLAYBOOK_TESTS_SUBPROCESS") == "1":
        return subprocess.run([str(VENV_BIN / "playbook"), *args], cwd=cwd or ROOT, capture_output=True, text=text,
                              input=input if text or input is None else input.encode("utf-8"), timeout=timeout)
    return _run_in_process(list(args), input, cwd or ROOT, text)


def _run_in_process(args: list[str], input: str | None, cwd: Path, text: bool = True) -> subprocess.CompletedProcess:
    from playbook.cli import main

    out, err = io.BytesIO(), io.BytesIO()
    streams = (io.TextIOWrapper(io.BytesIO((input or "").encode("utf-8")), encoding="utf-8"),
               io.TextIOWrapper(out, encoding="utf-8", write_through=True),
               io.TextIOWrapper(err, encoding="utf-8", write_through=True))
    saved, here = (sys.stdin, sys.stdout, sys.stderr), os.getcwd()
    try:
        sys.stdin, sys.stdout, sys.stderr = streams
        os.chdir(cwd)
        try:
            status = main(args)
        except SystemExit as exc:  # argparse, for one
            status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            if isinstance(exc.code, str):
                print(exc.code, file=sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        os.chdir(here)

    def decoded(data: bytes) -> str | bytes:  # what subprocess.run(text=True) makes of it: strict UTF-8, universal newlines
        return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n") if text else data

    return subprocess.CompletedProcess(["playbook", *args], status, decoded(out.getvalue()), decoded(err.getvalue()))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The bundled playbook, built once per test session."""
    out = tmp_path_factory.mktemp("site")
    result = build_site(out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path, prefix: str = "") -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve a folder on loopback. With a prefix, the site lives under that sub-path."""
    if prefix:
        holder = directory.parent / f"{directory.name}-served"
        target = holder / prefix.strip("/")
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(directory, target)
        directory = holder
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/{prefix.strip('/') + '/' if prefix else ''}", server


@pytest.fixture(scope="module")
def bundled_checked():
    """The bundled playbook, loaded by the check, which finds no error in it (one load per test module)."""
    from playbook.check import check_dir

    playbook, problems = check_dir(str(Path(__file__).resolve().parent.parent / "playbook"))
    assert not [p for p in problems if p.severity == "error"]
    return playbook


# Material's search worker loads these from the site itself once the search index is in (the bundled
# site searches in English and Spanish, so lunr's language files too).
SEARCH_WORKER_FILES = ("lunr.stemmer.support.min.js", "lunr.es.min.js", "lunr.multi.min.js")


def open_settled(page, url: str, ready: str, timeout: float = 15.0) -> None:
    """Open url, wait for the selector `ready`, then for the page's own loading to end: the page idle
    and Material's search worker done with its files. Playwright's "networkidle" does not wait for the
    worker, which on a busy machine fetched lunr's files after the page was idle, so a test that then
    started listening for requests counted them. Past `timeout` seconds it goes on (the test's own
    assertions then see anything late)."""
    import time

    finished: list[str] = []

    def seen(request) -> None:
        finished.append(request.url)

    page.on("requestfinished", seen)
    page.goto(url)
    page.wait_for_selector(ready)
    page.wait_for_load_state("networkidle")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not all(any(u.endswith(f) for u in finished) for f in SEARCH_WORKER_FILES):
        page.wait_for_timeout(100)
    page.remove_listener("requestfinished", seen)


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    url, server = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """A page that fails the test on any console error or uncaught exception."""
    pg = context.new_page()
    pg.bring_to_front()  # headless Chromium leaves the focus with the page that had it last
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.console_errors = errors
    yield pg
    assert not errors, f"console errors: {errors}"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


# `make test-fast` leaves out what needs Chromium or a whole build: the tests that use a browser
# (marked `browser` here, whatever fixture brings it in) and these modules and fixtures (marked `slow`).
BROWSER_FIXTURES = {"browser", "context", "page"}
SLOW_MODULES = {
    "test_fuzz.py",          # hundreds of generated playbooks, each checked and rendered
    "test_package.py",       # installs the package into a new virtual environment
    "test_bench.py",         # runs the benchmark end to end
    "test_zensical.py",      # a Zensical build
    "test_live_preview.py",  # a running `mkdocs serve`
}
SLOW_FIXTURES = {  # a whole `mkdocs build --strict` (or `make site`)
    "built_site",      # the bundled site
    "override_site",   # test_overrides.py: with an organisation's template overrides
    "hostile_site",    # test_injection.py: of the hostile playbook
    "repo_copy",       # test_nothing_lost.py: `make site` in a copy of the repository
}
# Tests that build a whole site inside the test carry @pytest.mark.slow themselves. A parametrized test
# marked @pytest.mark.sweep(every=N) runs one case in N in `make test-fast` (the first, then every Nth, in
# collection order) and every case in `make test`: its cases run the same code on different inputs (a
# fixture per problem code, a hostile file each), and the fast run keeps one of each kind of test.


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: uses Chromium (added by conftest.py from the fixtures a test uses)")
    config.addinivalue_line("markers", "slow: builds a site, installs the package or fuzzes (conftest.py: SLOW_MODULES, SLOW_FIXTURES), "
                                       "or is a case of a sweep beyond its fast sample")
    config.addinivalue_line("markers", "sweep(every): a parametrized test whose fast run keeps one case in `every` (conftest.py)")


# The longest files first (in this order), then the rest in their usual order: `make test` hands a file
# to whichever worker is free, so a long file started last would leave one core idle at the end.
LONGEST_FIRST = [
    "test_copy_browser.py", "test_fuzz.py", "test_reach_browser.py", "test_compliance_corpus.py",
    "test_privacy.py", "test_tree_browser.py", "test_check_cache.py", "test_search_browser.py",
    "test_bench.py", "test_injection.py", "test_tool_exports.py", "test_overrides.py",
]


def pytest_collection_modifyitems(items):
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: each file keeps its order
    seen: dict[tuple, int] = {}
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if used & SLOW_FIXTURES or item.path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
        sweep = item.get_closest_marker("sweep")
        if sweep is not None:
            key = (item.path, getattr(item, "originalname", item.name))
            index = seen[key] = seen.get(key, -1) + 1
            if index % sweep.kwargs["every"]:
                item.add_marker(pytest.mark.slow)


def pytest_sessionfinish(session):
    """In an xdist worker: hand what this worker's tests reported to the controller, which prints it."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["session_report"] = json.dumps(session_report.sections())


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """In the xdist controller: collect each worker's report sections."""
    sent = getattr(node, "workeroutput", {}).get("session_report")
    if sent:
        session_report.merge(json.loads(sent))


def pytest_terminal_summary(terminalreporter):
    """Reports that tests fed while running (tests/session_report.py), after the results."""
    for title, lines in session_report.sections().items():
        terminalreporter.write_sep("-", title)
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="module")
def instant_site_url(built_site, tmp_path_factory):
    """The built site with a sitemap naming its pages, as a build with site_url set has.

    Material's instant navigation only intercepts links listed in sitemap.xml;
    without site_url MkDocs writes an empty one and every click reloads."""
    root = tmp_path_factory.mktemp("instant") / "site"
    shutil.copytree(built_site, root)
    url, server = serve(root)
    pages = sorted(p.parent.relative_to(root).as_posix() for p in root.rglob("index.html"))
    locs = "".join(f"<url><loc>{url}{'' if p == '.' else p + '/'}</loc></url>" for p in pages)
    (root / "sitemap.xml").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>')
    yield url
    server.shutdown()
