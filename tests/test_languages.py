"""Replies in several languages: the format, the checks PB620-PB629, the export, and what the pages hold.

Expected values are written out by hand (the Spanish texts as the reviewed
translation has them, with organization.yaml's Spanish hours filled in).
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_playbook
from playbook.check import check_dir
from playbook.problems import CODES

BUNDLED = ROOT / "playbook"
FIXTURES = ROOT / "tests" / "fixtures" / "codes"
MARKER = re.compile(rb"\s# <- (.+?)\s*$")
LANGUAGE_CODES = [c for c in CODES if "PB620" <= c <= "PB639"]


def copy_bundled(tmp_path: Path) -> Path:
    dest = tmp_path / "playbook"
    shutil.copytree(BUNDLED, dest)
    return dest


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, f"{old!r} found {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems_of(pb_dir: Path, code: str | None = None) -> list:
    _, problems = check_dir(str(pb_dir))
    return [p for p in problems if code is None or p.code == code]


# ------------------------------------------------------------------ fixtures mark where the fault is


def marked_position(fixture: Path) -> tuple[int, int]:
    """(line, col) of the fault, marked by hand with a trailing `# <- TEXT` on its line."""
    lines = fixture.read_bytes().split(b"\n")
    marks = [(i + 1, line[: m.start()], m.group(1)) for i, line in enumerate(lines) if (m := MARKER.search(line))]
    assert len(marks) == 1, f"{fixture.name}: mark the fault once with '# <- TEXT'"
    n, before, text = marks[0]
    assert text in before, f"{fixture.name}:{n}: {text!r} is not on the line"
    return n, len(before[: before.index(text)].decode("utf-8")) + 1


def test_the_language_codes_are_the_ones_this_file_covers():
    assert LANGUAGE_CODES == [f"PB6{n}" for n in range(20, 31)]


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_fixture_gives_its_code_at_the_marked_place(code, tmp_path):
    from test_codes import apply_fixture

    fixture = FIXTURES / f"{code}.yaml"
    target = apply_fixture(fixture, tmp_path / "playbook")
    found = [p for p in problems_of(tmp_path / "playbook", code) if Path(p.path).name == target.name]
    assert found, f"{code} not reported in {target.name}"
    assert (found[0].line, found[0].col) == marked_position(fixture), found[0].format()


# ------------------------------------------------------------------ the checks, one case at a time


def test_the_bundled_playbook_has_every_reply_in_spanish():
    import yaml

    org = yaml.safe_load((BUNDLED / "organization.yaml").read_text(encoding="utf-8"))
    assert org["languages"] == ["en", "es"]
    for path in sorted((BUNDLED / "scenarios").glob("*.yaml")):
        scen = yaml.safe_load(path.read_text(encoding="utf-8"))
        for rid, reply in scen.get("replies", {}).items():
            es = reply["translations"]["es"]
            assert set(es.get("variants", {})) == set(reply.get("variants", {})), f"{path.name}: {rid}"
    assert problems_of(BUNDLED) == []


def test_without_declared_languages_a_translation_is_an_error(tmp_path):
    pb = copy_bundled(tmp_path)
    edit(pb / "organization.yaml", "languages: [en, es]\n", "")
    found = problems_of(pb, "PB620")
    replies = [p for p in found if "/scenarios/" in p.path]
    contacts = [p for p in found if p.path.endswith("organization.yaml")]
    assert len(replies) == 47 and all("not declared" in p.message for p in replies)  # every bundled reply has one
    assert len(contacts) == 16  # every contact's Spanish hours: 10 at the organisation, 6 at its locations


def test_a_translation_into_the_default_language_is_an_error(tmp_path):
    pb = copy_bundled(tmp_path)
    edit(pb / "organization.yaml", "languages: [en, es]\n", "languages: [es, en]\n")
    found = [p for p in problems_of(pb, "PB620") if "/scenarios/" in p.path]
    assert len(found) == 47 and all("is the default language" in p.message for p in found)


def test_same_placeholders_in_another_order_are_fine(tmp_path):
    pb = copy_bundled(tmp_path)
    scen = (FIXTURES / "PB623.yaml").read_text(encoding="utf-8")
    scen = scen.replace("    text: Please contact our team at {contacts.patient_relations.email} so they can follow up.\n",
                        "    text: Email {contacts.patient_relations.email} or call {contacts.patient_relations.phone}.\n")
    spanish = "        text: Llame a nuestro equipo al {contacts.patient_relations.phone} para que le den seguimiento.  # <- {contacts.patient_relations.phone}\n"
    assert spanish in scen
    path = pb / "scenarios" / "fixture.yaml"
    path.write_text(scen.replace(spanish, "        text: Llame al {contacts.patient_relations.phone} o escriba a {contacts.patient_relations.email}.\n"), encoding="utf-8")
    assert problems_of(pb, "PB623") == []
    edit(path, "        text: Llame al {contacts.patient_relations.phone} o escriba a {contacts.patient_relations.email}.\n",
         "        text: Escriba a {contacts.patient_relations.email}.\n")
    found = problems_of(pb, "PB623")
    assert [p.message for p in found] == ["reply 'offline' (Spanish default text) lacks {contacts.patient_relations.phone}, unlike the original"]


def drop_line(path: Path, starts: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    hits = [i for i, line in enumerate(lines) if line.startswith(starts)]
    assert len(hits) == 1, f"{starts!r}: {len(hits)} lines in {path.name}"
    del lines[hits[0]]
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_missing_variant_translation_is_a_warning_and_an_error_in_a_crisis_reply(tmp_path):
    pb = copy_bundled(tmp_path)
    drop_line(pb / "scenarios" / "negative-comment.yaml", '          tiktok: "Lamentamos leer esto.')
    warn = problems_of(pb, "PB621")
    assert [(Path(p.path).name, p.message) for p in warn] == [
        ("negative-comment.yaml", "reply 'take-it-offline' has no translation of its TikTok variant into Spanish")]
    # emergency-self-harm/crisis-public is used by an outcome about self-harm: an error.
    drop_line(pb / "scenarios" / "emergency-self-harm.yaml", '          tiktok: "Hay ayuda para usted.')
    errors = problems_of(pb, "PB622")
    assert [p.message for p in errors] == [
        "reply 'crisis-public' is used for an emergency or self-harm but has no translation of its TikTok variant into Spanish"]


def test_a_contact_translated_into_an_undeclared_language(tmp_path):
    pb = copy_bundled(tmp_path)
    edit(pb / "organization.yaml", '      es: {hours: "las 24 horas, todos los días"}\n',
         '      es: {hours: "las 24 horas, todos los días"}\n      fr: {hours: "24 h sur 24"}\n')
    found = problems_of(pb, "PB620")
    assert len(found) == 1 and found[0].path.endswith("organization.yaml") and "contact 'security'" in found[0].message


def test_spanish_crisis_texts_must_give_988_with_its_spanish_option(tmp_path):
    pb = copy_bundled(tmp_path)
    scen = pb / "scenarios" / "emergency-self-harm.yaml"
    # The Spanish TikTok variant of crisis-public, without "Español: oprima 2 o envíe AYUDA."
    edit(scen, "gratis y 24/7. Español: oprima 2 o envíe AYUDA. Veteranos", "gratis y 24/7. Veteranos")
    found = problems_of(pb, "PB705")
    assert len(found) == 1
    assert "reply 'crisis-public' (Spanish tiktok variant)" in found[0].message
    assert "the 988 Lifeline as compliance.yaml asks of Spanish texts" in found[0].message
    # Without accents ("envie", "Espanol") it is still the Spanish option.
    edit(scen, "gratis y 24/7. Veteranos", "gratis y 24/7. Espanol: envie AYUDA al 988. Veteranos")
    assert problems_of(pb, "PB705") == []


def test_spanish_medical_texts_must_point_to_a_provider(tmp_path):
    pb = copy_bundled(tmp_path)
    scen = pb / "scenarios" / "medical-question.yaml"
    # trusted-source, Spanish TikTok: "Consulte a su médico." is its redirect.
    edit(scen, "puede ayudar. Consulte a su médico.", "puede ayudar.")
    found = problems_of(pb, "PB705")
    assert {p.message.split(" is used")[0] for p in found} == {"reply 'trusted-source' (Spanish tiktok variant)"}
    edit(scen, "puede ayudar.\"", "puede ayudar. Pregunte a su medico.\"")  # accent left out
    assert problems_of(pb, "PB705") == []


def test_english_texts_are_not_checked_with_the_spanish_redirects(tmp_path):
    pb = copy_bundled(tmp_path)
    # English self-harm texts need only 988 (the top-level redirect), not the Spanish option.
    scen = pb / "scenarios" / "emergency-self-harm.yaml"
    edit(scen, 'tiktok: "You\'re not alone. Call or text 988, free and 24/7. Español: oprima 2 o envíe AYUDA. Veterans press 1.',
         'tiktok: "You\'re not alone. Call or text 988, free and 24/7. Veterans press 1.')
    assert problems_of(pb, "PB705") == []


# ------------------------------------------------------------------ the export


def export(*args: str) -> tuple[int, str, str]:
    out = run_playbook("export", *args, str(BUNDLED), timeout=120)
    return out.returncode, out.stdout, out.stderr


def test_export_rows_carry_their_language_in_loop_order():
    code, out, _ = export()
    assert code == 0
    rows = json.loads(out)
    assert all(set(r) == {"scenario", "reply", "platform", "title", "text", "url", "language", "location"} for r in rows)
    # scenario, reply, platform, language, location: the bundled playbook has three locations
    first = [(r["reply"], r["platform"], r["language"], r["location"]) for r in rows[:7]]
    assert first == [("booking", "default", "en", "medical-center"), ("booking", "default", "en", "childrens-hospital"),
                     ("booking", "default", "en", "eastside-clinic"), ("booking", "default", "es", "medical-center"),
                     ("booking", "default", "es", "childrens-hospital"), ("booking", "default", "es", "eastside-clinic"),
                     ("booking", "x", "en", "medical-center")]
    assert len([r for r in rows if r["language"] == "es"]) == len([r for r in rows if r["language"] == "en"]) == 147 * 3


def test_spanish_rows_have_spanish_titles_and_spanish_hours():
    code, out, _ = export("--language", "es")
    assert code == 0
    rows = json.loads(out)
    assert {r["language"] for r in rows} == {"es"} and len(rows) == 147 * 3
    booking = next(r for r in rows if r["reply"] == "booking" and r["platform"] == "threads" and r["location"] == "medical-center")
    assert booking["title"] == "Dar la línea de citas y el enlace para hacer citas"
    assert booking["text"] == ("¡Con gusto le ayudamos! Haga una cita en línea en https://www.example.org/appointments o llame a "
                               "nuestra Central de Citas al +1 555-0108 (lunes a sábado, de 7 a. m. a 7 p. m.).")
    english = json.loads(export("--language", "en")[1])
    same = next(r for r in english if r["reply"] == "booking" and r["platform"] == "threads" and r["location"] == "medical-center")
    assert same["text"].endswith("at +1 555-0108 (Mon–Sat 7am–7pm).")
    # A location's own hours, in the language of the text (organization.yaml translates them there too).
    east = next(r for r in rows if r["reply"] == "booking" and r["platform"] == "threads" and r["location"] == "eastside-clinic")
    assert east["text"].endswith("al +1 555-0151 (lunes a viernes, de 8 a. m. a 5 p. m.; sábados, de 9 a. m. a 12 del mediodía).")


def test_csv_has_the_language_column_last():
    code, out, _ = export("--format", "csv", "--language", "es")
    assert code == 0
    header, first = out.splitlines()[:2]
    assert header == "scenario,reply,platform,title,text,url,language,location"
    assert first.endswith(",scenarios/appointment-request/,es,medical-center")


def test_an_unknown_language_is_a_usage_error():
    code, out, err = export("--language", "fr")
    assert code == 2 and out == "" and "no language 'fr'" in err and "Traceback" not in err


def _without_languages(value):
    """A YAML document with every `languages` and `translations` key taken out."""
    if isinstance(value, dict):
        return {k: _without_languages(v) for k, v in value.items() if k not in ("languages", "translations")}
    if isinstance(value, list):
        return [_without_languages(v) for v in value]
    return value


def test_without_languages_rows_are_as_they_were(tmp_path):
    """The injection fixture (which has locations) with its languages and translations taken out."""
    import yaml

    src = ROOT / "tests" / "fixtures" / "injection" / "playbook"
    dest = tmp_path / "playbook"
    for path in src.rglob("*.yaml"):
        target = dest / path.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = _without_languages(yaml.safe_load(path.read_text(encoding="utf-8")))
        target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    out = run_playbook("export", str(dest), timeout=120)
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert rows and all(set(r) == {"scenario", "reply", "platform", "title", "text", "url", "location"} for r in rows)
    csv_out = run_playbook("export", "--format", "csv", str(dest))
    assert csv_out.stdout.splitlines()[0] == "scenario,reply,platform,title,text,url,location"
    assert run_playbook("export", "--language", "en", str(dest)).stdout == out.stdout


# ------------------------------------------------------------------ texts the approvals hash


def test_reply_texts_include_every_translation():
    from playbook.load import load_playbook
    from playbook.reply_targets import reply_texts

    pb = load_playbook(str(BUNDLED))
    scen = next(s for s in pb.scenario_list() if s.id == "emergency-self-harm")
    keys = [k for k, _ in reply_texts(scen.replies["crisis-public"])]
    assert keys == ["default", "x", "tiktok", "instagram", "es:default", "es:x", "es:tiktok", "es:instagram"]


# ------------------------------------------------------------------ pages


def test_css_has_the_language_rules_for_every_language():
    from playbook.model import Language

    css = (ROOT / "scripts" / "playbook" / "assets" / "replies.css").read_text(encoding="utf-8")
    for lang in (l.value for l in Language):
        assert f'.pb-lang-input[value="{lang}"]:checked) .pb-lang-text:not([data-lang="{lang}"], [data-fallback~="{lang}"])' in css, lang
        assert f'.pb-reply[data-lang-wanted="{lang}"] > .pb-lang-note[data-lang-note="{lang}"]' in css, lang


def test_review_status_lists_missing_translations(tmp_path):
    import datetime as dt

    from playbook.pages import generate

    pb_dir = copy_bundled(tmp_path)
    scen = pb_dir / "scenarios" / "negative-comment.yaml"
    text = scen.read_text(encoding="utf-8")
    start = text.index("    translations:\n      es:")
    scen.write_text(text[:start].rstrip("\n") + "\n", encoding="utf-8")
    pb, _ = check_dir(str(pb_dir))
    page = generate(pb, dt.date(2026, 11, 28))["review-status.md"]
    section = page[page.index('<h2 id="translations-missing">Translations missing</h2>'):]
    rows = re.findall(r"<tr><td><a href=\"[^\"]+\">([^<]+)</a></td><td>[^<]+\(<code>([^<]+)</code>\)</td><td>([^<]+)</td><td>([^<]+)</td></tr>", section)
    assert rows == [("A negative comment or rant", "take-it-offline", "Spanish", "the whole reply")]
    bundled, _ = check_dir(str(BUNDLED))
    whole = generate(bundled, dt.date(2026, 11, 28))["review-status.md"]
    assert "Every reply is in every language organization.yaml declares (Spanish)." in whole


def test_a_card_without_spanish_says_so_and_keeps_one_english_panel(tmp_path):
    import datetime as dt

    from playbook.pages import generate

    pb_dir = copy_bundled(tmp_path)
    scen = pb_dir / "scenarios" / "negative-comment.yaml"
    text = scen.read_text(encoding="utf-8")
    scen.write_text(text[: text.index("    translations:\n      es:")].rstrip("\n") + "\n", encoding="utf-8")
    pb, _ = check_dir(str(pb_dir))
    page = generate(pb, dt.date(2026, 11, 28))["scenarios/negative-comment.md"]
    assert 'data-lang="es"' not in page and "data-lang-choice" not in page
    assert '<p class="pb-lang-note" data-search-exclude data-lang-note="es">No Spanish version of this reply yet: the English text is shown.</p>' in page
    assert page.count('data-reply="negative-comment/take-it-offline/default" data-lang="en" data-default') == 1


# ------------------------------------------------------------------ playbook new


def test_new_shows_a_translation_for_each_declared_language(tmp_path):
    pb = copy_bundled(tmp_path)
    assert run_playbook("new", "late-night", "--dir", str(pb)).returncode == 0
    text = (pb / "scenarios" / "late-night.yaml").read_text(encoding="utf-8")
    assert "    translations:\n      es:\n        title: Para qué sirve esta respuesta\n" in text
    # The example translation keeps the placeholder: no problem at all but the new reply's approval, still to come.
    assert [p.code for p in problems_of(pb)] == ["PB800"]
    # Without other languages, the same example as a comment, and no problem either.
    edit(pb / "organization.yaml", "languages: [en, es]\n", "")
    assert run_playbook("new", "plain", "--dir", str(pb)).returncode == 0
    plain = (pb / "scenarios" / "plain.yaml").read_text(encoding="utf-8")
    assert "    # translations:\n    #   es:\n" in plain and "\n    translations:" not in plain
    assert [p.code for p in problems_of(pb) if p.path.endswith("plain.yaml")] == ["PB800"]  # not approved yet
