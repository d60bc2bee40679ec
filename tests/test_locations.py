"""Locations: one playbook for several hospitals and clinics (organization.yaml `locations:`).

The format and its checks (PB320-PB322, at the exact line and column each fixture
marks), the export per location (`location` field, `--location ID`), the pages
(the default location's text, the values that differ marked for locations.js,
each location's contacts in a table) and the page weight with five locations.
Expected texts are written out by hand from playbook/organization.yaml and
playbook/scenarios/appointment-request.yaml. The browser side (picking a
location, copying every reply for it) is in tests/test_copy_browser.py.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, build_site, run_playbook
from playbook.check import check_dir
from playbook.pages import generate
from test_codes import apply_fixture, fixture_files

sys.path.insert(0, str(ROOT / "bench"))
import locations_weight  # noqa: E402

BUNDLED = ROOT / "playbook"
TODAY = dt.date(2026, 11, 28)
LOCATIONS = ["medical-center", "childrens-hospital", "eastside-clinic"]  # organization.yaml, in order

# appointment-request/booking/x at each location, filled by hand from organization.yaml.
BOOKING_X = {
    "medical-center": "We'd be glad to help! Book online at https://www.example.org/appointments or call Central Scheduling at "
                      "+1 555-0108 (Mon–Sat 7am–7pm). To find a doctor: https://www.example.org/find-a-doctor",
    "childrens-hospital": "We'd be glad to help! Book online at https://childrens.example.org/appointments or call Central Scheduling at "
                          "+1 555-0141 (Mon–Fri 7am–7pm). To find a doctor: https://www.example.org/find-a-doctor",
    "eastside-clinic": "We'd be glad to help! Book online at https://www.example.org/eastside/appointments or call Central Scheduling at "
                       "+1 555-0151 (Mon–Fri 8am–5pm; Sat 9am–noon). To find a doctor: https://www.example.org/find-a-doctor",
}


def copy_of_bundled(tmp_path: Path) -> Path:
    dest = tmp_path / "playbook"
    shutil.copytree(BUNDLED, dest)
    return dest


def set_org(playbook: Path, old: str, new: str) -> None:
    org = playbook / "organization.yaml"
    text = org.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    org.write_text(text.replace(old, new), encoding="utf-8")


def without_locations(playbook: Path) -> None:
    org = playbook / "organization.yaml"
    text = org.read_text(encoding="utf-8")
    head, rest = text.split("locations:\n", 1)
    org.write_text(head + "policies:\n" + rest.split("\npolicies:\n", 1)[1], encoding="utf-8")


def problems_of(playbook: Path):
    return check_dir(str(playbook))[1]


# ---------------------------------------------------------------- the checks, at the exact place


MARKER = re.compile(r"\s# <- (.+?)\s*$")


def marked_position(fixture: Path) -> tuple[int, int]:
    """(line, col) of the text after '# <- ' on the one line that carries it (the convention of tests/fixtures/codes)."""
    marks = [(n, line[:m.start()], m.group(1)) for n, line in enumerate(fixture.read_text(encoding="utf-8").split("\n"), start=1)
             if (m := MARKER.search(line))]
    assert len(marks) == 1, f"{fixture.name}: mark the fault once"
    n, before, text = marks[0]
    return n, before.index(text) + 1


@pytest.mark.parametrize("code", ["PB320", "PB321", "PB322"])
def test_location_fixture_gives_its_code_once_at_the_marked_place(code, tmp_path):
    fixture = fixture_files()[code]
    target = apply_fixture(fixture, tmp_path / "playbook")
    hits = [p for p in problems_of(tmp_path / "playbook") if p.code == code]
    assert len(hits) == 1, [p.format() for p in hits]
    assert Path(hits[0].path).name == target.name
    assert (hits[0].line, hits[0].col) == marked_position(fixture), hits[0].format()


def test_an_unknown_link_at_a_location_is_pb320(tmp_path):
    pb = copy_of_bundled(tmp_path)
    set_org(pb, "      appointments: https://www.example.org/eastside/appointments\n",
            "      appointment: https://www.example.org/eastside/appointments\n")
    found = [p for p in problems_of(pb) if p.code == "PB320"]
    assert [(p.line, p.message, p.hint) for p in found] == [
        (found[0].line, "location 'eastside-clinic' changes link 'appointment', which is not under links", "did you mean 'appointments'?")]
    lines = (pb / "organization.yaml").read_text(encoding="utf-8").split("\n")
    assert lines[found[0].line - 1][found[0].col - 1:].startswith("appointment:")


def test_a_value_every_location_has_needs_no_default(tmp_path):
    """The organisation may leave a field to its locations: it is an error only where a location lacks it."""
    pb = copy_of_bundled(tmp_path)
    scen = pb / "scenarios" / "appointment-request.yaml"
    text = scen.read_text(encoding="utf-8")
    old = "or call Central Scheduling at {contacts.scheduling.phone}\n"
    assert text.count(old) == 1
    text = text.replace(old, "or call Central Scheduling at {contacts.scheduling.email}\n")
    es = "{contacts.scheduling.phone} ({contacts.scheduling.hours}); allí"  # its Spanish version keeps the placeholders (PB623)
    assert text.count(es) == 1
    scen.write_text(text.replace(es, "{contacts.scheduling.email} ({contacts.scheduling.hours}); allí"), encoding="utf-8")
    # No scheduling email anywhere: the unknown placeholder of old (PB303), once in English and once in Spanish.
    assert [p.code for p in problems_of(pb) if p.code.startswith("PB3")] == ["PB303", "PB303"]
    # At two of the three locations: PB322 names the one without.
    set_org(pb, '        name: Children\'s Scheduling (example)\n', '        name: Children\'s Scheduling (example)\n        email: book@childrens.example.org\n')
    set_org(pb, '        name: Eastside Clinic Front Desk (example)\n', '        name: Eastside Clinic Front Desk (example)\n        email: frontdesk@eastside.example.org\n')
    found = [p for p in problems_of(pb) if p.code.startswith("PB3")]
    assert [(p.code, p.message) for p in found] == [("PB322", "{contacts.scheduling.email} has no value at location 'medical-center'")] * 2  # English, Spanish
    # At every location, none under the organisation: clean.
    set_org(pb, "  - id: medical-center\n    name: Riverbend Medical Center (example)\n",
            "  - id: medical-center\n    name: Riverbend Medical Center (example)\n    contacts:\n      scheduling:\n        email: book@example.org\n")
    assert [p.format() for p in problems_of(pb) if p.severity == "error"] == []


def test_a_location_cannot_remove_a_name_and_knows_no_other_fields(tmp_path):
    pb = copy_of_bundled(tmp_path)
    set_org(pb, "        name: Eastside Clinic Records Desk (example)\n", "        name:\n        fax: \"+1 555-0199\"\n")
    found = sorted((p.code, p.message) for p in problems_of(pb) if p.code.startswith("PB2"))
    assert [c for c, _ in found] == ["PB200", "PB202"], found
    assert "fax" in found[0][1] and "cannot remove" in found[1][1]


def test_a_location_link_with_another_scheme_is_pb208(tmp_path):
    pb = copy_of_bundled(tmp_path)
    set_org(pb, "      records_request: https://childrens.example.org/records-request\n", "      records_request: javascript:alert(1)\n")
    found = [p for p in problems_of(pb) if p.code == "PB208"]
    assert len(found) == 1 and "locations[1].links.records_request" in found[0].message, [p.format() for p in found]


def test_lengths_are_checked_at_every_location(tmp_path):
    """A location's longer value can push a reply over its platform's limit: the check names that location."""
    pb = copy_of_bundled(tmp_path)
    assert not [p for p in problems_of(pb) if p.code == "PB600"]
    set_org(pb, '        phone: "+1 555-0151"\n', '        phone: "+1 555-0151, then press 2 for the Eastside clinic\'s own front desk, open weekdays and Saturday mornings"\n')
    found = [p for p in problems_of(pb) if p.code == "PB600" and "appointment-request" in p.path]
    assert found and all("at location 'eastside-clinic'" in p.message for p in found), [p.format() for p in found]


# ---------------------------------------------------------------- export


def export(*args: str, playbook: Path = BUNDLED):
    return run_playbook("export", *args, str(playbook), timeout=120)


def test_export_has_a_row_per_location_in_order():
    out = export()
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    booking_x = [r for r in rows if (r["scenario"], r["reply"], r["platform"], r["language"]) == ("appointment-request", "booking", "x", "en")]
    assert [r["location"] for r in booking_x] == LOCATIONS
    assert {r["location"]: r["text"] for r in booking_x} == BOOKING_X
    assert list(booking_x[0]) == ["scenario", "reply", "platform", "title", "text", "url", "language", "location"]
    # scenario -> reply -> platform -> language -> location: every location right after the other
    keys = [(r["scenario"], r["reply"], r["platform"], r["language"]) for r in rows]
    assert keys == [k for k in dict.fromkeys(keys) for _ in LOCATIONS]
    assert all(r["location"] == LOCATIONS[i % 3] for i, r in enumerate(rows))


def test_export_location_filter():
    out = export("--location", "eastside-clinic")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert {r["location"] for r in rows} == {"eastside-clinic"}
    assert next(r["text"] for r in rows if (r["scenario"], r["reply"], r["platform"], r["language"]) == ("appointment-request", "booking", "x", "en")) == BOOKING_X["eastside-clinic"]
    out = export("--format", "csv", "--location", "childrens-hospital")
    table = list(csv.DictReader(io.StringIO(out.stdout)))
    assert out.stdout.splitlines()[0] == "scenario,reply,platform,title,text,url,language,location"
    assert {r["location"] for r in table} == {"childrens-hospital"} and len(table) == len(rows)


def test_export_unknown_location_is_a_usage_error(tmp_path):
    out = export("--location", "north-campus")
    assert out.returncode == 2 and out.stdout == ""
    assert "no location 'north-campus'" in out.stderr and "medical-center, childrens-hospital, eastside-clinic" in out.stderr
    assert "Traceback" not in out.stderr
    pb = copy_of_bundled(tmp_path)
    without_locations(pb)
    out = export("--location", "medical-center", playbook=pb)
    assert out.returncode == 2 and "lists no locations" in out.stderr


def test_without_locations_rows_are_as_they_always_were(tmp_path):
    pb = copy_of_bundled(tmp_path)
    without_locations(pb)
    rows = json.loads(export(playbook=pb).stdout)
    # (the bundled playbook declares languages, so rows keep `language`)
    assert all(list(r) == ["scenario", "reply", "platform", "title", "text", "url", "language"] for r in rows)
    booking_x = [r for r in rows if (r["scenario"], r["reply"], r["platform"], r["language"]) == ("appointment-request", "booking", "x", "en")]
    assert [r["text"] for r in booking_x] == [BOOKING_X["medical-center"]]  # the organisation's own values
    assert export("--format", "csv", playbook=pb).stdout.splitlines()[0] == "scenario,reply,platform,title,text,url,language"
    # ... and the default location's rows are those rows, with `location` added
    located = [r for r in json.loads(export().stdout) if r["location"] == "medical-center"]
    assert [{k: v for k, v in r.items() if k != "location"} for r in located] == rows


# ---------------------------------------------------------------- pages


class _Tree(HTMLParser):
    """Elements as (tag, attrs, children) where children are strings or elements; entities decoded."""

    VOID = {"br", "input", "img", "meta", "link", "hr", "wbr", "source", "area", "col", "embed", "track", "base"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = ("root", {}, [])
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        el = (tag, {k: (v if v is not None else "") for k, v in attrs}, [])
        self.stack[-1][2].append(el)
        if tag not in self.VOID:
            self.stack.append(el)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1][2].append(data)


def parse(html: str):
    t = _Tree()
    t.feed(html)
    return t.root


def walk(el):
    yield el
    for c in el[2]:
        if isinstance(c, tuple):
            yield from walk(c)


def text_at(el, values: dict, index: int) -> str:
    """The element's textContent after locations.js refills it for location `index` (written here from its contract:
    every [data-ph] holds its value at that location)."""
    out = []
    for c in el[2]:
        if isinstance(c, str):
            out.append(c)
        elif "data-ph" in c[1] and c[1]["data-ph"] in values:
            out.append(values[c[1]["data-ph"]][index])
        else:
            out.append(text_at(c, values, index))
    return "".join(out)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    pb, problems = check_dir(str(BUNDLED))
    assert not problems
    return generate(pb, TODAY)


@pytest.fixture(scope="module")
def rows() -> dict[tuple, str]:
    out = export()
    return {(r["scenario"], r["reply"], r["platform"], r["language"], r["location"]): r["text"] for r in json.loads(out.stdout)}


def _data(doc) -> dict:
    scripts = [el for el in walk(doc) if "data-location-values" in el[1]]
    assert len(scripts) == 1
    return json.loads("".join(scripts[0][2]))


def test_every_mark_has_its_values_and_every_value_its_mark(pages):
    for path, html in pages.items():
        if not isinstance(html, str) or "data-location-picker" not in html:
            continue
        doc = parse(html)
        marks = {e[1][k] or e[1].get("data-ph") for e in walk(doc) for k in ("data-ph", "data-ph-href") if k in e[1]}
        assert marks == set(_data(doc)), path


@pytest.mark.parametrize("page", ["quick-reference.md", "scenarios/appointment-request.md", "scenarios/records-billing.md",
                                  "scenarios/complaint-about-care.md"])
def test_marked_values_refill_to_the_export_text_at_every_location(pages, rows, page):
    doc = parse(pages[page])
    values = _data(doc)
    picker = [el for el in walk(doc) if "data-location-picker" in el[1]]
    assert [o[1]["value"] for o in walk(picker[0]) if o[0] == "option"] == LOCATIONS
    checked = 0
    for el in walk(doc):
        hook = el[1].get("data-reply")
        if not hook:
            continue
        scen, rid, platform = hook.split("/")
        lang = el[1]["data-lang"]
        box = next(e for e in walk(el) if "data-copy-text" in e[1])
        for i, loc in enumerate(LOCATIONS):
            assert text_at(box, values, i) == rows[(scen, rid, platform, lang, loc)], (hook, lang, loc)
            checked += 1
    assert checked > 0
    for name in values:
        assert len(values[name]) == 3 and len(set(values[name])) > 1, name  # only values that differ travel


def test_the_page_shows_the_default_location_and_says_so(pages):
    html = pages["scenarios/appointment-request.md"]
    assert "Showing contacts for <strong class=\"pb-location-name\" data-location-name>Riverbend Medical Center (example)</strong>" in html
    assert '<option value="medical-center" selected>' in html
    doc = parse(html)
    box = next(e for e in walk(doc) if e[1].get("data-reply") == "appointment-request/booking/x")
    assert text_at(next(e for e in walk(box) if "data-copy-text" in e[1]), {}, 0) == BOOKING_X["medical-center"]


def test_contact_cards_are_marked_where_locations_differ(pages):
    doc = parse(pages["escalation-map.md"])
    values = _data(doc)
    card = next(e for e in walk(doc) if e[0] == "li" and e[1].get("data-contact") == "scheduling")
    web_form = next(e for e in walk(card) if e[0] == "a" and e[1].get("data-ph-href") == "contacts.scheduling.web_form")
    assert web_form[1]["href"] == "https://www.example.org/appointments" and "hidden" not in web_form[1]
    assert values["contacts.scheduling.web_form"] == ["https://www.example.org/appointments", "https://childrens.example.org/appointments", None]
    assert values["contacts.scheduling.phone"] == ["+1 555-0108", "+1 555-0141", "+1 555-0151"]
    phone = next(e for e in walk(card) if e[0] == "a" and e[1].get("data-ph") == "contacts.scheduling.phone")
    assert phone[1]["href"] == "tel:+15550108" and "data-ph-href" in phone[1]
    # a contact that is the same everywhere is not marked at all
    legal = next(e for e in walk(doc) if e[0] == "li" and e[1].get("data-contact") == "legal_risk")
    assert not [e for e in walk(legal) if any(k.startswith("data-ph") for k in e[1])]


def test_the_escalation_map_lists_each_locations_contacts_without_javascript(pages):
    doc = parse(pages["escalation-map.md"])
    table = next(e for e in walk(doc) if "data-location-table" in e[1])
    heads = ["".join(c for c in th[2] if isinstance(c, str)) for th in walk(table) if th[0] == "th" and th[1].get("scope") == "col"]
    assert heads == ["Contact", "Riverbend Medical Center (example)", "Riverbend Children's Hospital (example)", "Eastside Community Clinic (example)"]
    rows = {tr[1]["data-contact-row"]: [td for td in tr[2] if isinstance(td, tuple) and td[0] == "td"]
            for tr in walk(table) if "data-contact-row" in tr[1]}
    assert sorted(rows) == ["patient_relations", "records", "scheduling"]
    eastside_records = text_at(rows["records"][2], {}, 0)
    assert "Eastside Clinic Records Desk (example)" in eastside_records and "+1 555-0152" in eastside_records
    assert "eastside.records@example.org" in eastside_records and "Tue and Thu 9am–4pm" in eastside_records
    assert "Web form" not in text_at(rows["scheduling"][2], {}, 0)  # the clinic books by phone only
    assert "+1 555-0141" in text_at(rows["scheduling"][1], {}, 0)
    assert "escalation-map/#all-locations" in pages["scenarios/appointment-request.md"]


def test_every_page_with_replies_or_contacts_has_the_picker(pages):
    with_picker = {p for p, html in pages.items() if isinstance(html, str) and "data-location-picker" in html}
    scenario_pages = {p for p in pages if p.startswith("scenarios/") and p != "scenarios/index.md"}
    assert with_picker == scenario_pages | {"quick-reference.md", "escalation-map.md", "onboarding/practice.md"}


def test_without_locations_pages_have_no_picker_and_no_marks(tmp_path):
    pb = copy_of_bundled(tmp_path)
    without_locations(pb)
    loaded, problems = check_dir(str(pb))
    assert not problems
    for path, html in generate(loaded, TODAY).items():
        if isinstance(html, str) and not path.startswith("assets/"):
            assert "data-location" not in html and "data-ph" not in html, path


def test_hostile_location_names_and_values_stay_text(tmp_path):
    pb = copy_of_bundled(tmp_path)
    set_org(pb, "    name: Riverbend Children's Hospital (example)\n",
            "    name: 'Kids </option></select><script>alert(\"loc\")</script> {{ 7*7 }}'\n")
    set_org(pb, "        hours: Mon–Fri 8am–6pm\n", "        hours: '</script><img src=x onerror=alert(1)> & {{ x }}'\n")
    loaded, problems = check_dir(str(pb))
    assert not [p for p in problems if p.severity == "error"], [p.format() for p in problems]
    for path, html in generate(loaded, TODAY).items():
        if not path.endswith(".md"):
            continue  # replies.json and .csv are data: they hold the text as written
        assert "<script>alert" not in html and "<img src=x" not in html, path
        for data in re.findall(r"<template data-location-values>(.*?)</template>", html):
            json.loads(data)  # the values travel as data, whole
    qr = generate(loaded, TODAY)["escalation-map.md"]
    assert "Kids &lt;/option&gt;&lt;/select&gt;&lt;script&gt;alert(&quot;loc&quot;)&lt;/script&gt; {{ 7*7 }}" in qr
    assert "\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e \\u0026 {{ x }}" in qr


# ---------------------------------------------------------------- page weight


@pytest.mark.slow  # two whole builds
def test_five_locations_weigh_at_most_1_3_times_one(tmp_path):
    """The built HTML of every page with the picker, with the bundled playbook's first location only and
    with five (bench/locations_weight.py; figures in docs/decisions/012-locations.md)."""
    sizes = {}
    for n in (1, 5):
        playbook = locations_weight.playbook_with(n, tmp_path / f"playbook-{n}")
        assert len(re.findall(r"^  - id: ", (playbook / "organization.yaml").read_text(encoding="utf-8"), re.M)) == n
        out = tmp_path / f"site-{n}"
        result = build_site(out, playbook_dir=playbook)
        assert result.returncode == 0, result.stdout + result.stderr
        sizes[n] = {name: (out / name[:-3] / "index.html").stat().st_size for name in locations_weight.page_sizes(playbook)}
    assert len(sizes[1]) == 21
    for name, one in sizes[1].items():
        assert sizes[5][name] <= 1.3 * one, f"{name}: {sizes[5][name]:,} bytes with 5 locations, {one:,} with 1"
    assert sum(sizes[5].values()) <= 1.3 * sum(sizes[1].values())
