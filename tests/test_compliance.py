"""The compliance engine, its checks in `playbook check`, `playbook lint`, and exceptions on reply cards."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_playbook
from playbook import model
from playbook.check import check_dir
from playbook.compliance import compile_rules, find, phrase_regex, portability_error, space_at_edge
from playbook.load import load_playbook
from playbook.placeholders import final_text

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "playbook"


@pytest.mark.parametrize("pattern,why", [
    (r"(?P<x>a)", "named groups"),
    (r"(?i)a", "inline flags"),
    (r"(?#note)a", "comments"),
    (r"\Aa", r"\A"),
    (r"a\Z", r"\Z"),
    (r"^a", "anchor"),
    (r"a$", "anchor"),
    (r"a++", "possessive"),
    (r"a*+", "possessive"),
    (r"(?>a)", "atomic"),
    (r"(a)\1", "backreference"),
    (r"[]a]", "starts with ']'"),
    (r"[[a]", "'['"),
    (r"[a--b]", "reserved"),
    (r"a{,3}", "{0,n}"),
    (r"\p{L}", r"\p"),
    (r"\u00e9", r"\u"),
    ("caf\u00e9", "ASCII"),
])
def test_non_portable_constructs_are_refused(pattern, why):
    err = portability_error(pattern)
    assert err and why.lower() in err.lower(), (pattern, err)


@pytest.mark.parametrize("pattern", [
    r"you(?:'re| are) (?!fine)\w+", r"(?<!if )your (?:\w+ )?bill", r"\d{1,2}/\d{1,2}", r"dr\.? [a-z]+",
    r"a{2,}", r"colou?r", r"[a-z'-]+", r"\$\s?\d", r"x*?y",
])
def test_portable_constructs_are_accepted(pattern):
    assert portability_error(pattern) is None


def test_phrases_match_whole_words_in_any_case_and_spacing():
    rule = model.Rule(id="r", severity="error", phrases=["welcome back", "your chart"], why="w", instead="i")
    rules, faults = compile_rules(model.Compliance(rules=[rule]))
    assert not faults
    assert [f.words for f in find(rules, "WELCOME  back! Your\nchart.")] == ["WELCOME  back", "Your\nchart"]
    assert find(rules, "welcome backpack; yourchart") == []
    assert phrase_regex("that’s (probably)") == r"that\'s\s+\(probably\)"


def test_typographic_apostrophes_match_straight_ones():
    rules, _ = compile_rules(load_playbook(str(BUNDLED)).compliance.obj)
    found = {(f.rule_id, f.words) for f in find(rules, "It sounds like you’ve got an infection; that’s probably viral.")}
    assert found == {("gives-medical-advice", "sounds like you’ve got an infection"), ("gives-medical-advice", "that’s probably"),
                     ("discloses-clinical-details", "you’ve got an infection")}


def _copy(tmp_path: Path) -> Path:
    dest = tmp_path / "playbook"
    shutil.copytree(BUNDLED, dest)
    return dest


def _set_reply(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


NEG = "scenarios/negative-comment.yaml"
OFFLINE = "      We're sorry to hear this, and we'd like to understand what happened."


def test_check_reports_file_line_rule_words_why_and_suggestion(tmp_path):
    root = _copy(tmp_path)
    _set_reply(root / NEG, OFFLINE, "      Welcome back! We're sorry to hear this, and we'd like to understand what happened.")
    _, problems = check_dir(str(root))
    hits = [p for p in problems if p.code == "PB700"]
    assert len(hits) == 1, [p.format() for p in problems]
    line = (root / NEG).read_text().splitlines().index("      Welcome back! We're sorry to hear this, and we'd like to understand what happened.") + 1
    p = hits[0]
    assert p.path.endswith("negative-comment.yaml") and p.line == line and p.col >= 1
    assert "confirms-care-relationship" in p.message and "'Welcome back'" in p.message
    assert "HHS OCR" in p.message and p.hint.startswith("instead:")


def test_placeholders_are_filled_before_checking(tmp_path):
    """A rule that matches only the filled-in text still fires."""
    root = _copy(tmp_path)
    (root / "compliance.yaml").write_text(
        "rules:\n  - id: no-relations-email\n    severity: error\n    phrases: ['patient.relations@example.org']\n"
        "    why: test\n    instead: test\n", encoding="utf-8")
    _, problems = check_dir(str(root))
    assert any(p.code == "PB700" and "no-relations-email" in p.message for p in problems)


def test_variants_are_checked_and_exceptions_suppress_only_their_rule(tmp_path):
    root = _copy(tmp_path)
    path = root / NEG
    _set_reply(path, '      x: "We\'re sorry to hear this.', '      x: "Welcome back, Mr. Diaz. We\'re sorry to hear this.')
    _, problems = check_dir(str(root))
    rules = sorted(p.message.split(") ")[1].split(":")[0] for p in problems if p.code == "PB700")
    assert rules == ["confirms-care-relationship", "names-the-person"], [p.format() for p in problems]
    _set_reply(path, "    title: Take a complaint about care offline\n",
               "    title: Take a complaint about care offline\n    allow:\n      - rule: confirms-care-relationship\n"
               "        reason: Test exception.\n        approved_by: Pat Example, Privacy Officer (example)\n")
    _, problems = check_dir(str(root))
    problems = [p for p in problems if p.code != "PB801"]  # the edited reply is no longer approved, too
    assert [p.code for p in problems] == ["PB700"] and "names-the-person" in problems[0].message


def test_redirect_is_required_in_every_text_of_a_medical_or_emergency_reply(tmp_path):
    root = _copy(tmp_path)
    path = root / "scenarios/appointment-request.yaml"
    text = path.read_text(encoding="utf-8")
    assert "911" in text
    _, problems = check_dir(str(root))
    assert not [p for p in problems if p.code == "PB705"]
    path.write_text(text.replace("call 911", "call our main line").replace("emergency department", "clinic"), encoding="utf-8")
    _, problems = check_dir(str(root))
    assert [p for p in problems if p.code == "PB705" and "emergency" in p.message], [p.format() for p in problems]


def test_invalid_pattern_gives_a_coded_error_with_its_line(tmp_path):
    root = _copy(tmp_path)
    (root / "compliance.yaml").write_text(
        "rules:\n  - id: ok\n    severity: error\n    phrases: [welcome back]\n    why: w\n    instead: i\n"
        "  - id: bad\n    severity: error\n    patterns:\n      - 'fine'\n      - '(unclosed'\n    why: w\n    instead: i\n",
        encoding="utf-8")
    _, problems = check_dir(str(root))
    bad = [p for p in problems if p.code == "PB702"]
    assert len(bad) == 1 and bad[0].line == 11 and "(unclosed" in bad[0].message


def test_a_pattern_that_starts_or_ends_with_a_space_is_a_warning_at_its_line_and_still_used(tmp_path):
    # A match must start and end inside words (compliance.wrap), so a branch that ends with a space
    # matches only before punctuation; two bundled rules were dead this way until PB713 caught them.
    root = _copy(tmp_path)
    (root / "compliance.yaml").write_text(
        "rules:\n  - id: ok\n    severity: error\n    phrases: [welcome back]\n    why: w\n    instead: i\n"
        "  - id: edge\n    severity: error\n    patterns:\n      - 'sounds like you have (?!been)\\w+'\n"
        "      - 'sounds like you have (?!been)'\n      - 'fine|(?<!x) your visit'\n    why: w\n    instead: i\n",
        encoding="utf-8")
    pb, problems = check_dir(str(root))
    warned = [p for p in problems if p.code == "PB713"]
    assert [(p.line, p.severity) for p in warned] == [(11, "warning"), (12, "warning")], [p.format() for p in problems]
    assert "ends with a space" in warned[0].message and "starts with a space" in warned[1].message
    assert not [p for p in problems if p.code == "PB702"]
    rules, _ = compile_rules(pb.compliance.obj)
    assert [f.rule_id for f in find(rules, "it sounds like you have !")] == ["edge"]  # still used: before punctuation


@pytest.mark.parametrize("pattern, edge", [
    ("abc (?!x)", "ends"), ("(?<!x) abc", "starts"), ("a |b", "ends"), ("a|b ", "ends"), ("a\\s", "ends"),
    ("(?=x) a", "starts"), ("abc", None), ("a (?:b )?", None), ("a b(?=c)", None), ("x[ ]", None),
    ("foo (?!x\\b)\\w+", None), ("a\\s?", None), ("(?:a|b) c", None),
])
def test_space_at_edge(pattern, edge):
    assert space_at_edge(pattern) == edge


def test_every_bundled_reply_passes_without_exceptions():
    pb = load_playbook(str(BUNDLED))
    rules, faults = compile_rules(pb.compliance.obj)
    assert not faults
    for item in pb.scenarios:
        for rid, reply in item.obj.replies.items():
            assert not reply.allow, f"{item.path}: reply {rid} needs an exception"
            for raw in [reply.text, *reply.variants.values()]:
                found = find(rules, final_text(raw, pb.org))
                assert not found, f"{item.path}: {rid}: {[f.describe() for f in found]}"


def test_lint_cli_exit_status_and_output():
    bad = run_playbook("lint", "Welcome back, Ms. Ortega! Your test results look fine.")
    assert bad.returncode == 1
    assert "confirms-care-relationship" in bad.stdout and "names-the-person" in bad.stdout
    assert "discloses-clinical-details" in bad.stdout and "why:" in bad.stdout and "instead:" in bad.stdout
    good = run_playbook("lint", "-", input="We can't give medical advice here. Please talk with your own doctor, and if this is a medical emergency, call 911.\n")
    assert good.returncode == 0 and good.stdout == ""
    broken = run_playbook("lint", "--dir", "/nonexistent", "text")
    assert broken.returncode == 2 and "Traceback" not in broken.stderr


def test_lint_reads_binary_stdin_without_a_traceback():
    r = subprocess_run_bytes(b"\xff\xfe welcome back \x00")
    assert r.returncode == 1 and b"Traceback" not in r.stderr


def subprocess_run_bytes(data: bytes):
    import subprocess
    import sys

    return subprocess.run([str(Path(sys.executable).parent / "playbook"), "lint", "-"], cwd=ROOT, input=data, capture_output=True, timeout=60)


def test_reviewed_exception_is_shown_on_the_reply_card():
    from playbook.templating import environment
    from playbook.views.replies import reply_view

    pb = load_playbook(str(BUNDLED))
    scen = next(s.obj for s in pb.scenarios if s.obj.replies)
    rid, reply = next(iter(scen.replies.items()))
    reply = reply.model_copy(update={"allow": [model.Allowance(rule="names-the-person", reason="Uses <b>their</b> handle.", approved_by="Pat Example")]})
    html = environment().get_template("partials/reply.html").render(reply=reply_view(scen, rid, reply, pb.org, (True, "g")))
    assert 'data-allow-rule="names-the-person"' in html
    assert "Uses &lt;b&gt;their&lt;/b&gt; handle." in html and "Pat Example" in html


# ---------------------------------------------------------------- vocabulary, exemptions, prefilter

def _ruleset(yaml_text: str):
    import yaml

    comp = model.Compliance.model_validate(yaml.safe_load(yaml_text))
    rules, faults = compile_rules(comp)
    assert not faults, faults
    return rules


VOCAB_RULES = """
vocabulary:
  procedures: {description: d, source: s, licence: l, plurals: true, terms: [biopsy, x-ray, check-up, root canal]}
  devices: {description: d, source: s, licence: l, terms: [cpap, insulin pump]}
rules:
  - {id: r, severity: error, patterns: ['your {vocab:procedures}', 'bring the {vocab:devices,procedures}'], why: w, instead: i}
exemptions:
  redirect: {why: w, patterns: ['questions about your [a-z-]+']}
"""


def test_vocabulary_terms_match_whole_words_with_plurals_hyphens_and_spaces():
    rules = _ruleset(VOCAB_RULES)
    words = lambda text: [f.words for f in find(rules, text)]
    assert words("About your biopsies and your X ray.") == ["your biopsies", "your X ray"]
    assert words("your checkup, your check up, your check-ups, your root  canals") == [
        "your checkup", "your check up", "your check-ups", "your root  canals"]
    assert words("your biopsyx; your xraysish; yourbiopsy") == []
    # a union reference is one list of both classes' terms
    assert words("Bring the insulin pump. Bring the biopsy.") == ["Bring the insulin pump", "Bring the biopsy"]


def test_exemption_drops_only_findings_wholly_inside_its_match():
    rules = _ruleset(VOCAB_RULES)
    assert find(rules, "Questions about your biopsy? Call us.") == []
    kept = find(rules, "Your biopsy came back. Questions about your x-ray? Call us.")
    assert [f.words for f in kept] == ["Your biopsy"]


def test_vocabulary_and_exemption_problems_are_reported():
    import yaml

    comp = model.Compliance.model_validate(yaml.safe_load("""
vocabulary:
  procedures: {description: d, source: s, licence: l, terms: [biopsy, 'x-?ray']}
rules:
  - {id: r, severity: error, patterns: ['your {vocab:procedure}', 'your {vocab:procedures}'], why: w, instead: i}
exemptions:
  e: {why: w, rules: [no-such-rule], patterns: ['fine']}
"""))
    _, faults = compile_rules(comp)
    assert sorted((f.code, f.loc) for f in faults) == [
        ("PB709", ("rules", 0, "patterns", 0)), ("PB710", ("vocabulary", "procedures", "terms", 1)),
        ("PB711", ("exemptions", "e", "rules", 0))]


def test_prefilter_gives_exactly_the_findings_of_the_whole_regex():
    """Python runs only the alternatives whose triggers occur in a text; the result must equal the whole regex's."""
    from dataclasses import replace

    from compliance_rates import load_batches

    rules = compile_rules(load_playbook(str(BUNDLED)).compliance.obj)[0]
    whole = replace(rules, index=None, memo={})
    texts = [item["text"] for b in load_batches() for item in b.data["violations"] + b.data["clean"]]
    texts += ["Hi  Sam ,  your\\n biopsy   came back 💙 fine", "try   rinsing —  salt water!!", "welcome\\u00a0back 🎉🎉",
              "YOUR MRI WAS SENT ON 3/14/2025", "you’re back on the golf course", "$240 on ur bill", "10mg twice a day"]
    for text in texts:
        fast = [(f.rule_id, f.start, f.end) for f in find(rules, text)]
        slow = [(f.rule_id, f.start, f.end) for f in find(whole, text)]
        assert fast == slow, text


# ---------------------------------------------------------------- rules per language (Spanish)

def _spanish():
    from playbook.compliance import load_rules

    return load_rules(str(BUNDLED), "es")[0]


# Written by hand: each must be flagged by the Spanish rules with this rule id.
SPANISH_MUST_FLAG = [
    # confirms a care relationship: su/sus + visit, gendered participles, usted pronouns, relatives
    ("Bienvenido de nuevo, nos dio gusto verlo.", "confirms-care-relationship"),
    ("Bienvenida de vuelta a la clínica.", "confirms-care-relationship"),
    ("Lamentamos los problemas durante su estancia.", "confirms-care-relationship"),
    ("Esperamos que su próxima consulta del martes sea mejor.", "confirms-care-relationship"),
    ("La atendimos lo mejor que pudimos.", "confirms-care-relationship"),
    ("Su esposa fue dada de alta ayer.", "confirms-care-relationship"),
    ("Su esposo fue dado de alta ayer.", "confirms-care-relationship"),
    ("Nos alegra que su abuelita ya esté en casa.", "confirms-care-relationship"),
    ("Gracias por confiar en nosotros para el nacimiento de su hija.", "confirms-care-relationship"),
    # discloses care, records, payment, dates, adherence
    ("Sus análisis de sangre salieron bien.", "discloses-clinical-details"),
    ("Entendemos que su embarazo ha sido difícil.", "discloses-clinical-details"),
    ("De acuerdo con nuestros registros, usted canceló dos veces.", "discloses-records"),
    ("Su aseguradora rechazó la cobertura de la resonancia.", "discloses-payment-details"),
    ("Tiene un saldo pendiente de 120 dólares.", "discloses-payment-details"),
    ("Usted estuvo aquí el 3 de marzo.", "mentions-date-of-service"),
    ("No se presentó a su cita de control.", "mentions-adherence"),
    ("Sra. Ortega, lamentamos lo ocurrido.", "names-the-person"),
    ("Sr Ortega, lamentamos lo ocurrido.", "names-the-person"),
    # medical advice: usted imperatives, modal verbs, reassurance, doses, guesses
    ("Tome dos pastillas de paracetamol.", "gives-medical-advice"),
    ("Suspenda el antibiótico por ahora.", "gives-medical-advice"),
    ("Aplique una compresa fría en la zona.", "gives-medical-advice"),
    ("Puede tomar ibuprofeno sin problema.", "gives-medical-advice"),
    ("Debería descansar unos días.", "gives-medical-advice"),
    ("Le recomendamos que deje de tomar la pastilla.", "gives-medical-advice"),
    ("Es normal tener náuseas después de la quimioterapia.", "gives-medical-advice"),
    ("No se preocupe, ese sarpullido no es nada grave.", "gives-medical-advice"),
    ("Parece una reacción alérgica.", "gives-medical-advice"),
    ("Dele 10 ml cada 6 horas.", "gives-medical-advice"),
    ("No hace falta que vaya al médico por eso.", "gives-medical-advice"),
]

# Written by hand: safe Spanish replies that no Spanish rule may flag.
SPANISH_MUST_NOT_FLAG = [
    "Lamentamos leer esto. Comuníquese con Relaciones con Pacientes para que le den seguimiento.",
    "No podemos dar consejos médicos aquí. Hable con su médico sobre cualquier duda con sus medicamentos.",
    "Si tiene dolor en el pecho, llame al 911 de inmediato.",
    "Gracias por su consulta. Le responderemos por mensaje privado.",
    "Para hacer su cita, llame a la Central de Citas o visite nuestro sitio web.",
    "Si tiene preguntas sobre su factura, llame a Facturación.",
    "Le recordamos que no comparta datos personales en público.",
    "Lamentamos su malestar y queremos escucharle.",
    "Gracias a don Rafa y a todo el equipo de la cafetería.",
    "Descanse en paz. Nuestro más sentido pésame a su familia.",
    "Es normal sentirse frustrado cuando hay esperas largas.",
    "El trámite puede tomar unos días.",
    "Sentimos mucho su malestar; le recomendamos escribirnos por mensaje privado.",
    "Hola chicos, ¡gracias por venir a la feria de salud!",
    "Hoy hace 38 grados: manténgase fresco y visite nuestros centros de enfriamiento.",
    "Aceptamos la mayoría de los seguros para consultas y vacunas.",
    "Aceptamos el seguro y el pago en efectivo.",
    "Se cancelaron las cirugías programadas por la tormenta; llamaremos a cada persona.",
    # a word that starts with a title's letters is no title (the injection fixture's "srcdoc" was read as "Sr. cdoc")
    "Nuestro equipo de Sri Lanka y el sistema srcdoc responderán pronto.",
]


@pytest.mark.parametrize("text,rule_id", SPANISH_MUST_FLAG)
def test_spanish_rules_flag(text, rule_id):
    found = {f.rule_id for f in find(_spanish(), text)}
    assert rule_id in found, (text, found)


def _spanish_rules_only():
    """The Spanish rules without the learned check: what these hand-written lists test is the rules.
    (The learned check warns on one of them, "El trámite puede tomar unos días.": a short text whose
    few words weigh towards advice. Its rates are measured on blind batches: make rates.)"""
    import dataclasses

    return dataclasses.replace(_spanish(), learned=None, memo={})


@pytest.mark.parametrize("text", SPANISH_MUST_NOT_FLAG)
def test_spanish_rules_do_not_flag(text):
    assert [f.describe() for f in find(_spanish_rules_only(), text)] == []


def test_spanish_accents_typed_or_left_out_match_alike_and_words_are_kept_as_typed():
    rules = _spanish()
    typed = [(f.rule_id, f.start, f.end, f.words) for f in find(rules, "Según su expediente, su niña tenía diabetes.")]
    plain = [(f.rule_id, f.start, f.end, f.words) for f in find(rules, "Segun su expediente, su nina tenia diabetes.")]
    assert [t[:3] for t in typed] == [p[:3] for p in plain] and typed
    assert ("discloses-records", 0, 19, "Según su expediente") in typed


def test_each_language_is_checked_with_its_own_rules():
    from playbook.compliance import load_rules

    english = load_rules(str(BUNDLED))[0]
    assert find(english, "Tome ibuprofeno cada ocho horas.") == []
    assert find(_spanish(), "Welcome back! Take some ibuprofen.") == []
    assert {f.rule_id for f in find(english, "Welcome back! Take some ibuprofen.")} == {"confirms-care-relationship", "gives-medical-advice"}
    # a dose reads the same in both languages
    assert {f.words for f in find(_spanish(), "Take 200 mg.")} == {"200 mg"}


def test_spanish_plurals_of_vocabulary_terms():
    from playbook.compliance import plural_es

    assert [plural_es(t) for t in ["cita", "cita medica", "dolor de cabeza", "examen", "nariz", "crisis", "virus", "mes", "tos", "rayos-x"]] == [
        "citas", "citas medicas", "dolores de cabeza", "examenes", "narices", "crisis", "virus", "meses", "toses", "rayos-x"]
    import yaml

    comp = model.Compliance.model_validate(yaml.safe_load("""
rules: [{id: top, severity: error, phrases: [unused], why: w, instead: i}]
languages:
  es:
    vocabulary:
      citas: {description: d, source: s, licence: l, plurals: true, terms: [cita medica, dolor de cabeza]}
    rules:
      - {id: r, severity: error, patterns: ['sus? {vocab:citas}'], why: w, instead: i}
"""))
    es, faults = compile_rules(comp, "es")
    assert not faults and es.fold and es.lang == "es"
    assert [f.words for f in find(es, "Sus citas médicas y sus dolores de cabeza; su dolor de cabeza.")] == [
        "Sus citas médicas", "sus dolores de cabeza", "su dolor de cabeza"]


def test_spanish_rule_problems_are_reported_at_their_line(tmp_path):
    root = _copy(tmp_path)
    text = (root / "compliance.yaml").read_text(encoding="utf-8")
    anchor = "    rules:\n      - id: confirms-care-relationship\n"
    assert text.count(anchor) == 1
    bad = ("    rules:\n      - id: broken-es\n        severity: error\n        patterns:\n          - '(unclosed'\n"
           "          - 'su {vocab:no-such-class}'\n        why: w\n        instead: i\n"
           "      - id: confirms-care-relationship\n")
    (root / "compliance.yaml").write_text(text.replace(anchor, bad), encoding="utf-8")
    lines = (root / "compliance.yaml").read_text(encoding="utf-8").splitlines()
    _, problems = check_dir(str(root))
    by_code = {p.code: p for p in problems if p.path.endswith("compliance.yaml")}
    assert set(by_code) == {"PB702", "PB709"}, [p.format() for p in problems]
    assert by_code["PB702"].line == lines.index("          - '(unclosed'") + 1
    assert by_code["PB709"].line == lines.index("          - 'su {vocab:no-such-class}'") + 1


def test_pb712_is_reported_at_the_repeated_class():
    from test_codes import apply_fixture
    from test_languages import marked_position

    import tempfile
    fixture = ROOT / "tests" / "fixtures" / "codes" / "PB712.yaml"
    with tempfile.TemporaryDirectory() as tmp:
        apply_fixture(fixture, Path(tmp) / "playbook")
        _, problems = check_dir(str(Path(tmp) / "playbook"))
    found = [p for p in problems if p.code == "PB712"]
    assert len(found) == 1 and (found[0].line, found[0].col) == marked_position(fixture)


def test_translations_are_checked_with_their_languages_rules_at_their_line(tmp_path):
    root = _copy(tmp_path)
    path = root / "scenarios" / "negative-comment.yaml"
    text = path.read_text(encoding="utf-8")
    old = "Lamentamos leer esto"
    assert old in text
    path.write_text(text.replace(old, "Bienvenida de nuevo. Lamentamos leer esto", 1), encoding="utf-8")
    line = next(i + 1 for i, l in enumerate(path.read_text(encoding="utf-8").splitlines()) if "Bienvenida de nuevo" in l)
    _, problems = check_dir(str(root))
    hits = [p for p in problems if p.code == "PB700"]
    assert len(hits) == 1, [p.format() for p in problems]
    assert hits[0].line == line and "(Spanish " in hits[0].message and "confirms-care-relationship" in hits[0].message
    assert "'Bienvenida de nuevo'" in hits[0].message


def test_every_bundled_spanish_text_passes_the_spanish_rules():
    from playbook import languages
    from playbook.placeholders import final_texts
    from playbook.reply_targets import copy_texts

    pb = load_playbook(str(BUNDLED))
    rules = _spanish()
    count = 0
    for item in pb.scenarios:
        for rid, reply in item.obj.replies.items():
            for t in copy_texts(reply, ["en", "es"]):
                if t.lang != "es":
                    continue
                count += 1
                for text, _ in final_texts(t.raw, languages.org_in(pb.org, "es")):
                    found = find(rules, text)
                    assert not found, f"{item.path}: {rid} {t.platform}: {[f.describe() for f in found]}"
    assert count >= 146  # every reply in Spanish: 147 texts at the time of writing


def test_lint_lang_cli():
    flagged = run_playbook("lint", "--lang", "es", "Tome ibuprofeno cada 8 horas, no se preocupe.")
    assert flagged.returncode == 1 and "gives-medical-advice" in flagged.stdout and "Traceback" not in flagged.stderr
    clean = run_playbook("lint", "--lang", "es", "-", input="Lamentamos leer esto. Hable con su médico, y si es una emergencia, llame al 911.\n")
    assert clean.returncode == 0 and clean.stdout == ""
    english = run_playbook("lint", "--lang", "en", "Welcome back!")
    assert english.returncode == 1 and "confirms-care-relationship" in english.stdout
    assert run_playbook("lint", "--lang", "en", "Tome ibuprofeno.").returncode == 0
    for unknown in ("fr", "xx"):
        r = run_playbook("lint", "--lang", unknown, "hola")
        assert r.returncode == 2 and r.stdout == "" and "Traceback" not in r.stderr
        assert f"no rules for language '{unknown}'" in r.stderr and "en, es" in r.stderr


def test_prefilter_gives_exactly_the_findings_of_the_whole_regex_in_spanish():
    from dataclasses import replace

    from compliance_rates import load_batches

    rules = _spanish()
    whole = replace(rules, index=None, memo={})
    texts = [item["text"] for b in load_batches() if b.language == "es" for item in b.data["violations"] + b.data["clean"]]
    texts += [t for t, _ in SPANISH_MUST_FLAG] + SPANISH_MUST_NOT_FLAG + ["SU  CIRUGÍA  DEL  MARTES 💙", "tome\u00a0200 mg, ¡no se preocupe!"]
    for text in texts:
        fast = [(f.rule_id, f.start, f.end) for f in find(rules, text)]
        slow = [(f.rule_id, f.start, f.end) for f in find(whole, text)]
        assert fast == slow, text
