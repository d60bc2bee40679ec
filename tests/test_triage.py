"""The "What came in?" ranking in Python: reading a post, the stemmer, the index, the ranking, the CLI, the markup.

Expected values are written out by hand (or come from an independent
implementation: the Snowball project's Porter stemmer), never computed with
the code under test. The browser side is in tests/test_triage_browser.py.
"""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from conftest import run_playbook
from playbook.markers import markers_in
from playbook.pages import expand_markers as _expand, generate, make_site
from playbook.triage import text
from playbook.triage.box import expand_box
from playbook.triage.index import build, build_json
from playbook.triage.learned_screen import SUFFIX
from playbook.triage.rank import Ranker, osa_distance_is_one, ranker_for


def expand_markers(markdown, page_src, pb):
    return _expand(markdown, page_src, pb, make_site())


def render_box(pb, page_src):
    return expand_box(pb, page_src, make_site())


def what_came_in_page(pb):
    return generate(pb)["what-came-in.md"]


ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pb(bundled_checked):
    return bundled_checked


@pytest.fixture(scope="module")
def ranker(pb):
    return ranker_for(pb)


# ------------------------------------------------------------------ reading a post

# From Porter's paper (1980) and its published vocabulary: word -> stem.
PORTER = {
    "caresses": "caress", "ponies": "poni", "ties": "ti", "caress": "caress", "cats": "cat", "feed": "feed",
    "agreed": "agre", "plastered": "plaster", "bled": "bled", "motoring": "motor", "sing": "sing",
    "conflated": "conflat", "troubled": "troubl", "sized": "size", "hopping": "hop", "tanned": "tan",
    "falling": "fall", "hissing": "hiss", "fizzed": "fizz", "failing": "fail", "filing": "file", "happy": "happi",
    "sky": "sky", "relational": "relat", "conditional": "condit", "rational": "ration", "digitizer": "digit",
    "operator": "oper", "feudalism": "feudal", "decisiveness": "decis", "hopefulness": "hope",
    "callousness": "callous", "formality": "formal", "sensitivity": "sensit", "triplicate": "triplic",
    "formative": "form", "formalize": "formal", "electrical": "electr", "hopeful": "hope", "goodness": "good",
    "revival": "reviv", "allowance": "allow", "inference": "infer", "airliner": "airlin", "adjustable": "adjust",
    "defensible": "defens", "irritant": "irrit", "replacement": "replac", "adjustment": "adjust",
    "dependent": "depend", "adoption": "adopt", "communism": "commun", "activate": "activ", "effective": "effect",
    "bowdlerize": "bowdler", "probate": "probat", "rate": "rate", "cease": "ceas", "controlling": "control",
    "roll": "roll", "generalizations": "gener", "oscillators": "oscil",
}


@pytest.mark.parametrize("word,expected", sorted(PORTER.items()))
def test_porter_stemmer_gives_the_papers_stems(word, expected):
    assert text.stem(word) == expected


def test_porter_stemmer_agrees_with_snowballs_porter_on_every_playbook_word():
    import snowballstemmer

    oracle = snowballstemmer.stemmer("porter")
    corpus = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "playbook").rglob("*.yaml")))
    words = sorted(set(re.findall(r"[a-z]{3,}", corpus.lower())))
    assert len(words) > 1500
    differ = [(w, text.stem(w), oracle.stemWord(w)) for w in words if text.stem(w) != oracle.stemWord(w)]
    assert not differ, differ[:20]


def test_the_cue_prefilter_changes_no_result():
    """cue_terms skips the 19 cue searches when the combined pattern finds nothing: every line of the playbook
    and every example post gives what the cue-by-cue loop (a copy of the list, which skips the prefilter) gives."""
    lines = [line for p in sorted((ROOT / "playbook").rglob("*.yaml")) for line in p.read_text(encoding="utf-8").splitlines()]
    lines += ["can i make an appointment", "is this legit??", "I want to book a visit for my mom"]
    with_cues = [line for line in lines if text.cue_terms(line, list(text.compiled_cues()))]
    assert len(with_cues) > 20
    for line in lines:
        assert text.cue_terms(line) == text.cue_terms(line, list(text.compiled_cues())), line


def test_words_fold_slang_stop_words_emoji_and_concepts():
    got = text.words("Pleeease help!! My mum’s appt at the ER 💊 can't wait… #RiverbendLies")
    # "pleeease" is "please", a stop word; mum is mom; appt an appointment; 💊 pills, a medication
    assert got == [("help", "help"), ("mom", "mum"), ("appoint", "appt"), ("er", "er"), ("pill", "pills"),
                   ("medic", "pills"), ("wait", "wait"), ("riverbend", "riverbend"), ("li", "lies"),
                   ("misinform", "lies")]


def test_words_drop_contractions_and_most_numbers():
    # he'll is "he", not "hell"; "45" and "14th" go, 911 stays
    assert text.words("He'll call 911 after 45 min on the 14th") == [
        ("call", "call"), ("911", "911"), ("min", "min")]


def test_cues_give_their_familys_term_with_the_words_as_written():
    got = text.words("Hi Dr Lee, is this normal? Can I take it with food")
    assert ("askdoctor", "Hi Dr") in got and ("medq", "is this normal") in got and ("medq", "Can I take") in got
    # one match per phrase: the leftmost
    assert text.words("how do I make an appointment") == [("appoint", "appointment"), ("appoint", "how do I make an appointment")]


def test_every_cue_pattern_is_portable_and_never_matches_empty_text():
    from playbook.compliance import pattern_fault

    for family, patterns in text._VOCAB["cues"].items():
        for pattern in patterns:
            assert pattern_fault(pattern, ("cues", family)) is None, (family, pattern)


def test_words_read_irregular_forms_spanish_and_words_in_two_families():
    # "paid" is read as "pay", Spanish everyday words as their English word (factura: bill), Spanish
    # function words are dropped, and "overdosed" belongs to two families (despair, an emergency).
    assert text.words("Paid the factura de mi mamá") == [("pai", "paid"), ("bill", "factura"), ("mom", "mama")]
    assert text.words("he overdosed") == [("overdos", "overdosed"), ("despair", "overdosed"), ("emerg", "overdosed")]
    # a family's words count in any form: billed, billing and bills all give the family's term
    assert [t for t, _ in text.words("billed billing bills")] == ["bill"] * 3


def test_words_read_spanish_praise_as_praise():
    # gracias is "thanks" (not a family: every scenario thanks someone); bendiga is "blessing", in the
    # praise family; "gracias por" and "Dios los bendiga" are praise cues; por, todo and los are stop words
    assert text.words("gracias por todo, Dios los bendiga") == [
        ("thank", "gracias"), ("dio", "dios"), ("bless", "bendiga"), ("prais", "bendiga"),
        ("prais", "gracias por"), ("prais", "Dios los bendiga")]


def test_cue_terms_are_the_phrase_matches_alone():
    assert text.cue_terms("We have retained counsel. Expect a letter") == [("legal", "retained counsel")]
    assert text.words("retained counsel", cues=[]) == [("retain", "retained"), ("counsel", "counsel")]


def test_words_that_mislead_are_read_only_in_their_phrases():
    # round 12d: "fire" (fire that nurse, a fire drill), "broken" (a broken wrist) and "openings" (an opening
    # with a doctor) are no longer words of the incident and job families; their phrases still are cues
    assert text.words("we need to fire that nurse") == [("fire", "fire"), ("nurs", "nurse")]
    assert text.words("my kid's broken wrist") == [("kid", "kid"), ("break", "broken"), ("wrist", "wrist")]
    assert ("incid", "breaking news") in text.words("breaking news at the hospital")
    assert text.words("any nursing openings?") == [("nurs", "nursing"), ("open", "openings"), ("job", "nursing openings")]
    assert text.words("the next opening with Dr Lee") == [("open", "opening"), ("doctor", "dr"), ("lee", "lee"),
                                                           ("appoint", "next opening")]
    # Spanish job words; a statement asked for a video is a media cue, a statement from billing a bill cue
    assert text.words("¿Tienen vacantes?") == [("job", "vacantes"), ("job", "Tienen vacantes")]
    assert ("media", "can I get a statement") in text.words("can I get a statement for our video")
    assert ("bill", "got a statement") not in text.words("can I get a statement for our video")
    assert ("bill", "got a statement") in text.words("got a statement from billing")


def test_a_phrase_cue_weighs_twice_a_family_word(ranker):
    # "lawyer" is a word of the legal family (weight 2); "talked to a lawyer" is a legal cue (weight 4)
    legal = ranker.terms["legal"]
    assert [(i, w) for i, w, _ in ranker.query("lawyer") if i == legal] == [(legal, 2.0)]
    assert [(i, w) for i, w, _ in ranker.query("we talked to a lawyer") if i == legal] == [(legal, 4.0)]


def test_words_keep_911_and_drop_accents():
    assert text.words("Café 911 — ★★ 5 stars") == [("cafe", "cafe"), ("911", "911"), ("star", "star"),
                                                   ("review", "star"), ("star", "star"), ("review", "star"),
                                                   ("star", "stars"), ("review", "stars"), ("review", "5 stars")]


@pytest.mark.parametrize("a,b,one", [
    ("suicd", "suicid", True), ("colaps", "collaps", True), ("breath", "braeth", True), ("acount", "account", True),
    ("abc", "abc", False), ("abc", "bca", False), ("hospit", "hostpital", False), ("pain", "pains", True),
])
def test_one_edit_apart(a, b, one):
    assert osa_distance_is_one(a, b) is one
    assert osa_distance_is_one(b, a) is one


# ------------------------------------------------------------------ ranking

CRISIS_SCENARIOS = {"emergency-self-harm", "crisis-event", "legal-threat"}

# Posts written for this test, with the scenario a responder should open first.
FIRST = [
    ("i don't see the point in anything anymore. everyone would be better off", "emergency-self-harm"),
    ("my husbnd colapsed and isnt breathing, which door is the ER", "emergency-self-harm"),
    ("active shooter in the parking garage, people running", "crisis-event"),
    ("I know where that nurse parks. she'll regret this", "legal-threat"),
    ("someone made a fake page with your logo and is asking people for money", "impersonation-scam"),
    ("my attorney will be contacting you about the malpractice. see you in court", "legal-threat"),
    ("Huge thanks to Nurse Maria in labor and delivery, she was incredible", "praise-staff"),
    ("vaccines have microchips, wake up people. big pharma lies", "misinformation"),
    ("is my uncle still in the ICU? what room is he in", "third-party-inquiry"),
    ("can't log into mychart, password reset isn't working", "records-billing"),
    ("troll keeps commenting slurs under our posts", "repeat-harasser"),
    ("how do i make an appt with a pediatrician, my son needs a checkup", "appointment-request"),
    # round 12c: Spanish praise and billing, a bill for someone who died, a move asked for as a complaint,
    # a privacy complaint about the front desk
    ("mil gracias a las enfermeras de pediatría, súper amables con mi niña. Dios las bendiga", "praise-staff"),
    ("me siguen cobrando la factura de mi papá que falleció en marzo, ¿a quién llamo?", "records-billing"),
    ("my late wife's hospital bill went to collections. I'm handling her estate, who do I talk to", "records-billing"),
    ("so fed up. trying to move my MRI to next Tuesday for a week now and nobody ever calls back", "appointment-request"),
    # round 12d: an opening with a doctor, a creator asking for a quote, fasting before a test, whom we sponsor,
    # hours in urgent care, happy tears, Spanish job questions
    ("food vlogger with 50k followers here, could we get a quote about the new cafe menu?", "media-inquiry"),
    ("can't believe you're sponsoring that candidate's rally. unfollowing", "negative-comment"),
    ("been sitting in your urgent care for 4 hours and not one nurse has come by", "complaint-about-care"),
    ("my kid broke his arm and you made us wait 6 hours", "complaint-about-care"),
    ("the oncology team made me ugly cry on my last day of chemo, love every one of them", "praise-staff"),
    ("¿Están buscando enfermeras? Tengo mi licencia y experiencia en urgencias", "job-applicant"),
    ("¿Hay vacantes de enfermería en la clínica del este?", "job-applicant"),
]

# Posts whose scenario must be among the three the box shows (a close call between neighbours).
TOP3 = [
    ("the front desk announced why I was there in front of the whole waiting room. zero privacy", "complaint-about-care"),
    ("Dr. Park, it's Alma Reyes, DOB 2/9/1970. Did my potassium come back normal? You said you'd call", "dm-thinks-doctor"),
    # round 12d: neighbours annoyed by noise at night (the crisis scenario is close: helicopters)
    ("helicopters landing at 2am again, some of us live right across the street", "negative-comment"),
    # first by words alone; the learned ranking (decision 021) reads "blood draw tomorrow" as an
    # appointment and puts appointment-request first. Both are shown.
    ("do I need to fast before my A1C blood draw tomorrow?", "medical-question"),
    # first by words alone until round 36; since then the learned ranking reads "DM me" and "Dr." as a scam
    # (fake doctors asking people to DM them, in many training posts) and puts impersonation-scam first,
    # appointment-request second.
    ("any chance someone could DM me if Dr. Ferris gets a cancellation this month?", "appointment-request"),
]


@pytest.mark.parametrize("post,expected", FIRST)
def test_post_ranks_its_scenario_first(ranker, post, expected):
    suggestions, _ = ranker.rank(post)
    if expected not in CRISIS_SCENARIOS:
        # The learned screen is set for recall and may put a crisis scenario first on a calm post (a false
        # banner: make rates counts them). The ranking under it must still put the post's own scenario next.
        suggestions = [s for s in suggestions if not s.danger or not all(h.label.endswith(SUFFIX) for h in s.danger)]
    assert [s.scenario for s in suggestions][:1] == [expected], [(s.scenario, s.words) for s in suggestions[:3]]


@pytest.mark.parametrize("post,expected", TOP3)
def test_post_has_its_scenario_in_the_top_three(ranker, post, expected):
    suggestions, _ = ranker.rank(post)
    assert expected in [s.scenario for s in suggestions][:3], [(s.scenario, s.words) for s in suggestions[:3]]


def test_crisis_scenario_first_even_when_other_words_dominate(ranker):
    post = ("3rd bill this month for the same ER visit, collections keeps calling and the billing office never answers. "
            "whatever, I won't be around long enough to pay it")
    suggestions, hits = ranker.rank(post)
    assert [h.id for h in hits] == ["self-harm"]
    assert suggestions[0].scenario == "emergency-self-harm"
    assert suggestions[0].danger[0].label == "Possible suicide or self-harm"
    assert "records-billing" in [s.scenario for s in suggestions[:3]]


def test_channel_lifts_scenarios_on_that_channel(pb, ranker):
    post = "They discharged my father without explaining his new medication. Not impressed."
    ranked = ranker.rank(post)[0]
    review = ranker.rank(post, "google-reviews")[0]
    assert "review-response" not in [s.scenario for s in ranked[:3]]
    assert "review-response" in [s.scenario for s in review[:3]]   # a Google review, whatever its words
    # The channel weighs the words' part (BM25F): complaint-about-care is not on google-reviews, half its score.
    words_only = json.loads(build_json(pb))
    words_only["ranking"] = None
    words = Ranker(words_only)
    plain = {s.scenario: s.score for s in words.rank(post)[0]}
    assert {s.scenario: s.score for s in words.rank(post, "google-reviews")[0]}["complaint-about-care"] == pytest.approx(
        plain["complaint-about-care"] / 2)


def test_suggestion_names_words_outcome_and_first_question(ranker):
    s = ranker.rank("Is this you?? A giveaway page messaged me that I won a gift card, I just pay shipping")[0][0]
    assert s.scenario == "impersonation-scam"
    assert s.outcome == "fake-account"
    assert s.url == "scenarios/impersonation-scam/#node-harmed"
    assert "giveaway" in s.words


def test_post_with_no_known_word_gets_no_suggestion(ranker):
    assert ranker.rank("zzzz qqqq") == ([], [])
    assert ranker.rank("") == ([], [])


# ------------------------------------------------------------------ the index file

def test_index_is_one_small_json_file(pb):
    data = build_json(pb)
    index = json.loads(data)
    assert index == build(pb) and index["version"] == 6
    assert [s["id"] for s in index["scenarios"]] == sorted(s.id for s in pb.scenario_list())
    # the danger patterns, the cues and the learned models are most of it, whatever the number of
    # scenarios, and they grow with each round of training batches (about 5 KB gzipped a round). After
    # round 35 (batches A to CK): the learned screen's weights and the crisis order 326 KB (107 KB gzipped),
    # the learned ranking's 165 KB (55 KB), the danger lists 134 KB (45 KB); gzipped, as served, the whole
    # index is 250 KB at 18 scenarios. Round 32 passed this budget (315 KB gzipped); rather than raise it
    # again, the learned ranking's weights under 0.30 (was 0.20) were dropped, measured leaving one round out
    # at a time over rounds 19 to 21: the same crisis posts first, 2 of 1,080 fewer first, 2 more in the
    # top 3, and 79 KB gzipped less (decision 021; tools/ranking_prune_lobo.py). Past the budget, decide again.
    assert len(data.encode("utf-8")) < 950_000
    assert len(gzip.compress(data.encode("utf-8"))) < 300_000
    assert "riverbend" in index["stop"].split() and "health" not in index["stop"].split()


def test_no_family_is_in_nearly_every_scenario(pb):
    # A family whose term is in almost every scenario's text says nothing (its idf is near 0):
    # "news" stemmed to "new", "reporter" to "report" and "media" in "social media" once made the
    # media family match all 18. Each family must leave out at least a sixth of the scenarios.
    index = build(pb)
    where = {t: i for i, t in enumerate(index["terms"])}
    n = len(index["scenarios"])
    spread = {f: len(index["postings"][where[f]]) // 2 for f in index["families"]["terms"].split() if f in where}
    assert spread and max(spread.values()) <= n - n // 6, sorted(spread.items(), key=lambda kv: -kv[1])[:5]


# ------------------------------------------------------------------ command line

def test_suggest_json_shape_and_exit_status():
    result = run_playbook("suggest", "my dad collapsed and won't wake up", "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert items[0]["scenario"] == "emergency-self-harm"
    assert set(items[0]) >= {"scenario", "score", "reasons", "outcome"}
    assert items[0]["reasons"][0].startswith("danger: Possible medical emergency")
    assert all(isinstance(i["score"], float) for i in items)
    assert [i["score"] for i in items[1:]] == sorted((i["score"] for i in items[1:]), reverse=True)


def test_suggest_reads_stdin_and_takes_a_channel():
    result = run_playbook("suggest", "-", "--channel", "google-reviews", "--json", "--top", "1",
                          input="★★ waited two hours past my appointment, rude front desk")
    assert result.returncode == 0, result.stderr
    assert [i["scenario"] for i in json.loads(result.stdout)] == ["review-response"]


def test_suggest_text_output_and_usage_errors():
    result = run_playbook("suggest", "fake account using your logo")
    assert result.returncode == 0
    assert result.stdout.startswith("1. impersonation-scam")
    bad = run_playbook("suggest", "x", "--channel", "myspace")
    assert bad.returncode == 2 and "unknown channel" in bad.stderr and "Traceback" not in bad.stderr


# ------------------------------------------------------------------ markup

def test_home_page_marker_expands_to_the_box(pb):
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert markers_in(home) == ["what-came-in"]
    out = expand_markers(home, "index.md", pb)
    assert "<!-- playbook:what-came-in -->" not in out
    assert 'data-triage-index="triage-index.json"' in out
    assert 'href="scenarios/"' in out
    assert "\n\n<div class=\"pb-triage\"" in out
    block = out[out.index('<div class="pb-triage"'):]
    block = block[:block.index("\n\n")]
    assert "\n\n" not in block and block.endswith("</div>")


def test_unknown_marker_and_plain_pages_stay_as_they_are(pb):
    page = "# Hi\n\n<!-- playbook:no-such-block -->\n\ntext <!-- playbook:what-came-in --> inline\n"
    assert expand_markers(page, "x.md", pb) == page


def test_box_hooks_are_in_the_static_html(pb):
    html = render_box(pb, "what-came-in.md")
    for hook in ("data-triage-input", "data-triage-results", "data-triage-alert", "data-triage-channel", "data-triage-nojs"):
        assert hook in html
    assert 'data-triage-index="../triage-index.json"' in html and 'data-triage-root="../"' in html
    assert 'data-triage-root="./"' in render_box(pb, "index.md")
    assert 'href="../scenarios/emergency-self-harm/#node-what"' in html  # no-JS: the crisis scenarios, at their first question
    assert '<option value="google-reviews">Google review</option>' in html


def test_page_escapes_playbook_text():
    from playbook.load import load_playbook

    pb = load_playbook(str(ROOT / "tests" / "fixtures" / "injection" / "playbook"))
    page = what_came_in_page(pb)
    assert "<script" not in page.lower().replace("&lt;script", "")


def test_no_markup_is_marked_safe():
    sources = list((ROOT / "scripts" / "playbook" / "triage").glob("*.py")) + \
        list((ROOT / "scripts" / "playbook" / "templates" / "triage").glob("*")) + \
        [ROOT / "scripts" / "playbook" / "templates" / "pages" / "what-came-in.md", ROOT / "scripts" / "playbook" / "markers.py"]
    for path in sources:
        body = path.read_text(encoding="utf-8")
        assert "|safe" not in body.replace(" ", "") and "Markup(" not in body, path
