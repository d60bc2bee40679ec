"""Hostile text in every field of a playbook renders as inert text.

tests/fixtures/injection/playbook/ carries, in every text field of the
organization, the compliance rules, the danger screen, the approval ledger and a
scenario (translations of contacts and replies, and compliance for the second
language, included), every payload class
(make_fixture.py): element injection, attribute break-outs with " and with ',
template syntax (Jinja2), Markdown and attr_list syntax, and blank lines that
would end a raw HTML block; URL fields carry quotes and markup after https:.
It must pass `playbook check`, build, and in Chromium run no script: no dialog,
no console marker, no injected element or attribute, no evaluated template, on
every page, in search results and in the "What came in?" box with a post that
sets off the hostile danger signal. Links with other schemes than https:, http:,
mailto:, tel: are check errors (bad-schemes/); the renderer drops them even
when the check is skipped.
"""
from __future__ import annotations

import importlib.util
import json
import re
import shutil
import typing
from pathlib import Path

import pytest

import session_report
from conftest import build_site, run_playbook, serve
from htmltext import parse_html
from playbook import model, yamlsafe
from playbook.check import check_dir
from playbook.problems import ERROR
from sitewalk import page_paths, parse

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "injection"
HOSTILE = FIXTURES / "playbook"
BAD = FIXTURES / "bad-schemes"

_spec = importlib.util.spec_from_file_location("injection_payloads", FIXTURES / "make_fixture.py")
payloads = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(payloads)
PAYLOADS = [p for ps in payloads.CLASSES.values() for p in ps] + list(payloads.COMPACT.values())

# Anything that would exist only if a payload became markup.
INJECTED = ('[id^="xss"], .xss, iframe, pre.mermaid, [onclick], [onerror], [onload], [onmouseover], [onfocus], '
            'style:not([data-md-component]), script[type="module"], svg#xss-svg, b#xss-b')
# A template engine that ran a payload leaves XSS-TPL without the "}" that precedes it as written.
EVALUATED_TEMPLATE = re.compile(r"(?<![}])XSS-TPL")


def _render(pb) -> dict:
    """Every generated page, without the check (the pure core's page generator)."""
    from playbook.pages import generate

    return generate(pb)


def test_hostile_playbook_passes_check():
    _, problems = check_dir(str(HOSTILE))
    assert not [p.format() for p in problems if p.severity == ERROR]


def _kind(annotation) -> tuple[str, object]:
    """('text' | 'url-or-pattern' | 'container' | 'model' | 'other', inner annotation) of a model field, by its
    declared type. Any string without a pattern constraint is free text (Text, ShortText, DangerPattern and
    whatever comes next), so a new one must carry the payloads too; ids, durations, hashes have patterns."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is typing.Union:
        return _kind(next(a for a in args if a is not type(None)))
    if annotation == model.Url:  # the same object as model.Pattern: told apart by the field's name
        return "url-or-pattern", None
    if typing.get_origin(annotation) is typing.Annotated:  # e.g. list[Answer] with a minimum length
        if args[0] is str:
            return ("other" if any(getattr(m, "pattern", None) for m in args[1:]) else "text"), None
        return _kind(args[0])
    if typing.get_origin(annotation) in (list, dict):
        return "container", args[-1]
    if isinstance(annotation, type) and issubclass(annotation, model.BaseModel):
        return "model", annotation
    return "other", None


def _field_annotation(cls, name):
    f = cls.model_fields[name]
    return typing.Annotated[(f.annotation, *f.metadata)] if f.metadata else f.annotation


def _values(cls, data, where=""):
    """(field name as Class.field, kind, value) for every string of a file, following the model."""
    for name, value in data.items():
        kind, inner = _kind(_field_annotation(cls, name))
        yield from _walk(f"{cls.__name__}.{name}", kind, inner, value)


def _walk(field, kind, inner, value):
    if kind in ("text", "url-or-pattern"):
        if value is not None:  # a location's "this location has none"
            yield field, kind, value
    elif kind == "model":
        yield from _values(inner, value)
    elif kind == "container":
        items = value.values() if isinstance(value, dict) else value
        sub, sub_inner = _kind(inner)
        for item in items:
            yield from _walk(field, sub, sub_inner, item)


def _text_fields(cls, seen=None) -> set[str]:
    """Every text field the model defines (free text, URLs and patterns), as Class.field."""
    seen = set() if seen is None else seen
    out = set()
    if cls in seen:
        return out
    seen.add(cls)
    for name in cls.model_fields:
        ann = _field_annotation(cls, name)
        kind, inner = _kind(ann)
        while kind == "container":
            kind, inner = _kind(inner)
        if kind in ("text", "url-or-pattern"):
            out.add(f"{cls.__name__}.{name}")
        elif kind == "model":
            out |= _text_fields(inner, seen)
    return out


# Fields of type model.Url (= model.Pattern) that hold addresses: https: and the URL tail.
URL_FIELDS = {"Organization.website", "Organization.links", "Contact.web_form", "LocationContact.web_form", "Location.links"}
# Not prose: text that must stay valid, and so carries the payloads in its own way (checked by NOT_PROSE_CARRIES).
NOT_PROSE = {
    "Rule.patterns": "a portable regular expression, compiled into the draft page's JSON: some match each class's payload whole",
    "Exemption.patterns": "a portable regular expression, compiled into the draft page's JSON: as Rule.patterns",
    "Compliance.redirects": "a regular expression a reply must match: as Rule.patterns",
    "LanguageRules.redirects": "a regular expression a reply in that language must match: as Rule.patterns",
    "DangerSignal.patterns": "a portable regular expression, compiled into triage-index.json: as Rule.patterns",
    "Rule.phrases": "a literal phrase, shown on the draft page, that must match the replies it allows: one is every payload",
    "Vocabulary.terms": "terms may hold only [a-z0-9' .&/+-] (PB710): one holds every character of those that means something in HTML",
}


def _matches_every_class(values: list[str]) -> list[str]:
    from playbook import compliance

    values = [compliance.VOCAB_REF.sub("(?!)", v) for v in values]  # a vocabulary class matches no payload
    for v in values:
        assert compliance.portability_error(v) is None, v
    return [c for c, p in payloads.COMPACT.items() if not any(re.fullmatch(v, p, compliance.FLAGS) for v in values)]


def _terms_carry(values: list[str]) -> list[str]:
    from playbook import compliance

    assert all(compliance.term_error(v) is None for v in values)
    return [] if any(all(ch in v for ch in "'&/") for v in values) else ["the characters ' & /"]


NOT_PROSE_CARRIES = {  # values of the field in every file -> the payload classes it lacks
    "Rule.patterns": _matches_every_class, "Exemption.patterns": _matches_every_class,
    "Compliance.redirects": _matches_every_class, "LanguageRules.redirects": _matches_every_class,
    "DangerSignal.patterns": _matches_every_class,
    "Rule.phrases": lambda values: [] if payloads.COMPACT_ALL in values else list(payloads.COMPACT),
    "Vocabulary.terms": _terms_carry,
}
FILES = {"organization.yaml": model.Organization, "compliance.yaml": model.Compliance, "danger.yaml": model.Danger,
         "approvals.yaml": model.Approvals, "scenarios/hostile.yaml": model.Scenario}


def test_every_text_field_carries_every_payload_class():
    seen: set[str] = set()
    not_prose: dict[str, list[str]] = {field: [] for field in NOT_PROSE}
    for rel, cls in FILES.items():
        doc, _ = yamlsafe.load(str(HOSTILE / rel))
        for field, kind, value in _values(cls, doc.data):
            if field in NOT_PROSE:
                not_prose[field].append(value)
                continue
            if kind == "url-or-pattern":
                assert field in URL_FIELDS, f"{field} has the type of a URL and of a pattern: add it to URL_FIELDS or NOT_PROSE"
                assert value.startswith("https://") and value.endswith(payloads.URL_TAIL), (rel, field, value)
                seen.add(field)
                continue
            if value == "hostilekeyword":
                continue
            seen.add(field)
            missing = [c for c, p in payloads.COMPACT.items() if p not in value]
            assert not missing, f"{rel}: {field} {value[:60]!r} lacks {missing}"
            if len(value) > payloads.SHORT_LIMIT + 100:  # a long field: every payload of every class
                assert all(p in value for p in PAYLOADS), f"{rel}: {field}"
    for field, values in not_prose.items():
        missing = NOT_PROSE_CARRIES[field](values)
        assert not missing, f"{field} lacks {missing}"
        seen.add(field)
    every = set().union(*(_text_fields(cls) for cls in FILES.values()))
    assert every - seen == set(), f"text fields without payloads: {sorted(every - seen)}"
    assert not set(NOT_PROSE) - every and not URL_FIELDS - every, "a field named here is no longer in the model"


def test_check_prints_one_line_per_problem():
    """Text quoted in a message (the earlier approver's name in PB801, blank lines and all) cannot
    start a line of its own: each line `playbook check` prints is a problem or its summary."""
    result = run_playbook("check", str(HOSTILE), timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = (result.stdout + result.stderr).splitlines()
    problem = re.compile(r"^tests/fixtures/injection/playbook/[a-z/]+\.yaml:\d+:\d+: PB\d{3} ")
    others = [line for line in lines if not problem.match(line)]
    assert len(others) == 1 and re.fullmatch(r"playbook check: 0 error\(s\), \d+ warning\(s\)", others[0]), others
    pb801 = [line for line in lines if " PB801 " in line]
    assert len(pb801) == 1 and payloads.short("Earlier approver").split("\n")[0] in pb801[0]


def test_approval_marks_keep_the_approver_as_text():
    """Approval.by is shown as text on an approved reply, and inside a title attribute on a reply
    changed since its approval (the reply card and the Review status page)."""
    from playbook.load import load_playbook

    pages = _render(load_playbook(str(HOSTILE)))
    approver, earlier = payloads.short("Approved by"), payloads.short("Earlier approver")
    scenario = parse_html(pages["scenarios/hostile.md"])
    approved = scenario.find_all("data-approval", "approved")
    changed = scenario.find_all("data-approval", "changed")
    assert approved and changed
    for el in approved:
        assert el.text_content() == f"Approved by {approver} on 2026-10-15"
        assert set(el.attrs) == {"class", "data-approval", "data-search-exclude"} and not el.find_all("id")
    for el in changed:
        assert el.attrs["title"] == f"{earlier} approved the earlier text on 2026-10-01"
        assert set(el.attrs) == {"class", "data-approval", "data-search-exclude", "title"}
    review = parse_html(pages["review-status.md"])
    row = review.find("data-pending", "hostile/changed-reply")
    assert f"by {earlier} on 2026-10-01" in row.text_content()
    assert row.find("data-approval", "changed").attrs["title"] == f"{earlier} approved the earlier text on 2026-10-01"
    assert not review.find_all("data-pending", "hostile/hostile-reply")


def test_other_url_schemes_are_check_errors():
    _, problems = check_dir(str(BAD))
    bad = [p for p in problems if p.code == "PB208"]
    # One per bad link in bad-schemes/: website, two links, web form, hours, summary x2, help x2, variant.
    assert len(bad) == len(payloads.BAD_SCHEMES), "\n".join(p.format() for p in problems)
    assert {Path(p.path).name for p in bad} == {"organization.yaml", "negative-comment.yaml"}
    assert all(p.line > 1 for p in bad)


LINK_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "srcdoc", "data")


def _scheme_of(url: str) -> str:
    """The scheme a browser reads: ASCII whitespace and control characters are ignored."""
    squeezed = re.sub(r"[\x00-\x20]", "", url).lower()
    m = re.match(r"([a-z][a-z0-9+.-]*):", squeezed)
    return m.group(1) if m else ""


@pytest.mark.parametrize("bad_url", payloads.LINK_SCHEMES)
def test_renderers_never_link_other_schemes_even_unchecked(tmp_path, bad_url):
    """Defence in depth: every field that becomes a link (website, links, web forms, e-mail, phone)
    holds a javascript:, data: or vbscript: URL, and the pages are rendered without the check."""
    from playbook.load import load_playbook

    root = tmp_path / "playbook"
    shutil.copytree(BAD, root)
    doc, _ = yamlsafe.load(str(root / "organization.yaml"))
    org = doc.data
    org["website"] = bad_url
    org["links"] = {lid: bad_url for lid in org["links"]}
    for c in org["contacts"].values():
        c["web_form"] = c["email"] = c["phone"] = bad_url
    import yaml
    (root / "organization.yaml").write_text(yaml.safe_dump(org, allow_unicode=True, sort_keys=False), encoding="utf-8")
    pb = load_playbook(str(root))
    assert pb.org is not None and pb.org.contacts["patient_relations"].web_form == bad_url
    pages = _render(pb)
    links = 0
    for path, text in pages.items():
        if isinstance(text, bytes) or not path.endswith(".md"):
            continue
        for el in parse_html(text).iter():
            for name in LINK_ATTRS:
                if name in el.attrs:
                    links += 1
                    assert _scheme_of(el.attrs[name]) not in ("javascript", "data", "vbscript", "file"), (path, el.tag, el.attrs)
    assert links > 0


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hostile-site")
    result = build_site(out, playbook_dir=HOSTILE)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    url, server = serve(hostile_site)
    yield url
    server.shutdown()


def test_built_html_has_no_injected_markup(hostile_site):
    """Also the regressions this file found: a blank line in a summary that ended the raw HTML
    block on list pages, and a '"' in a summary that broke out of Material's
    <meta name="description" content="...">."""
    pages = page_paths(hostile_site)
    assert "scenarios/hostile/" in pages
    for rel in pages:
        doc = parse(hostile_site / rel / "index.html" if not rel.endswith(".html") else hostile_site / rel)
        html = (hostile_site / rel / "index.html" if not rel.endswith(".html") else hostile_site / rel).read_text(encoding="utf-8")
        assert not EVALUATED_TEMPLATE.search(html), (rel, "a template payload was evaluated")
        for tag, attrs in doc.tags:
            assert not any(k.startswith("on") for k in attrs), (rel, tag, attrs)
            assert not attrs.get("id", "").startswith("xss"), (rel, tag, attrs)
            assert tag not in ("iframe",), (rel, tag, attrs)
            assert "mermaid" not in attrs.get("class", ""), (rel, tag, attrs)
            for name in LINK_ATTRS:
                assert _scheme_of(attrs.get(name, "")) not in ("javascript", "data", "vbscript"), (rel, tag, attrs)
        for script, kind in zip(doc.scripts, doc.script_types):
            if kind == "application/json":  # data for a script: valid JSON that cannot close the element
                json.loads(script)
                assert "<" not in script, (rel, script[:200])
            else:
                assert "XSS-MARKER" not in script and "alert(" not in script, (rel, script[:200])
    raw_index = (hostile_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert not EVALUATED_TEMPLATE.search(raw_index)
    index = json.loads(raw_index)
    for entry in index["docs"]:
        assert "<" not in entry["title"], entry["title"]  # Material shows titles as HTML


def _guard(page):
    """Record dialogs (and dismiss them) and console markers."""
    seen = {"dialogs": [], "console": [], "errors": []}
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("console", lambda m: seen["console"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    return seen


def _assert_inert(page, seen, where):
    assert not seen["dialogs"], (where, seen["dialogs"])
    assert not [c for c in seen["console"] if "XSS-MARKER" in c], (where, seen["console"])
    assert not seen["errors"], (where, seen["errors"])
    injected = page.evaluate(f"() => Array.from(document.querySelectorAll({json.dumps(INJECTED)})).map(e => e.outerHTML.slice(0, 120))")
    assert not injected, (where, injected)


def test_no_script_runs_on_any_page(context, hostile_site, hostile_url):
    page = context.new_page()
    seen = _guard(page)
    pages = page_paths(hostile_site)
    for rel in pages:
        page.goto(hostile_url + rel)
        page.wait_for_load_state("load")
        page.wait_for_timeout(50)
        _assert_inert(page, seen, rel)
    # Every step of the hostile scenario, opened by its hash.
    for node in ("q1", "q2", "reply-out", "leave-out", "mod-out"):
        page.goto(hostile_url + f"scenarios/hostile/#node-{node}")
        page.wait_for_timeout(100)
        _assert_inert(page, seen, node)
    session_report.add("injection", f"{len(PAYLOADS)} payloads in {len(payloads.CLASSES)} classes "
                       f"(+{len(payloads.BAD_SCHEMES)} bad-scheme links) on {len(pages)} pages: nothing ran")


def test_payloads_show_as_text(context, hostile_url):
    page = context.new_page()
    seen = _guard(page)
    page.goto(hostile_url + "scenarios/hostile/")
    title = page.locator("article h1").first
    assert title.inner_text().startswith('Hostile <b id=xss-el>el</b> " id="xss-dq" onclick="alert(1) \' id=\'xss-sq\'')
    assert title.is_visible()
    body = page.locator("article").first.text_content()
    for p in PAYLOADS:
        for line in p.split("\n"):
            assert line in body, line
    assert not EVALUATED_TEMPLATE.search(body)
    # The browser tab title carries no markup characters (safe_title; themes un-escape titles).
    assert "<" not in page.title() and "‹b id=xss-el›el‹/b›" in page.title()
    # The reply title reaches the copy button's accessible name intact, quotes and all, in each language's panel.
    for lang in payloads.LANGUAGES:
        label = page.locator(f'[data-reply="hostile/hostile-reply/default"][data-lang="{lang}"] [data-copy]').get_attribute("aria-label")
        name = {"en": "English", "es": "Spanish"}[lang]
        # (the bundled card says "… reply in Spanish: TITLE"; the override fixture's "… reply (Spanish): TITLE")
        assert label.endswith(": Reply title " + payloads.COMPACT_ALL) and name in label, (lang, label)
    _assert_inert(page, seen, "hostile page")


def test_search_results_stay_inert(context, hostile_url):
    page = context.new_page()
    seen = _guard(page)
    page.goto(hostile_url)
    page.keyboard.press("/")
    for query in ("hostilekeyword", "script alert", "xss", "onerror"):
        page.locator("input.md-search__input").fill(query)
        page.locator("input.md-search__input").press("End")  # Material reads the query on keyup
        page.wait_for_selector(".md-search-result__item", timeout=10000)
        page.wait_for_timeout(200)
        _assert_inert(page, seen, f"search {query!r}")
    assert "<script>" in page.locator(".md-search-result").inner_text() or "script" in page.locator(".md-search-result").inner_text()


def test_regression_blank_line_and_quote_cannot_leave_html():
    """Found by this file: a summary with a blank line became Markdown on list pages
    (esc() kept newlines), and a '"' in a summary broke out of Material's
    <meta name="description" content="..."> (themes print it unescaped)."""
    from playbook.templating import environment, front_matter
    from playbook.views.common import front

    def esc(text):
        return environment().from_string("{{ text }}").render(text=text)

    assert "\n" not in esc("a\n\n```mermaid\nx\n```") and "\r" not in esc("a\r\rb")
    fm = str(front_matter(front('T <b> & "q"', description='x"><script>alert(1)</script>', tags=['a"<b>'])))
    title, description, tags = fm.splitlines()[1:4]
    assert "<" not in fm and "&" not in fm
    assert '\\"' not in description and '\\"' not in tags  # a title may keep '"': it is only text content


def test_what_came_in_box_shows_hostile_words_as_text(context, hostile_url):
    """triage.js builds the crisis banner and the suggestions from triage-index.json: the signal's
    label and banner, the scenario's title and the outcome titles arrive as text."""
    page = context.new_page()
    seen = _guard(page)
    page.goto(hostile_url + "what-came-in/")
    page.wait_for_selector("[data-triage-loaded]")
    page.fill("[data-triage-input]", payloads.DANGER_POST)
    page.wait_for_selector("[data-crisis]")
    page.wait_for_selector("[data-suggestion]")
    alert = page.locator("[data-triage-alert]").text_content()
    assert payloads.short("Label") + ". " in alert, alert[:300]
    assert " ".join(payloads.long("Banner").split()) in alert
    assert page.get_attribute("[data-crisis]", "data-crisis") == "hostile-signal"
    suggestions = [el.get_attribute("data-suggestion") for el in page.query_selector_all("[data-suggestion]")]
    assert suggestions[0] == "hostile", suggestions
    assert payloads.short("Hostile") in page.locator('[data-suggestion="hostile"]').text_content()
    assert not EVALUATED_TEMPLATE.search(page.locator("[data-triage-results]").text_content())
    _assert_inert(page, seen, "what came in")
