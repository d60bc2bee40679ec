"""The live preview (`mkdocs serve --dirty`, what `make serve` runs): a save shows up, a check error shows up in the
terminal and in the browser instead of any page, and fixing it brings the pages back. A broken playbook's
pages are never served. (Speed is measured in bench/run.py, not here.)"""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = str(Path(sys.executable).parent / "mkdocs")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.read().decode("utf-8", "replace")
    except OSError:
        return None


def _until(what, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        got = what()
        if got:
            return got
        time.sleep(0.1)
    raise AssertionError("timed out")


@pytest.fixture
def preview(tmp_path):
    """`mkdocs serve --dirty` on a copy of the bundled playbook; yields (base url, playbook folder, terminal log path)."""
    pb = tmp_path / "playbook"
    shutil.copytree(ROOT / "playbook", pb)
    port = _free_port()
    log_path = tmp_path / "serve.log"
    log = open(log_path, "w", encoding="utf-8")
    env = dict(os.environ, PLAYBOOK_DIR=str(pb), NO_MKDOCS_2_WARNING="1")
    proc = subprocess.Popen([MKDOCS, "serve", "--dirty", "-f", str(ROOT / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        _until(lambda: _get(base + "scenarios/legal-threat/"), 240)
        time.sleep(1)  # let the watcher settle after the first build
        yield base, pb, log_path
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


def _edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


def test_a_save_is_shown_on_its_page_and_the_pages_that_list_it(preview):
    base, pb, _ = preview
    path = pb / "scenarios" / "legal-threat.yaml"
    _edit(path, "title: ", "title: Edited title mark-7341 for ")
    _until(lambda: "mark-7341" in (_get(base + "scenarios/legal-threat/") or ""))
    # the listing pages that show the title follow in the same rebuild
    assert "mark-7341" in _get(base + "scenarios/")
    # so does a hand-written page's marker block, though its file did not change: the home page's
    # "What came in?" box names the crisis scenarios the danger screen puts first
    _edit(pb / "scenarios" / "emergency-self-harm.yaml", "title: ", "title: Crisis mark-8803 ")
    _until(lambda: "mark-8803" in (_get(base) or ""))


def test_a_check_error_is_shown_in_the_terminal_and_the_browser_then_fixing_it_recovers(preview, browser):
    base, pb, log_path = preview
    page = browser.new_page()
    page.goto(base + "scenarios/praise-staff/")
    assert page.locator("h1").first.inner_text().strip() != ""
    path = pb / "scenarios" / "legal-threat.yaml"
    good = _edit(path, "\nseverity: ", "\nseverity: very-")
    # The open page reloads by itself and lists the problem; no page of the broken playbook is served.
    page.wait_for_selector("[data-playbook-problems]", timeout=60000)
    listing = page.locator("[data-playbook-problems]").inner_text()
    assert re.search(r"legal-threat\.yaml:\d+:\d+: PB203 severity: 'very-", listing), listing
    assert "PB203" in _get(base + "scenarios/legal-threat/")
    assert "data-playbook-problems" in _get(base + "scenarios/")  # every page, not only the broken one
    _until(lambda: "PB203" in log_path.read_text(encoding="utf-8"))
    assert re.search(r"legal-threat\.yaml:\d+:\d+: PB203 ", log_path.read_text(encoding="utf-8"))
    # Fix it: the same open page comes back by itself, with the page of the fixed playbook.
    path.write_text(good.replace("title: ", "title: Fixed mark-5521 ", 1), encoding="utf-8")
    _until(lambda: "mark-5521" in (_get(base + "scenarios/legal-threat/") or ""))
    page.wait_for_function("() => !document.querySelector('[data-playbook-problems]')", timeout=60000)
    assert "data-playbook-problems" not in _get(base + "scenarios/praise-staff/")
    page.close()
