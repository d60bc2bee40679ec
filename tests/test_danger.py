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
        # families: hopelessness, burden, farewells, giving away, plans and means, slang, Spanish
        "feeling pretty hopeless about everything lately",
        "nothing matters anymore",
        "it's never going to get better for me",
        "i'm in a really dark place and can't see a way out",
        "I give up. I'm so tired of fighting",
        "i just want to disappear",
        "im a waste of space",
        "my family would be happier without me",
        "if you're reading this, i'm already gone",
        "sorry for everything. please forgive me",
        "tell my kids i love them",
        "it was nice knowing you all",
        "who wants my guitar? i won't need it",
        "need to find a good home for my dogs, soon",
        "wrote my will last night, it's all sorted",
        "i've been stockpiling my sleeping pills",
        "how many tylenol would it take",
        "bought a rope at the hardware store",
        "standing on the bridge over the river right now",
        "thinking about driving to the overpass tonight",
        "dad's gun is loaded and it's in my hand",
        "fresh cuts on my arms again",
        "relapsed on sh last night",
        "i have a plan for tonight",
        "wont make it to christmas honestly",
        "this time tomorrow i'll be gone",
        "my sister keeps saying she wants to end her life",
        "I'm scared he might hurt himself",
        "kms fr",
        "su1c1dal again",
        "s*icide thoughts every night",
        "thinking about self-deleting",
        "no quiero seguir",
        "ya no puedo más",
        "quiero morirme",
        "estarían mejor sin mí",
        "me quiero matar",
        "just bought a gun, don't worry about me",
        "she'd be better off with someone else raising her",
        "I don't think I can do one more night of this",
        "having intrusive thoughts about hurting the baby",
        "scared I might hurt my baby, I haven't slept in days",
        "I can't live like this",
        "I just want everything to end",
        "life isn't worth living",
        "i hate my life and want out",
        "I'm not going to be a problem much longer",
        "took 30 of my sleeping pills",
        "me quiero ir de este mundo",
        "no le veo sentido a la vida",
        "todo sería más fácil sin mí",
        "quiero dormir y no despertar",
        "cuiden a mis hijos por mí",
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
        # families: breathing, colour, unresponsive, seizures, bleeding, stroke, chest, overdose, poison, allergy, babies
        "her breathing sounds weird and rattly",
        "he's pale and clammy and not responding",
        "eyes rolled back and he went limp",
        "she's been seizing for 3 minutes",
        "foaming at the mouth, please help",
        "blood everywhere, it's soaking through the towel",
        "I'm 20 weeks pregnant and bleeding heavily",
        "left side of his face is drooping",
        "she can't lift her right arm and her speech is slurred",
        "grandma suddenly can't talk and seems confused",
        "pressure in my chest going down my left arm",
        "feels like an elephant on my chest",
        "my son took too many of his adhd pills",
        "he's nodding off and won't respond, found fentanyl",
        "do you have narcan, my friend is blue",
        "my toddler swallowed a laundry pod",
        "she drank some bleach by accident",
        "his throat is closing and he can't swallow",
        "bee sting and her face is swelling up",
        "newborn is limp and won't wake up",
        "baby stopped breathing for a few seconds",
        "fell off a ladder and hit his head hard",
        "pulled him out of the pool and he's not breathing",
        "my water broke and I'm bleeding a lot, we're in the car",
        "sugar crashed and he's not making sense",
        "call 9-1-1",
        "mi papá no respira",
        "se desmayó en la cocina",
        "mi bebé se puso morado",
        "le duele mucho el pecho",
        "está convulsionando",
        "no para de sangrar",
        "necesito una ambulancia",
        "se le durmió el brazo y tiene la boca torcida",
        "está vomitando sangre",
        "le dio un derrame",
        "baby has a fever of 105 and is really floppy",
        "severe bleeding from a dog bite",
        "he fell and isn't moving",
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
        # families: veiled threats, weapons, addresses, Spanish
        "someone is going to pay for this",
        "heads will roll",
        "just wait and see what happens",
        "don't make me come down there",
        "you have no idea what I'm capable of",
        "this isn't over",
        "things are about to get ugly",
        "payback is coming",
        "hope that nurse gets what she deserves, hope she suffers",
        "I've got my gun in the truck",
        "locked and loaded",
        "I found out where that doctor lives",
        "her home address is 12 Elm Street",
        "he lives on Maple Avenue, go visit him",
        "i'll be waiting by her car after her shift",
        "see you in the parking lot, doc",
        "I followed her home from work",
        "me las van a pagar",
        "ya verán",
        "se van a arrepentir",
        "sé dónde vive esa enfermera",
        "go kill yourself",
        "traigo una pistola y voy para allá",
        "I'm going to hurt someone at that clinic",
        "I'm going to come back and make them pay",
        "Tell that receptionist to enjoy her last week. I've got plans for her.",
        "he should think twice before walking to his car alone tonight",
        "I know what truck he drives and when his shift lets out.",
        "that surgeon is going to pay for this. Just watch.",
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
        # families: smoke, alarms, gunfire pops, lockdown, evacuation, shelter in place, outages, codes, Spanish
        "burning smell on the 2nd floor",
        "fire alarms going off everywhere",
        "heard pops outside, sounded like gunshots",
        "like 6 loud bangs near the entrance",
        "they told everyone to get down and stay away from the windows",
        "the doors are all locked and nobody can leave",
        "they won't let anyone leave the building",
        "police with rifles running through the lobby",
        "code pink on labor and delivery",
        "someone took a baby from the nursery",
        "lost power and the generators haven't kicked in",
        "phones and computers are down everywhere",
        "patient data leaked online",
        "bus crash, tons of ambulances arriving",
        "water pouring through the ceiling in the ER",
        "car crashed into the ER entrance",
        "is everyone okay in there?",
        "suspicious package by the front doors",
        "hay un incendio",
        "hubo una balacera cerca del hospital",
        "están evacuando el edificio",
        "se fue la luz en todo el hospital",
        "el hospital está inundado",
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
    # everyday posts near the families' words
    "I give up on calling billing, just send me a letter",
    "no hope of getting through to anyone on the phone",
    "I'm done trying to reach the front desk",
    "tired of trying to get an appointment",
    "last chance to get your flu shot this Saturday!",
    "they won't let me in after visiting hours",
    "security in the lobby was rude to my mom",
    "the IV pump alarm kept going off all night and no one came",
    "my alarm went off at 5 for my surgery",
    "got some shots before my trip, arm is sore",
    "the entrance was blocked off by construction",
    "they told us to leave because visiting hours were over",
    "no water for my grandma for hours, unacceptable",
    "the wifi is so bad, no internet in the rooms",
    "I can't access my records in the portal",
    "I'll be free tomorrow afternoon if someone can call",
    "my last day here at Riverbend was wonderful, thank you all",
    "tonight is my last night in the hospital, going home tomorrow!",
    "time for me to go home finally",
    "I'll find another doctor then",
    "I'll find them myself if I have to",
    "I have your address for the billing office",
    "my mom lives on Main Street, can she get a ride to her appointment",
    "please take care of my dad, nurses, you're the best",
    "Please tell my nurse I loved her!",
    "we'll never see another dime from me",
    "I gave birth in the new maternity wing and it was amazing",
    "I was in labor and the nurses were amazing",
    "help me please, I can't log into the portal",
    "someone please help me find my records",
    "necesito una cita urgente para mi hijo",
    "fui a emergencias y esperé 5 horas",
    "no quiero esperar tanto para una cita",
    "la ambulancia me cobró 2000 dólares",
    "mi doctor no responde mis mensajes",
    "the baby was taken to the NICU for monitoring, how do we visit",
    "the nurse took the baby for tests and brought her back",
    "hopeful that my surgery goes well",
    "Is it normal to be short of patience after 3 hours on hold lol",
    "I don't want to wake up at 5am for this appointment",
    "this bill is such a burden on our family",
    "people are going to pay $18 to park?",
    "you'll see what I mean when you read the letter",
    "you will see a doctor within 24 hours, they said",
    "I'm done talking to your call center",
    "cutting my hours at work because of all these appointments",
    "there's no point in calling, nobody picks up",
    "honestly you'd be better off going to another hospital",
    "my dad would be better off with a different doctor",
    "they make you pay for parking even when you're visiting a dying parent",
    "I hate the new parking garage",
    "my temperature was 99.5 this morning, should I come in?",
    "who is going to pay for this? insurance says it's not covered",
    "insurance is going to pay for it, right?",
    "watch the video we posted about flu season",
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


def test_a_danger_file_that_does_not_load_is_reported_not_dropped(tmp_path):
    """A danger.yaml the model refuses (here an unknown field and an over-long pattern) would leave the
    box without a danger screen: `playbook check` must say so instead of passing in silence."""
    import shutil

    shutil.copytree(ROOT / "playbook", tmp_path / "playbook")
    path = tmp_path / "playbook" / "danger.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    kind: self-harm\n", "    kind: self-harm\n    sevrity: high\n", 1)
    text = text.replace("    patterns:\n", "    patterns:\n      - '" + "(?:a)" * 250 + "'\n", 1)
    path.write_text(text, encoding="utf-8")
    pb, problems = check_dir(str(tmp_path / "playbook"))
    found = {(p.code, p.path.replace("\\", "/").split("/")[-1]) for p in problems}
    assert ("PB200", "danger.yaml") in found, sorted(found)
    assert ("PB205", "danger.yaml") in found, sorted(found)
    assert pb.danger is None
