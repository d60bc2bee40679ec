"""From a post to terms: the same steps, in the same order, as scripts/playbook/assets/triage.js.

1. normalise (compliance.normalise: typographic quotes and odd spaces, one for one);
2. a few emoji become words (💰 money, 🔫 gun, ★ star);
3. accents go (NFD, then combining marks removed);
4. camelCase splits (#RiverbendLies -> Riverbend Lies), then A-Z become a-z;
5. 's goes (mum's -> mum), other apostrophes go (don't -> dont); words are runs of a-z and 0-9;
6. a letter repeated three times or more becomes one (pleeease -> please);
7. chat spellings become words (u -> you, appt -> appointment, meds -> medication);
8. stop words and single letters go; then the Porter stemmer (1980) on words without digits;
9. a word of an everyday family (cough, fever: symptom) also gives the family's term.

The tables (stop words, slang, concepts, emoji) travel inside triage-index.json, so the
browser uses the same data; only the steps are written twice, and a browser
test checks that both give the same ranking on every corpus post.
"""
from __future__ import annotations

import re
import unicodedata

from ..compliance import normalise

# lunr's English stop words (as in mkdocs.yml's search separator), then contractions
# without their apostrophe and chat filler that says nothing about the kind of post.
STOP_WORDS = frozenset("""
a able about across after all almost also am among an and any are as at be because been but by can cannot
could dear did do does either else ever every for from get got had has have he her hers him his how however
i if in into is it its just least let like likely may me might most must my neither no nor not of off often
on only or other our own rather said say says she should since so some than that the their them then there
these they this tis to too twas us wants was we were what when where which while who whom why will with would
yet you your
im ive id youre youve theyre thats whats dont doesnt didnt cant couldnt wont wouldnt isnt arent wasnt werent
hasnt havent hadnt shouldnt ill youll hes shes lets theres heres
hi hey hello lol lmao omg ok okay yes yeah yall guys anyone someone anybody somebody everyone everybody
thing things really very much even still going gonna wanna gotta know see one tho though idk tbh imo ngl
smh fr wtf btw
""".split())

# Chat spellings a responder meets every day, and the word they stand for (general English, no names).
SLANG: dict[str, str] = {
    "u": "you", "ur": "your", "r": "are", "pls": "please", "plz": "please", "plse": "please",
    "thx": "thanks", "thnx": "thanks", "ty": "thanks", "dr": "doctor", "drs": "doctors", "doc": "doctor",
    "docs": "doctors", "appt": "appointment", "appts": "appointments", "meds": "medication", "med": "medication",
    "rx": "prescription", "hosp": "hospital", "ppl": "people", "info": "information", "pic": "photo",
    "pics": "photos", "vid": "video", "vids": "videos", "msg": "message", "msgs": "messages", "txt": "text",
    "acct": "account", "b4": "before", "2day": "today", "tmrw": "tomorrow", "tmr": "tomorrow",
    "ig": "instagram", "insta": "instagram", "fb": "facebook", "yt": "youtube", "dms": "dm", "dmd": "dm",
    "dmed": "dm", "mum": "mom", "mummy": "mom", "mommy": "mom", "mama": "mom", "momma": "mom",
    "mother": "mom", "daddy": "dad", "papa": "dad", "father": "dad", "hubby": "husband", "wifey": "wife",
    "bro": "brother", "sis": "sister", "bf": "boyfriend", "gf": "girlfriend", "grandma": "grandmother",
    "granny": "grandmother", "nana": "grandmother", "grandpa": "grandfather", "gramps": "grandfather",
    "ambo": "ambulance", "cops": "police", "cop": "police", "fam": "family", "thru": "through",
    "hrs": "hours", "hr": "hour", "mins": "minutes", "wks": "weeks", "yrs": "years", "bday": "birthday",
    "lmk": "let know", "asap": "urgent", "covid19": "covid", "vax": "vaccine", "vaxx": "vaccine",
    "vaxxed": "vaccinated", "jab": "vaccine", "jabs": "vaccines", "er": "er", "ed": "er",
}

# Everyday words for the same kind of thing, so that a post and a scenario that name it differently
# still meet: "cough" and "symptoms", "Zelle" and "scam". Applied to the post and to the scenarios
# alike; the word itself counts too. General English, no names.
_CONCEPT_WORDS: dict[str, str] = {
    "symptom": "cough coughing fever fevers rash rashes headache headaches migraine nausea nauseous vomiting "
               "throwing dizzy dizziness sore swollen swelling itchy itching pain pains ache aching cramps cramping "
               "diarrhea congestion sneezing lump bump infection infected sick flu chills fatigue bruise bruising "
               "mole spots hives numb numbness tingling sprain sprained fracture",
    "medication": "ibuprofen tylenol advil motrin aspirin antibiotic antibiotics amoxicillin insulin metformin "
                  "lisinopril prednisone steroid steroids inhaler pill pills prescription prescriptions dose dosage "
                  "refill refills tablets cream ointment zoloft xanax adderall ozempic statin medicine medicines drug drugs",
    "vaccine": "vaccines vaccination vaccinations vaccinated booster boosters mmr immunization immunizations shots",
    "bill": "billed billing charge charged charges invoice statement copay deductible insurance refund payment "
            "payments owe owed collections overcharged",
    "job": "jobs hiring hire position positions openings apply applying application applications applied "
           "resume career careers recruiter recruiting onboarding",
    "legal": "lawyer lawyers attorney attorneys lawsuit sue suing sued court malpractice negligence negligent "
             "subpoena litigation settle settlement suit",
    "scam": "scammer scammers scammed fraud fraudulent phishing impersonating impersonation giveaway prize "
            "zelle venmo cashapp bitcoin crypto giftcard",
    "praise": "thank thanks thankful grateful amazing angel angels hero heroes wonderful awesome kindness "
              "shoutout appreciate appreciated appreciation incredible fantastic compassionate",
    "relative": "mom dad grandmother grandfather brother sister uncle aunt cousin son daughter husband wife "
                "boyfriend girlfriend nephew niece grandson granddaughter fiance partner",
    "portal": "mychart chart login password",
    "review": "reviews yelp stars star rating rated recommend recommended",
    "misinformation": "hoax conspiracy lies lie lying myth myths propaganda sheeple microchip microchips autism "
                      "cure cures miracle detox ivermectin hydroxychloroquine plandemic",
    "troll": "trolls trolling spam spamming spammer bot bots harass harassing harassment slur slurs",
    "rant": "terrible awful horrible worst disgusting garbage trash joke pathetic incompetent useless ridiculous "
            "sucks crap overpriced clowns unacceptable shameful disgrace",
    "appointment": "reschedule rescheduling cancel booking schedule scheduling scheduler cita checkup physical mammogram",
    "amenity": "parking park garage cafeteria food coffee sandwich meatloaf vending wifi",
    "media": "reporter reporters journalist journalists newspaper podcast producer press periodista entrevista",
}
CONCEPTS: dict[str, str] = {w: concept for concept, ws in _CONCEPT_WORDS.items() for w in ws.split()}

# Emoji that carry a meaning for triage (not 🔥 or 💀, which are slang for praise and laughter).
EMOJI: list[tuple[str, str]] = [
    ("💰", "money"), ("💵", "money"), ("💸", "money"), ("🤑", "money"), ("⭐", "star"), ("★", "star"),
    ("🌟", "star"), ("🔫", "gun"), ("🔪", "knife"), ("💣", "bomb"), ("🚑", "ambulance"), ("🚒", "fire truck"),
    ("🚓", "police"), ("🚔", "police"), ("🚨", "alarm"), ("💊", "pills"), ("💉", "vaccine"), ("🩸", "blood"),
    ("🤒", "sick"), ("🤢", "sick"), ("🤮", "sick"), ("😷", "sick"), ("💔", "heartbroken"), ("😡", "angry"),
    ("🤬", "angry"), ("👎", "bad"), ("❤", "love"), ("💙", "love"), ("💕", "love"), ("💖", "love"),
    ("😍", "love"), ("🥰", "love"), ("🏥", "hospital"), ("📰", "news"), ("📸", "photo"), ("📷", "photo"),
    ("🎥", "video"), ("👶", "baby"),
]

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_MARKS = re.compile("[\u0300-\u036f]")
_CAMEL = re.compile(r"([a-z])([A-Z])")
_WORD = re.compile(r"[a-z0-9]+")
_REPEAT = re.compile(r"([a-z])\1{2,}")
_DIGIT = re.compile(r"[0-9]")
_POSSESSIVE = re.compile(r"'s(?![a-z0-9])")


def fold(text: str) -> str:
    """Steps 1 to 4: the text, normalised, with emoji as words, without accents, in lower case."""
    t = normalise(text)
    for emoji, word in EMOJI:
        t = t.replace(emoji, " " + word + " ")
    t = _MARKS.sub("", unicodedata.normalize("NFD", t))
    t = _CAMEL.sub(r"\1 \2", t)
    return _POSSESSIVE.sub("", t.translate(_ASCII_LOWER)).replace("'", "")


def words(text: str, stop: frozenset[str] = STOP_WORDS, slang: dict[str, str] = SLANG,
          concepts: dict[str, str] = CONCEPTS) -> list[tuple[str, str]]:
    """Steps 5 to 9 on folded text: (term, the word as written) in order, stop words left out.
    A word with a concept (cough: symptom) gives its own term, then the concept's."""
    out: list[tuple[str, str]] = []
    for raw in _WORD.findall(fold(text)):
        token = _REPEAT.sub(r"\1", raw)
        for word in (slang[token].split() if token in slang else [token]):
            if word in stop or (len(word) == 1 and not word.isdigit()):
                continue
            term = word if _DIGIT.search(word) else stem(word)
            out.append((term, raw))
            if word in concepts:
                extra = stem(concepts[word])
                if extra != term:
                    out.append((extra, raw))
    return out


# ------------------------------------------------------------------ the Porter stemmer (1980)
# M.F. Porter, "An algorithm for suffix stripping", Program 14(3), 130-137. Written from the
# paper, as its ANSI C reference does it: in steps 2 to 4 the longest matching suffix decides,
# and when its condition fails no shorter suffix is tried. Words of one or two letters stay.

def _cons(w: str, i: int) -> bool:
    c = w[i]
    if c in "aeiou":
        return False
    if c == "y":
        return i == 0 or not _cons(w, i - 1)
    return True


def _measure(w: str) -> int:
    """m in [C](VC){m}[V]."""
    n, i, L = 0, 0, len(w)
    while i < L and _cons(w, i):
        i += 1
    while i < L:
        while i < L and not _cons(w, i):
            i += 1
        if i >= L:
            break
        n += 1
        while i < L and _cons(w, i):
            i += 1
    return n


def _has_vowel(w: str) -> bool:
    return any(not _cons(w, i) for i in range(len(w)))


def _double_cons(w: str) -> bool:
    return len(w) >= 2 and w[-1] == w[-2] and _cons(w, len(w) - 1)


def _cvc(w: str) -> bool:
    """*o: ends consonant-vowel-consonant, the last not w, x or y."""
    L = len(w)
    return L >= 3 and _cons(w, L - 3) and not _cons(w, L - 2) and _cons(w, L - 1) and w[-1] not in "wxy"


_STEP2 = [("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
          ("abli", "able"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
          ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
          ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble")]
_STEP3 = [("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", "")]
_STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism",
          "ate", "iti", "ous", "ive", "ize"]
# Longest suffix first, so that the longest match decides (ement before ment before ent).
_STEP2.sort(key=lambda p: -len(p[0]))
_STEP3.sort(key=lambda p: -len(p[0]))
_STEP4.sort(key=lambda s: -len(s))


def stem(w: str) -> str:
    if len(w) <= 2:
        return w
    # Step 1a
    if w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("ies"):
        w = w[:-2]
    elif w.endswith("ss"):
        pass
    elif w.endswith("s"):
        w = w[:-1]
    # Step 1b
    again = False
    if w.endswith("eed"):
        if _measure(w[:-3]) > 0:
            w = w[:-1]
    elif w.endswith("ed") and _has_vowel(w[:-2]):
        w, again = w[:-2], True
    elif w.endswith("ing") and _has_vowel(w[:-3]):
        w, again = w[:-3], True
    if again:
        if w.endswith(("at", "bl", "iz")):
            w += "e"
        elif _double_cons(w) and w[-1] not in "lsz":
            w = w[:-1]
        elif _measure(w) == 1 and _cvc(w):
            w += "e"
    # Step 1c
    if w.endswith("y") and _has_vowel(w[:-1]):
        w = w[:-1] + "i"
    # Step 2
    for suffix, repl in _STEP2:
        if w.endswith(suffix):
            if _measure(w[:-len(suffix)]) > 0:
                w = w[:-len(suffix)] + repl
            break
    # Step 3
    for suffix, repl in _STEP3:
        if w.endswith(suffix):
            if _measure(w[:-len(suffix)]) > 0:
                w = w[:-len(suffix)] + repl
            break
    # Step 4
    for suffix in _STEP4:
        if w.endswith(suffix):
            base = w[:-len(suffix)]
            if _measure(base) > 1 and (suffix != "ion" or base.endswith(("s", "t"))):
                w = base
            break
    # Step 5a
    if w.endswith("e"):
        base = w[:-1]
        m = _measure(base)
        if m > 1 or (m == 1 and not _cvc(base)):
            w = base
    # Step 5b
    if _measure(w) > 1 and _double_cons(w) and w.endswith("l"):
        w = w[:-1]
    return w
