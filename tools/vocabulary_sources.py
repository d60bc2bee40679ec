"""Regenerate the vocabulary classes of playbook/compliance.yaml that come from maintained lists.

    python tools/vocabulary_sources.py --wordnet DIR --names DIR --dict FILE [--write]

Sources (read at development time only; nothing is read at run time):
- WordNet 3.0 (Princeton University; WordNet 3.0 licence, permissive with notice), as in
  Debian's `wordnet-base` package (DIR = /usr/share/wordnet): every noun below a few
  medical synsets (symptom, disease, illness, disorder, injury, medicine, medical
  procedure, surgery, treatment, medical care, therapy), and body parts.
- First names of the 1990 US Census (public domain), as bundled in the PyPI package
  `names` 0.3.0 (DIR = the package's folder with dist.female.first, dist.male.first).
- The SCOWL word list of Debian's `wamerican` (FILE = /usr/share/dict/american-english;
  SCOWL licence, permissive) is used only as a filter (common English words out of the
  names; body parts kept only when every word is an everyday one); none of its words is copied.

A WordNet term is kept when it is plain ASCII, at most two words, has no digits, and (for
one word) has no verb, adjective or adverb sense and no noun sense outside the medical
synsets, so words such as "cold", "fix" or "spots" stay out; then EXCLUDE takes out
veterinary terms, slang and abbreviations that mean other things in social media text.
A first name is kept when it is among the most frequent (FEMALE_TOP, MALE_TOP) and is not
a common English word in lower case ("will", "rose", "grace" stay out).

With --write, the generated classes replace the text between the
"# BEGIN generated vocabulary" and "# END generated vocabulary" lines of
playbook/compliance.yaml; without it they are printed.
"""
from __future__ import annotations

import argparse
import collections
import re
import sys
import textwrap
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
COMPLIANCE = ROOT / "playbook" / "compliance.yaml"
BEGIN, END = "  # BEGIN generated vocabulary", "  # END generated vocabulary"

WORDNET_CLASSES = {
    # class id: (description, WordNet 3.0 noun synset offsets whose hyponyms are taken)
    "wordnet-symptoms": ("Symptoms and signs: WordNet hyponyms of symptom (n. 14299637).", ["14299637"]),
    "wordnet-conditions": ("Diseases, disorders and injuries: WordNet hyponyms of disease, illness, disorder "
                           "(medical sense) and injury (n. 14070360, 14061805, 14052403, 14285662).",
                           ["14070360", "14061805", "14052403", "14285662"]),
    "wordnet-medicines": ("Medicines by generic and brand name: WordNet hyponyms of medicine/medication (n. 03740161).",
                          ["03740161"]),
    "wordnet-procedures": ("Medical and surgical procedures and treatments: WordNet hyponyms of medical procedure, "
                           "surgery, treatment, medical care and therapy (n. 01024392, 00671351, 00658082, 00657604, 00661091).",
                           ["01024392", "00671351", "00658082", "00657604", "00661091"]),
    "wordnet-body-parts": ("Organs and other body parts in everyday English: WordNet hyponyms of body part (n. 05220461) "
                           "whose every word is in the SCOWL word list (so gallbladder and collarbone, not arteria "
                           "ophthalmica); animal parts and slang left out.", ["05220461"]),
}
# Classes whose terms must be everyday words: every word of a term in the SCOWL list (--dict).
EVERYDAY_ONLY = {"wordnet-body-parts"}
# Noun synsets whose senses count as medical when deciding whether a one-word term is unambiguous.
MEDICAL_ROOTS = ["14299637", "14070360", "14061805", "14052403", "14285662", "03740161", "01024392", "00671351",
                 "00658082", "00657604", "00661091", "05220461", "03739693", "10165109", "03247620"]
EXCLUDE = set("""
aaa ada-scid als amd ards bse cjd dle enl iddm lgv le nec ngu niddm nsu pid pku scid sle sars t.b. vd fas mbd sids
bends bighead blackwater bluetongue camelpox cowpox dieback fantods folie frenzy heartrot heaves hickey locoism
maidism mayidism mooneye murrain rinderpest scours scrapie spavin staggers strangles trembles gummosis pinkroot
crack-up collywobbles hurting smarting gripes griping altering drugging flooding binding fix taxis physic
medicament modality neutering spaying vivisection unwellness ailment disease illness treatment therapy medication
spots tic lues syph lyssa ozaena ozena pox cupping rubdown sterilisation sterilization irrigation chlorination
fluoridation fluoridisation fluoridization nip and tuck interference trauma growth
""".split())
# Body parts left out: animals' and plants' parts, slang, and phrases that are mostly not about a body.
BODY_EXCLUDE = set("""
antler buns craw dug fanny fist flab gizzard hooks jowl lat maw noggin paunch pastern pecs snout talon teat tush udder
withers receptor orifice papilla follicle vesicle ganglion plexus cortex sinus ventricle vitals organelle physiognomy
proboscis wishbone croup cuspid hindquarters haunch loins entrails innards privates
""".split())
EXCLUDE_PHRASES = {"the shits", "the trots", "montezuma's revenge", "passion of christ", "wasting away", "cutting out",
                   "token economy", "implosion therapy", "electric healing", "electrical healing", "ionic medication",
                   "medical care", "medical aid", "hospital care", "nursing care", "primary care", "intensive care",
                   "giving medication", "g-jo", "infant death", "cot death", "crib death", "mask of pregnancy",
                   "black tongue", "furry tongue", "hairy tongue", "skin eruption", "side effect"}
BODY_EXCLUDE |= {"animal foot", "animal leg", "animal tissue", "bay window", "bear claw", "bird's foot", "book lung",
                   "bull neck", "cannon bone", "caudal appendage", "caudal fin", "cheek pouch", "cloven foot", "cloven hoof",
                   "compound eye", "dorsal fin", "family jewels", "fetlock joint", "fetter bone", "first stomach",
                   "fore wing", "foreleg", "fourth stomach", "gastric mill", "gill arch", "gill bar", "gill cleft",
                   "gill slit", "green gland", "hind end", "hind leg", "hind limb", "horse's foot", "invertebrate foot",
                   "lateral line", "leaf node", "left hand", "right hand", "love handle", "meat hooks", "naked eye",
                   "pectoral fin", "pelvic fin", "plant process", "preen gland", "private parts", "pudding face",
                   "puppy fat", "rear end", "second stomach", "shank's mare", "shank's pony", "silk gland", "spare tire",
                   "stinging hair", "swim bladder", "tail end", "tail fin", "third eye", "third eyelid", "third stomach",
                   "tube foot", "ventral fin", "vertebrate foot", "wasp waist", "webbed foot", "wing case", "wishing bone",
                   "air bladder", "crazy bone", "funny bone", "clenched fist", "double chin", "lantern jaw", "hawk nose",
                   "pug nose", "roman nose", "erogenous zone", "pressure point", "soft spot", "yellow spot", "waistline",
                   "tummy", "root canal", "bare bone", "end organ", "target organ", "air cell", "flame cell"}
FEMALE_TOP, MALE_TOP = 700, 400
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"}


def read_wordnet(folder: Path):
    syn, hypo, index = {}, collections.defaultdict(set), collections.defaultdict(list)
    for line in (folder / "data.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        f = line.split("|", 1)[0].split()
        off, n = f[0], int(f[3], 16)
        words = [f[4 + 2 * i].lower() for i in range(n)]
        i = 4 + 2 * n
        for _ in range(int(f[i])):
            sym, target, pos = f[i + 1:i + 4]
            if sym in ("~", "~i") and pos == "n":
                hypo[off].add(target)
            i += 4
        syn[off] = words
        for w in words:
            index[w].append(off)
    other = set()
    for pos in ("verb", "adj", "adv"):
        for line in (folder / f"index.{pos}").read_text(encoding="latin-1").splitlines():
            if not line.startswith(" "):
                other.add(line.split()[0])
    return syn, hypo, index, other


def below(hypo, roots) -> set:
    seen, todo = set(), list(roots)
    while todo:
        off = todo.pop()
        if off not in seen:
            seen.add(off)
            todo.extend(hypo[off])
    return seen


def wordnet_terms(folder: Path, everyday: Optional[set] = None) -> dict[str, list[str]]:
    """Each WordNet class's terms; `everyday` (lower-case words of a general word list) filters EVERYDAY_ONLY classes."""
    syn, hypo, index, other = read_wordnet(folder)
    medical = below(hypo, MEDICAL_ROOTS)
    out = {}
    for cid, (_, roots) in WORDNET_CLASSES.items():
        terms = set()
        for off in below(hypo, roots):
            for w in syn[off]:
                if not w.isascii() or "(" in w or re.search(r"\d", w) or len(w.split("_")) > 2:
                    continue
                term = w.replace("_", " ")
                if "_" not in w and (w in other or any(o not in medical for o in index[w])):
                    continue
                if term in EXCLUDE or term in EXCLUDE_PHRASES or not re.fullmatch(r"[a-z][a-z' .-]*", term):
                    continue
                if cid in EVERYDAY_ONLY and (term in BODY_EXCLUDE or not (everyday and all(p in everyday for p in term.split()))):
                    continue
                terms.add(term)
        out[cid] = sorted(terms)
    return out


def census_names(folder: Path, dictionary: Path) -> list[str]:
    common = {w for w in dictionary.read_text(encoding="utf-8").split() if w.islower()}
    names = set()
    for fname, top in (("dist.female.first", FEMALE_TOP), ("dist.male.first", MALE_TOP)):
        for line in (folder / fname).read_text(encoding="ascii").splitlines()[:top]:
            name = line.split()[0].lower()
            if name not in common and name not in MONTHS and len(name) > 2:
                names.add(name)
    return sorted(names)


def yaml_block(cid: str, description: str, source: str, licence: str, terms: list[str], plurals: bool) -> str:
    body = textwrap.fill(", ".join(f"'{t}'" if "'" not in t else f'"{t}"' for t in terms), width=110,
                         initial_indent="      ", subsequent_indent="      ", break_on_hyphens=False, break_long_words=False)
    return (f"  {cid}:\n    description: >-\n" + textwrap.fill(description, 100, initial_indent="      ", subsequent_indent="      ")
            + f"\n    source: >-\n" + textwrap.fill(source, 100, initial_indent="      ", subsequent_indent="      ")
            + f"\n    licence: {licence}\n" + ("    plurals: true\n" if plurals else "")
            + f"    terms: [\n{body}]\n")


def generate(wordnet: Path, names: Path, dictionary: Path) -> str:
    blocks = [BEGIN + " (tools/vocabulary_sources.py; edit that script, not these lines)\n"]
    wn_source = ("WordNet 3.0 (Princeton University), Debian package wordnet-base 1:3.0; one-word terms with any "
                 "non-medical sense left out, then hand exclusions (tools/vocabulary_sources.py).")
    everyday = {w for w in dictionary.read_text(encoding="utf-8").split() if w.islower()}
    for cid, terms in wordnet_terms(wordnet, everyday).items():
        blocks.append(yaml_block(cid, WORDNET_CLASSES[cid][0], wn_source, "WordNet 3.0 licence (permissive, with notice)",
                                 terms, plurals=cid != "wordnet-medicines"))
    blocks.append(yaml_block(
        "first-names", "Common first names, for a name used to address the person (names-the-person).",
        f"1990 US Census frequent first names (top {FEMALE_TOP} female, {MALE_TOP} male), as bundled in the PyPI package "
        "names 0.3.0; names that are common lower-case English words (SCOWL, Debian wamerican) left out.",
        "public domain (US Census Bureau data)", census_names(names, dictionary), plurals=False))
    return "".join(blocks) + END + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    ap.add_argument("--names", type=Path, required=True)
    ap.add_argument("--dict", type=Path, default=Path("/usr/share/dict/american-english"))
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    text = generate(args.wordnet, args.names, args.dict)
    if not args.write:
        sys.stdout.write(text)
        return 0
    old = COMPLIANCE.read_text(encoding="utf-8")
    start, end = old.index(BEGIN), old.index(END) + len(END) + 1
    COMPLIANCE.write_text(old[:start] + text + old[end:], encoding="utf-8")
    print(f"rewrote the generated vocabulary in {COMPLIANCE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
