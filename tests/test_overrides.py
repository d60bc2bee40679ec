"""Templates an organisation overrides, and the rules every template keeps.

tests/fixtures/overrides/ is a theme custom_dir as an organisation would keep
it: playbook/partials/reply.html and playbook/partials/outcome.html replace
the packaged reply and outcome cards. Every scenario page must show them, and
every reply must still copy exactly its export text. (`make test` also runs
tests/test_injection.py and tests/test_copy_browser.py with these overrides.)
"""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, build_site, config_with_overrides, serve
from test_copy_browser import _by_page, _sweep
from playbook import pipeline
from playbook.check import check_dir
from playbook.pages import DuplicatePage, generate

OVERRIDES = ROOT / "tests" / "fixtures" / "overrides"
PACKAGE = ROOT / "scripts" / "playbook"


@pytest.fixture(scope="module")
def override_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("override-site")
    config = config_with_overrides(OVERRIDES, tmp_path_factory.mktemp("override-config"))
    result = build_site(out, playbook_dir=ROOT / "playbook", config=config)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _scenario_pages(site: Path) -> list[Path]:
    return sorted((site / "scenarios").glob("*/index.html"))


def test_every_scenario_page_shows_the_overridden_cards(override_site):
    pb, _ = check_dir(str(ROOT / "playbook"))
    pages = _scenario_pages(override_site)
    assert len(pages) == len(pb.scenarios) == 18
    for item in pb.scenarios:
        scen = item.obj
        html = (override_site / "scenarios" / scen.id / "index.html").read_text(encoding="utf-8")
        outcomes = len(scen.tree.outcomes)
        assert html.count('data-org-override="outcome"') == outcomes, scen.id
        with_reply = sum(1 for o in scen.tree.outcomes.values() if o.reply)
        assert html.count('data-org-override="reply"') == with_reply, scen.id
        assert html.count("Riverbend house style: read it once more before posting.") == with_reply
        # the packaged outcome card is gone: its "Do this" heading exists only there
        assert "<h4>Do this</h4>" not in html, scen.id
    # the quick reference uses the same reply card
    qr = (override_site / "quick-reference" / "index.html").read_text(encoding="utf-8")
    assert qr.count('data-org-override="reply"') == sum(len(i.obj.replies) for i in pb.scenarios)


def test_override_templates_are_not_published_as_files(override_site):
    assert not (override_site / "playbook" / "partials").exists()


def test_every_reply_copies_its_export_text_with_overrides(browser, override_site):
    rows = json.loads((override_site / "replies.json").read_text(encoding="utf-8"))
    # The default location's rows (shown before any location is picked); every location's are
    # copied with these overrides by `make test`, which runs tests/test_copy_browser.py with them.
    rows = [r for r in rows if r.get("location") in (None, rows[0].get("location"))]
    url, server = serve(override_site)
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
    page = ctx.new_page()
    page.bring_to_front()  # the clipboard needs the focus, which headless Chromium leaves with the page that had it last
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    copied = 0
    try:
        for page_url, replies in _by_page(rows).items():  # each page loaded once; tests/copy_sweep.js copies its rows
            page.goto(url + page_url)
            copied += _sweep(page, [row for group in replies.values() for row in group], "clipboard")
    finally:
        ctx.close()
        server.shutdown()
    assert copied == len(rows) > 100
    assert not errors, errors


@pytest.mark.slow  # a whole build
def test_a_mistake_in_an_override_names_the_template_and_line(tmp_path):
    custom = tmp_path / "overrides"
    (custom / "playbook" / "partials").mkdir(parents=True)
    (custom / "playbook" / "partials" / "contact.html").write_text(
        '<li class="pb-contact">\n  {{ contact.name }}\n  {{ contact.nmae }}\n</li>\n', encoding="utf-8")
    config = config_with_overrides(custom, tmp_path / "config")
    result = build_site(tmp_path / "site", playbook_dir=ROOT / "playbook", config=config)
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert re.search(r"overrides/playbook/partials/contact\.html:3: template error: .*nmae", out), out[-2000:]
    assert "Traceback" not in out


def test_a_page_generated_twice_is_an_error(monkeypatch):
    pb, _ = check_dir(str(ROOT / "playbook"))
    from playbook.views import moderation

    again = pipeline.PAGES + (moderation.pages,)  # the moderation page, a second time
    monkeypatch.setattr(pipeline, "PAGES", again)
    with pytest.raises(DuplicatePage, match="guidance/moderation-policy.md is generated twice"):
        generate(pb)


def test_generate_is_pure():
    """Same playbook, same day, same pages, however often and in whatever order it runs."""
    import datetime as dt

    day = dt.date(2026, 11, 28)
    pb, _ = check_dir(str(ROOT / "playbook"))
    first = generate(pb, day)
    hostile, _ = check_dir(str(ROOT / "tests" / "fixtures" / "injection" / "playbook"))
    generate(hostile, day)
    assert generate(pb, day) == first


# ------------------------------------------------------------------ rules every template keeps

def _code_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py")) + sorted((ROOT / "scripts" / "playbook_mkdocs").rglob("*.py"))


def _template_files() -> list[Path]:
    return sorted(p for p in (PACKAGE / "templates").rglob("*") if p.is_file()) + \
        sorted(p for p in OVERRIDES.rglob("*") if p.is_file()) + sorted((ROOT / "overrides").rglob("*") if (ROOT / "overrides").exists() else [])


def test_only_the_templating_module_creates_markup():
    offenders = []
    for path in _code_files():
        if path.name == "templating.py" and path.parent == PACKAGE:
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"\bMarkup\s*\(|markupsafe|\|\s*safe\b|__html__", text):
            offenders.append(str(path.relative_to(ROOT)))
    for path in _template_files():
        text = path.read_text(encoding="utf-8")
        if re.search(r"\|\s*safe\b|\bMarkup\s*\(|autoescape\s+false", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


# Reads markup rather than building it: finds <div> blocks in generated pages and the <p> Python-Markdown wraps
# a placeholder in (raw_html.py; tests/test_raw_html.py shows the page comes out as Python-Markdown renders it).
READS_MARKUP = {ROOT / "scripts" / "playbook_mkdocs" / "raw_html.py"}


def test_no_html_is_built_in_python():
    offenders = []
    for path in _code_files():
        if path.name == "templating.py" and path.parent == PACKAGE or path in READS_MARKUP:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"""\bf(['"])\s*<|['"]<(?:div|span|p|li|ul|ol|a|h\d|table|tr|td|section|strong|code)\b""", line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == [], "\n".join(offenders)


def test_the_core_never_imports_mkdocs():
    result = subprocess.run(["grep", "-rlE", r"^\s*(from|import) mkdocs", str(PACKAGE)], capture_output=True, text=True)
    assert result.stdout == "", result.stdout


def test_every_template_parses_and_the_packaged_ones_are_all_used():
    from playbook.templating import environment

    env = environment()
    names = env.list_templates()
    for name in names:
        env.get_template(name)  # raises on a syntax error
    used = set()
    for path in (PACKAGE / "templates").rglob("*"):
        if path.is_file():
            used |= set(re.findall(r'(?:include|from|import) "([^"]+)"', path.read_text(encoding="utf-8")))
    code = "\n".join(p.read_text(encoding="utf-8") for p in _code_files())
    used |= set(re.findall(r'"((?:pages|partials)/[^"]+)"', code))
    assert sorted(set(names) - used) == [], "templates nothing renders"
