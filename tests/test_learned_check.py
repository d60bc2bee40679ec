"""The learned check (scripts/playbook/learned_check.py, docs/decisions/020-learned-check.md).

Its two effects are tested with small hand-made models, so the expectations do not
depend on the trained weights: it flags what no rule matched, naming the words that
weigh most; it drops findings of the rules it may overrule, never the others. Then
the bundled model: compliance.yaml's switch, a reply's `allow`, the draft page in
Chromium (one learned finding and one overruled rule, with nothing sent), and the
training: the committed weights are what tools/learned_train.py writes, and it reads
no held-out batch. Python and the browser agreeing on every batch entry is
tests/test_compliance_corpus.py.
"""
from __future__ import annotations

import json
import math
import shutil
import sys
from pathlib import Path

import pytest

from conftest import open_settled
from playbook import compliance, learned_check, model

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tools"

# A reply no rule matches, and one where only names-the-person matches; what the bundled
# model makes of them is asserted below (and was read off `playbook lint` once, by hand).
UNMATCHED = "Sending so much love to you both. The whole fertility team is cheering for you"
NAMED_CLEAN = "Hi Tasha! The gift shop is open until 7pm weekdays and 5pm on weekends."
# A bundled reply with one violating sentence put before it.
WELCOME_BACK = ("Welcome back! We're sorry to hear this, and we'd like to understand what happened. Please contact our "
                "Patient Relations team at patientrelations@example.org so they can follow up with you directly.")


def test_features_are_tokens_and_neighbouring_pairs_once_with_digits_as_0():
    feats = learned_check.features("Your MRI at 4 West, 4/12!")
    assert list(feats) == ["your", "your mri", "mri", "mri at", "at", "at 0", "0", "0 west", "west", "west 0", "0 0"]
    assert (feats["your mri"].start, feats["your mri"].end) == (0, 8)
    assert (feats["0"].start, feats["0"].end) == (12, 13)  # where it first occurs
    assert list(learned_check.features("we're  here -- don't")) == ["we're", "we're here", "here", "here don't", "don't"]
    assert learned_check.features("") == {}


def _model(bias: int, weights: dict, flag_at: int = 50, overrule_below=None, in_sentence=None) -> learned_check.LanguageModel:
    below = {"names-the-person": -50} if overrule_below is None else overrule_below
    return learned_check.LanguageModel("en", bias, flag_at, below, in_sentence or {}, weights)


def _finding(rule_id: str, text: str, words: str) -> compliance.Finding:
    rule = model.Rule(id=rule_id, severity="error", phrases=[words], why="why", instead="instead")
    start = text.index(words)
    return compliance.Finding(rule, start, start + len(words), words)


def test_it_flags_a_text_no_rule_matched_at_the_words_that_weigh_most():
    text = "We are all cheering for you, see you soon"
    m = _model(-10, {"cheering": 30, "see you": 45, "soon": 5, "we": -20})
    assert m.weigh(compliance.normalise(text)).score == -10 + 30 + 45 + 5 - 20
    [f] = compliance.apply_learned(m, compliance.normalise(text), text, [])
    assert f.rule.id == "resembles-known-violations" and f.rule.severity == "warning"
    assert f.words == "see you" and text[f.start:f.end] == "see you"
    assert f.rule.why.endswith('The words that weigh most: "see you", "cheering", "soon".')
    # one point under the threshold: nothing
    assert compliance.apply_learned(_model(-11, m.weights), compliance.normalise(text), text, []) == []
    # one word alone never flags, however heavy
    assert compliance.apply_learned(_model(0, {"cheering": 500}), compliance.normalise(text), text, []) == []


def test_it_adds_nothing_where_a_rule_already_matched():
    text = "We are all cheering for you"
    found = [_finding("gives-medical-advice", text, "cheering")]
    assert compliance.apply_learned(_model(100, {"cheering": 30}), compliance.normalise(text), text, found) == found


def test_it_overrules_a_rule_under_its_score_only_when_nothing_else_matched():
    text = "Hi Tasha, welcome back, you idiot, the gift shop is open"
    name = _finding("names-the-person", text, "Hi Tasha")
    norm = compliance.normalise(text)

    def left(score: int, found) -> list[str]:
        return [f.rule.id for f in compliance.apply_learned(_model(score, {}), norm, text, found)]

    assert left(-50, [name]) == ["names-the-person"]  # at the score: kept
    assert left(-51, [name]) == []
    assert left(-10_000, [name, name]) == []
    for other in ("confirms-care-relationship", "hostile-tone", "our-own-rule"):
        words = {"confirms-care-relationship": "welcome back", "hostile-tone": "idiot", "our-own-rule": "gift shop"}[other]
        both = [name, _finding(other, text, words)]
        assert left(-10_000, both) == ["names-the-person", other]  # a name beside another finding stays
    for lang, m in learned_check.bundled().languages.items():
        assert set(m.overrule_below) == {"names-the-person"}, lang  # the whole reply's score: only a name
        assert not {"hostile-tone", "invites-details-in-public", "names-the-person"} & set(m.overrule_sentence_below), lang


def test_sentences_end_at_a_newline_or_at_stops_before_a_space():
    text = "Hi there! We moved to 4 W. Main St. on 3/4.\nCall us?Thanks"
    assert learned_check.sentence(text, 0) == "Hi there!"
    assert learned_check.sentence(text, 12) == " We moved to 4 W."
    assert learned_check.sentence(text, 30) == " Main St."
    assert learned_check.sentence(text, 38) == " on 3/4."  # the stop before the newline ends it
    assert learned_check.sentence(text, len(text) - 1) == "Call us?Thanks"


def test_a_rule_of_the_three_families_is_overruled_on_its_sentence_only():
    text = "Welcome back! The gift shop is open until 7pm, and parking is free on weekends."
    found = [_finding("confirms-care-relationship", text, "Welcome back")]
    norm = compliance.normalise(text)
    weights = {"welcome": 40, "gift": -300, "shop": -300, "parking": -300}
    m = _model(0, weights, in_sentence={"confirms-care-relationship": -100})
    assert m.weigh(norm).score < -100  # the reply reads as clean...
    assert compliance.apply_learned(m, norm, text, found) == found  # ...but "Welcome back!" does not
    m2 = _model(0, {"welcome": -150}, in_sentence={"confirms-care-relationship": -100})
    assert compliance.apply_learned(m2, norm, text, found) == []  # its own sentence reads as clean
    m3 = _model(0, {"welcome": -100}, in_sentence={"confirms-care-relationship": -100})
    assert compliance.apply_learned(m3, norm, text, found) == found  # at the score: kept


def test_a_plain_violation_a_rule_caught_is_not_overruled():
    """A bundled reply reads as clean to the model, and outweighs "Welcome back!" put before it: still caught."""
    rules, _ = compliance.load_rules(str(ROOT / "playbook"))
    assert rules.learned.weigh(compliance.normalise(WELCOME_BACK)).score < -100
    assert [f.rule.id for f in compliance.find(rules, WELCOME_BACK)] == ["confirms-care-relationship"]


def _playbook_copy(tmp_path: Path, learned: bool) -> Path:
    folder = tmp_path / ("on" if learned else "off")
    folder.mkdir()
    text = (ROOT / "playbook" / "compliance.yaml").read_text(encoding="utf-8")
    assert "\nlearned_check: true\n" in text
    if not learned:
        text = text.replace("\nlearned_check: true\n", "\nlearned_check: false\n")
    (folder / "compliance.yaml").write_text(text, encoding="utf-8")
    return folder


def test_compliance_yaml_turns_it_on_and_off(tmp_path):
    on, _ = compliance.load_rules(str(_playbook_copy(tmp_path, True)))
    off, _ = compliance.load_rules(str(_playbook_copy(tmp_path, False)))
    assert off.learned is None and on.learned is not None
    assert compliance.find(off, UNMATCHED) == []
    [f] = compliance.find(on, UNMATCHED)
    assert f.rule.id == "resembles-known-violations"
    assert f'"{f.words.lower()}"' in f.rule.why  # the words it stands on are named
    assert [f.rule.id for f in compliance.find(off, NAMED_CLEAN)] == ["names-the-person"]
    assert compliance.find(on, NAMED_CLEAN) == []
    es, _ = compliance.load_rules(str(ROOT / "playbook"), "es")
    assert es.learned is not None and es.learned.lang == "es"


def test_a_reply_may_allow_the_learned_rule_only_when_it_is_on():
    comp = model.Compliance.model_validate({"rules": [{"id": "x", "severity": "error", "phrases": ["x"], "why": "w", "instead": "i"}]})
    assert "resembles-known-violations" not in compliance.rule_ids(comp)
    comp_on = comp.model_copy(update={"learned_check": True})
    assert "resembles-known-violations" in compliance.rule_ids(comp_on)


def test_the_weights_are_integers_and_every_language_with_rules_has_a_model():
    data = learned_check.bundled_data()
    for lang, m in data["languages"].items():
        assert all(isinstance(v, int) for v in m["weights"].values()), lang
        assert isinstance(m["bias"], int)
        assert all(m["flag_at"] > v for v in list(m["overrule_below"].values()) + list(m["overrule_sentence_below"].values()))
        assert len(m["weights"]) > 1000
    assert set(data["languages"]) == {"en", "es"}


@pytest.mark.slow
def test_the_committed_weights_are_what_the_training_writes(tmp_path):
    """No hand-edited weight: retraining from the committed batches gives the committed file, byte for byte."""
    out = tmp_path / "learned_check.json"
    crisis = tmp_path / "learned_crisis.json"
    ranking = tmp_path / "learned_ranking.json"
    order = tmp_path / "learned_order.json"
    sys.path.insert(0, str(TOOLS))
    try:
        import learned_train
        assert learned_train.main(["--out", str(out), "--crisis-out", str(crisis), "--ranking-out", str(ranking),
                                   "--order-out", str(order)]) == 0
    finally:
        sys.path.remove(str(TOOLS))
    assert out.read_bytes() == (ROOT / "scripts" / "playbook" / "learned_check.json").read_bytes()
    assert crisis.read_bytes() == (ROOT / "scripts" / "playbook" / "triage" / "learned_crisis.json").read_bytes()
    assert ranking.read_bytes() == (ROOT / "scripts" / "playbook" / "triage" / "learned_ranking.json").read_bytes()
    assert order.read_bytes() == (ROOT / "scripts" / "playbook" / "triage" / "learned_order.json").read_bytes()


def test_the_training_reads_no_held_out_batch():
    sys.path.insert(0, str(TOOLS))
    try:
        import learned_train
        from compliance_rates import load_batches
        batches = load_batches()
        held_out = [b for b in batches if b.role == "held-out"]
        assert held_out, "there are held-out batches"
        for lang in learned_train.LANGUAGES:
            texts, names = learned_train.examples(lang)
            assert names and all(b.role == "training" for b in batches if b.name in names)
            assert not {b.name for b in held_out} & set(names)
            # nothing else: every example is an entry of those batches or a bundled reply
            expected = sum(len(b.data["violations"]) + len(b.data["clean"]) for b in batches if b.name in names)
            assert len(texts) == expected + len(learned_train.bundled_texts(lang))
    finally:
        sys.path.remove(str(TOOLS))


def test_the_draft_page_shows_a_learned_finding_and_drops_an_overruled_one(page, site_url):
    requests: list[str] = []
    # the page's own loading first (Material's search worker fetches lunr once the page is up; on a busy
    # machine that came after the draft checker was ready, and counted as a request of the draft)
    open_settled(page, site_url + "check-my-draft/", "[data-draft][data-draft-ready]")
    page.on("request", lambda r: requests.append(r.url))
    result = page.locator("[data-draft-result]")
    page.fill("[data-draft-input]", UNMATCHED)
    assert result.get_attribute("data-draft-verdict") == "flagged"
    assert result.get_attribute("data-draft-rules") == "resembles-known-violations"
    item = page.locator('[data-draft-findings] li[data-rule="resembles-known-violations"]')
    assert "warning" in item.text_content() and "The words that weigh most:" in item.text_content()
    assert page.locator("[data-draft-marked] mark").count() == 1
    page.fill("[data-draft-input]", NAMED_CLEAN)
    assert result.get_attribute("data-draft-verdict") == "clean"
    page.fill("[data-draft-input]", WELCOME_BACK)  # overruled only if the whole reply's score were used
    assert result.get_attribute("data-draft-rules") == "confirms-care-relationship"
    assert requests == []


def test_the_draft_page_explains_the_learned_check_without_javascript(built_site):
    html = (built_site / "check-my-draft" / "index.html").read_text(encoding="utf-8")
    assert "The learned check" in html and "resembles-known-violations" in html
    rules = json.loads(html.split('id="pb-draft-rules">', 1)[1].split("</script>", 1)[0])
    assert rules["learned"]["rule"]["id"] == "resembles-known-violations"
    assert {lang["id"]: bool(lang["learned"]) for lang in rules["languages"]} == {"en": True, "es": True}


# ---------------------------------------------------------------- the learned danger screen

SIGNALS = [
    {"id": "self-harm", "kind": "self-harm", "label": "Possible self-harm", "scenario": "emergency", "banner": "B1"},
    {"id": "medical", "kind": "medical-emergency", "label": "Medical emergency", "scenario": "emergency", "banner": "B2"},
    {"id": "violence", "kind": "violence", "label": "Violence", "scenario": "threat", "banner": "B3"},
]


def _screen_model(weights_by_class: list[dict], flag_at: int = 0, flag_at_beside: int = 0) -> dict:
    kinds = [["self-harm", "medical-emergency"], ["violence"], ["active-crisis"]]
    return {"flag_at": flag_at, "flag_at_beside": flag_at_beside, "suffix": " (read from its words)", "shown": 3, "at_least": 2,
            "classes": [{"kinds": k, "bias": -100, "weights": w} for k, w in zip(kinds, weights_by_class)]}


def test_the_learned_screen_fires_the_first_signal_of_a_kind_that_reads_as_a_crisis():
    from playbook.triage import learned_screen

    model = _screen_model([{"letters": 80, "goodbye": 60, "dog": 5}, {"car": 500}, {"smoke": 500}])
    post = "Wrote the letters. Goodbye everyone, the dog goes to my sister"
    [(signal, words)] = learned_screen.screen(model, SIGNALS, set(), post)
    assert signal["id"] == "self-harm" and words == ["letters", "goodbye", "dog"]
    # a phrase signal of its kinds fired already: nothing more
    assert learned_screen.screen(model, SIGNALS, {"medical-emergency"}, post) == []
    # under flag_at: nothing
    assert learned_screen.screen(_screen_model([{"letters": 80}, {}, {}]), SIGNALS, set(), post) == []
    # a class whose kinds no signal has (active-crisis here): nothing, however it scores
    assert learned_screen.screen(model, SIGNALS, set(), "smoke everywhere") == []
    # one word alone never fires, however heavy
    assert learned_screen.screen(_screen_model([{"letters": 900}, {}, {}]), SIGNALS, set(), post) == []


def test_beside_a_phrase_list_that_fired_a_class_read_from_words_needs_even_odds():
    from playbook.triage import learned_screen

    # bias -100 + 60 + 30 = -10: over flag_at (-300), under flag_at_beside (0)
    model = _screen_model([{"tonight": 60, "again": 30}, {}, {}], flag_at=-300)
    post = "tonight. again"
    assert [signal["id"] for signal, _ in learned_screen.screen(model, SIGNALS, set(), post)] == ["self-harm"]
    assert learned_screen.screen(model, SIGNALS, {"violence"}, post) == []
    # at even odds or more it fires beside another kind too
    stronger = _screen_model([{"tonight": 80, "again": 40}, {}, {}], flag_at=-300)
    assert [signal["id"] for signal, _ in learned_screen.screen(stronger, SIGNALS, {"violence"}, post)] == ["self-harm"]


def test_the_crisis_order_decides_which_of_several_crisis_scenarios_comes_first():
    from playbook.load import load_playbook
    from playbook.triage import learned_ranking
    from playbook.triage.rank import ranker_for

    ranker = ranker_for(load_playbook(str(ROOT / "playbook")))
    assert ranker.learned["order"] is not None and ranker.learned["order"]["weight"] == 2.0
    ids = [s["id"] for s in ranker.scenarios]
    post = "She doesn't know who I am anymore. Cleaned the rifle, and the court papers are in the desk drawer."
    suggestions, hits = ranker.rank(post)
    assert {h.scenario for h in hits} == {"emergency-self-harm", "legal-threat"}
    scores = {s.scenario: s.score for s in suggestions}

    def order_towards(scenario: str) -> dict:
        data = {"scenarios": [scenario], "weights": {"rifle": [0, 900]}}
        return learned_ranking.index_part(ids, data, weight=2.0, at_least=1)

    for scenario in ("legal-threat", "emergency-self-harm"):
        ranker.learned = dict(ranker.learned, order=order_towards(scenario))
        ranked, _ = ranker.rank(post)
        assert ranked[0].scenario == scenario and {s.scenario for s in ranked[:2]} == {"emergency-self-harm", "legal-threat"}
        # it orders; the scores shown stay the ranking's
        assert {s.scenario: s.score for s in ranked} == scores
    # with one crisis scenario first it changes nothing, and it never puts a scenario first by itself
    ranker.learned = dict(ranker.learned, order=order_towards("crisis-event"))
    alone = "my uncle collapsed and is not breathing, rifle season or not"
    ranked, hits = ranker.rank(alone)
    assert {h.scenario for h in hits} == {"emergency-self-harm"} and ranked[0].scenario == "emergency-self-harm"


def test_the_ranker_adds_a_learned_hit_with_its_label_and_puts_its_scenario_first():
    from playbook.load import load_playbook
    from playbook.triage.rank import ranker_for

    ranker = ranker_for(load_playbook(str(ROOT / "playbook")))
    assert ranker.learned is not None
    # a veiled threat no phrase list holds (read once with `playbook suggest`, then written here by hand; the
    # one written here first, "coming back tomorrow and they will all regret it", is in the phrase list since
    # round 16's model no longer flagged it)
    post = "they laughed at my wife in triage. ill be in that waiting room tonight with something to get their attention"
    suggestions, hits = ranker.rank(post)
    assert [(h.id, h.label) for h in hits] == [("violence", "Possible threat of violence (read from its words)")]
    assert hits[0].words and all(w in post for w in hits[0].words)
    assert suggestions[0].scenario == "legal-threat" and suggestions[0].danger == hits
    _, hits = ranker.rank("the guy who yelled at the front desk said hes coming back tomorrow and they will all regret it")
    assert [(h.id, h.label) for h in hits] == [("violence", "Possible threat of violence")]
    # where a phrase list fires, the learned screen adds nothing for the same kinds
    _, hits = ranker.rank("i wrote letters to everyone i love. its time")
    assert [h.id for h in hits] == ["self-harm"] and not hits[0].label.endswith("(read from its words)")


@pytest.mark.parametrize("which", ["crisis_examples", "ranking_examples", "order_examples"])
def test_the_triage_training_reads_no_held_out_triage_batch(which):
    import yaml

    sys.path.insert(0, str(TOOLS))
    try:
        import learned_train
        posts, names = getattr(learned_train, which)()
    finally:
        sys.path.remove(str(TOOLS))
    index = yaml.safe_load((ROOT / "tests" / "batches" / "index.yaml").read_text(encoding="utf-8"))["triage"]
    assert names and all(index[n]["role"] == "training" for n in names)
    held_out = {n for n, e in index.items() if e["role"] == "held-out"}
    assert held_out and not held_out & set(names)
    def texts(names_):
        return {p["text"] for n in names_ for p in yaml.safe_load((ROOT / "tests" / "batches" / index[n]["file"]).read_text(encoding="utf-8"))["posts"]}

    # A short post two blind writers both wrote ("call me back pls") is in a training batch on its own account.
    only_held_out = texts(held_out) - texts([n for n, e in index.items() if e["role"] == "training"])
    assert len(only_held_out) > 0.99 * len(texts(held_out))
    assert not only_held_out & {text for text, _ in posts}


# A learned ranking over three scenarios, in the model's order; the playbook lists them otherwise.
RANKING = {"scenarios": ["billing", "praise", "threat"],
           "weights": {"bill": [0, 300], "thank": [1, 400], "thank you": [1, 100], "nurse": [1, 50, 0, -50],
                       "you": [2, 10]}}


def test_the_learned_ranking_maps_its_scenarios_onto_the_playbook_and_leaves_unknown_ones_out():
    from playbook.triage import learned_ranking

    part = learned_ranking.index_part(["praise", "own-scenario", "billing"], RANKING)
    assert part["known"] == [True, False, True]
    # threat is not in this playbook: its weights go; the others point at the playbook's positions
    assert part["weights"] == {"bill": [2, 300], "thank": [0, 400], "thank you": [0, 100], "nurse": [0, 50, 2, -50]}
    assert learned_ranking.index_part(["something", "else"], RANKING) is None
    assert part["table"][0] == 1.0 and part["table"][1] == pytest.approx(math.exp(-part["step"] / 100))


def test_the_learned_ranking_shares_are_probabilities_and_need_known_words():
    from playbook.triage import learned_ranking

    part = learned_ranking.index_part(["praise", "own-scenario", "billing"], RANKING)
    shares, words = learned_ranking.read(part, "Thank you nurse")
    # praise: 400 + 100 + 50 = 550, billing: -50; 600 hundredths apart, past the cutoff: all the share to praise
    assert shares == [1.0, 0.0, 0.0] and words[0] == ["thank", "thank you", "nurse"] and words[2] == []
    shares, _ = learned_ranking.read(part, "thank you for the bill")
    # praise 500, billing 300: the table's weights for 0 and 200 hundredths under the best, over their sum
    assert shares[1] == 0.0 and shares[0] == pytest.approx(1 / (1 + math.exp(-2)), abs=1e-9)
    assert shares[0] + shares[2] == pytest.approx(1.0)
    # one known word is not enough to say anything
    assert learned_ranking.read(part, "my bill") == ([0.0, 0.0, 0.0], [[], [], []])


def test_the_ranker_adds_the_learned_share_to_the_words_share():
    from playbook.load import load_playbook
    from playbook.triage import learned_ranking
    from playbook.triage.learned_screen import plain
    from playbook.triage.rank import Ranker, ranker_for

    ranker = ranker_for(load_playbook(str(ROOT / "playbook")))
    assert ranker.ranking is not None
    # words alone put dm-thinks-doctor first ("blood", "dr"); read once with `playbook suggest`
    post = "is the lab on 5th open saturdays? need to get my blood taken for dr k"
    words_only = Ranker(dict(ranker.index, ranking=None))
    plain_scores = {s.scenario: s.score for s in words_only.rank(post)[0]}
    assert max(plain_scores, key=plain_scores.get) == "dm-thinks-doctor"
    suggestions, hits = ranker.rank(post)
    assert not hits and suggestions[0].scenario == "appointment-request"
    shares, _ = learned_ranking.read(ranker.ranking, plain(post))
    doc = [s["id"] for s in ranker.scenarios].index("appointment-request")
    best = max(plain_scores.values())
    assert suggestions[0].score == plain_scores["appointment-request"] / best + ranker.ranking["weight"] * shares[doc]
    assert suggestions[0].words  # named: its matched words, or the words that weigh towards it
