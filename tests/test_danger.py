"""The danger screen's phrase lists (playbook/danger.yaml): posts that must set off a signal, and posts that must not.

Every post here is invented and written by hand, with the signal it must fire
(the oracle); none is computed by the screen. Indirect phrasings, typos and
slang are the point: a missed crisis is the worst error the box can make. The
"must not" list holds everyday complaints, praise and questions whose words
come close (hyperbole, "shot" for a vaccine, "fire that nurse").
"""
from __future__ import annotations

from pathlib import Path

import pytest

from playbook.check import check_dir
from playbook.triage.danger import compile_signals, prepare, screen, signals_of

ROOT = Path(__file__).resolve().parent.parent

MUST_FIRE: dict[str, list[str]] = {
    "self-harm": [
        "I want to kill myself",
        "honestly thinking about suicide again",
        "im so suicidal rn",
        "thinkin bout sucide",
        "i don't want to be here anymore",
        "I dont wanna live like this",
        "everyone would be better off without me",
        "I'm just a burden to my family at this point",
        "nobody would even notice if i was gone",
        "won't be around much longer so it doesn't matter",
        "i wont be here by tomorrow",
        "giving away all my stuff, who wants my cat",
        "this is goodbye. thank you to the nurses who tried",
        "goodbye everyone, sorry for everything",
        "been saving up my pills for a while now",
        "took a whole bottle of tylenol an hour ago",
        "what's the point of living anymore",
        "I can't do this anymore",
        "i cant take it anymore",
        "there's no reason to live",
        "I feel so hopeless",
        "tired of living honestly",
        "my daughter posted a goodbye note on insta and isn't answering",
        "my friend keeps talking about ending it",
        "my brother said he wants to kill himself",
        "pretty sure she's cutting again",
        "I wish I was dead",
        "gonna unalive myself lol not joking",
        "kms",
        "who will take care of my dog when I'm gone",
        "I've got my affairs in order now",
        "see you on the other side",
        "tonight's the night",
        "I just want the pain to stop forever",
        "Does the 988 number work from a cell phone? asking for me",
    ],
    "medical-emergency": [
        "my husband collapsed and he isn't breathing",
        "my dad colapsed in the parking lot",
        "she passed out and won't wake up",
        "he's unresponsive, which entrance is the ER",
        "my baby's lips are blue",
        "my son turned blue for a minute",
        "my mom is having a stroke i think, her face is drooping",
        "chest pain for an hour and my left arm is numb",
        "my chest is so tight i cant breathe",
        "cant breath",
        "he's choking",
        "allergic reaction and her throat is closing",
        "my friend OD'd and is barely breathing",
        "i think he overdosed",
        "she's having a seizure right now",
        "grandpa fell and hit his head and is bleeding a lot",
        "bleeding won't stop after my surgery",
        "we called 911 but nobody is coming",
        "need an ambulance at the Eastside clinic",
        "my wife was stabbed",
        "this is an emergency please answer",
        "where's the ER entrance???",
    ],
    "violence": [
        "Somebody should teach that nurse a lesson",
        "I know where she lives",
        "I know exactly when her shift ends",
        "I'm going to kill that doctor",
        "ill shoot up the place",
        "going to bring my gun next time",
        "you'll regret this",
        "you will pay for this",
        "watch your back",
        "burn the whole place down",
        "they deserve whatever's coming to them",
        "last warning",
        "keep ignoring me and see what happens",
        "bomb threat at the clinic",
        "im coming for you",
        "something bad is going to happen to your staff",
        "people like that doctor deserve to die",
        "I'll be waiting for her in the parking lot",
    ],
    "active-crisis": [
        "active shooter at Riverbend Main",
        "shots fired near the ER",
        "heard gunshots in the lobby",
        "guy with a gun in the waiting room",
        "we are on lockdown",
        "the hospital is locked down, what's going on",
        "they told us to shelter in place",
        "they're evacuating the 3rd floor",
        "evac happening at Eastside",
        "fire trucks everywhere",
        "there's smoke coming out of the building",
        "the hospital is on fire",
        "explosion at the west wing",
        "power is out in the whole building",
        "your systems are down and nobody can check in",
        "ransomware attack?",
        "tornado hit the clinic",
        "everyone's running out of the ER",
        "code silver called in the ER",
        "what is going on at the hospital?? police everywhere",
        "we're trapped on the 5th floor",
    ],
}

MUST_NOT_FIRE = [
    "Parking at the Riverbend campus is a joke. $18 to park and still no spaces.",
    "Waited 3 hours in your ER last night and nobody told us anything.",
    "You should fire that receptionist, she was so rude",
    "Where can I get a flu shot in the lobby?",
    "Got my flu shot in the arm and it's sore, is that normal?",
    "I'm dying to know when the new cafe opens lol",
    "would it kill you to answer the phone",
    "the nurses were amazing, we had a blast at the fun run",
    "Does the hospital offer CPR classes for parents?",
    "Can I get a refill of my seizure medication?",
    "my bill was $988 and insurance already paid",
    "I'm ready to go home, when is discharge?",
    "called the ambulance company about my bill",
    "they make you pay $18 to park",
    "I'll be there for my appointment on Tuesday",
    "stabbing pain in my side for two days, should I see a doctor?",
    "shooting pain down my leg since yesterday",
    "Dr. Kim is on fire today, best doctor ever 🔥",
    "no one responded to my email about my records",
    "the line isn't moving at all",
    "this cafe is the bomb",
    "Great experience, the lobby looks amazing",
    "Are you hiring new grad RNs?",
    "I'm a reporter with Channel 5, can someone comment on the new heart center?",
    "Heard @RiverbendHealth is shutting down the maternity unit",
    "Thank you to the night nurses on 4 West",
    "How do I get a copy of my records?",
    "passing out flyers for the charity run on Saturday",
    "the billing department is hopeless",
    "my last message to billing was ignored",
    "I need to track them down to get my records",
]


@pytest.fixture(scope="module")
def signals():
    pb, problems = check_dir(str(ROOT / "playbook"))
    assert pb.danger is not None
    return signals_of(pb)


@pytest.mark.parametrize("signal_id,post", [(sid, post) for sid, posts in MUST_FIRE.items() for post in posts])
def test_post_sets_off_its_signal(signals, signal_id, post):
    fired = {h.signal.id for h in screen(signals, post)}
    assert signal_id in fired, f"{post!r} should set off {signal_id}; fired: {sorted(fired)}"


@pytest.mark.parametrize("post", MUST_NOT_FIRE)
def test_everyday_post_sets_off_nothing(signals, post):
    hits = screen(signals, post)
    assert not hits, f"{post!r} set off " + "; ".join(f"{h.signal.id}: {h.words}" for h in hits)


def test_every_signal_kind_points_to_the_right_crisis_scenario(signals):
    scenario_of_kind = {"self-harm": "emergency-self-harm", "medical-emergency": "emergency-self-harm",
                        "violence": "legal-threat", "active-crisis": "crisis-event"}
    kinds = {cs.signal.kind for cs in signals}
    assert kinds == set(scenario_of_kind)
    for cs in signals:
        assert cs.signal.scenario == scenario_of_kind[cs.signal.kind], cs.signal.id


def test_prepare_drops_apostrophes_collapses_spaces_and_long_repeats():
    assert prepare("I won’t  be\u00a0here, killl  meee") == "I wont be here, kill mee"


def test_apostrophes_in_phrases_are_ignored_too():
    from playbook import model

    danger = model.Danger.model_validate({"signals": [{
        "id": "t", "kind": "self-harm", "label": "T", "scenario": "x", "banner": "B",
        "phrases": ["won't be around"], "patterns": ["can'?t go on"]}]})
    sigs, faults = compile_signals(danger)
    assert not faults
    for post in ("I won't be around", "i wont be around", "I won’t be around", "I can't go on", "i cant go on"):
        assert screen(sigs, post), post
    assert not screen(sigs, "I want to be around")
