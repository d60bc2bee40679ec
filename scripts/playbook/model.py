"""The playbook format, defined once.

The validator (pydantic) and the JSON Schema that editors use are both made
from these classes, so they cannot drift apart. Every model forbids unknown
keys, and every field and enum value carries a description.

Routing is kept apart from wording: trees point to nodes, replies and
contacts by id; text lives in its own fields.
"""
from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

# Ids are lower-case so that they read well in URLs and placeholders.
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20000)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200)]
# A duration such as 15m, 1h or 3d. Kept as text so that authors write it as they say it.
Duration = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]{0,3}[mhd]$")]
Url = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
# The only URL schemes a link may have: the check refuses others (PB208), and views turn others into "#".
URL_SCHEMES = ("https:", "http:", "mailto:", "tel:")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True, use_attribute_docstrings=True)


def described(enum_cls: type[Enum], docs: dict[str, str]) -> type[Enum]:
    enum_cls.__descriptions__ = docs  # read by schema.py to describe each value
    return enum_cls


class Platform(str, Enum):
    facebook = "facebook"
    instagram = "instagram"
    tiktok = "tiktok"
    x = "x"
    linkedin = "linkedin"
    youtube = "youtube"
    threads = "threads"
    google_reviews = "google-reviews"
    dm = "dm"


described(Platform, {
    "facebook": "Facebook comment",
    "instagram": "Instagram comment (links are not clickable)",
    "tiktok": "TikTok comment (150 characters; links are not clickable)",
    "x": "X (Twitter) reply, 280 weighted characters",
    "linkedin": "LinkedIn comment",
    "youtube": "YouTube comment",
    "threads": "Threads reply",
    "google-reviews": "Public reply to a Google (or Yelp) review",
    "dm": "Private direct message on any platform",
})

PLATFORM_LABELS: dict[str, str] = {
    "facebook": "Facebook", "instagram": "Instagram", "tiktok": "TikTok", "x": "X",
    "linkedin": "LinkedIn", "youtube": "YouTube", "threads": "Threads",
    "google-reviews": "Google review", "dm": "Direct message",
}


class Language(str, Enum):
    en = "en"
    es = "es"
    fr = "fr"
    pt = "pt"
    vi = "vi"
    zh = "zh"
    ko = "ko"
    tl = "tl"
    ht = "ht"
    ru = "ru"


described(Language, {
    "en": "English",
    "es": "Spanish (español)",
    "fr": "French (français)",
    "pt": "Portuguese (português)",
    "vi": "Vietnamese (Tiếng Việt)",
    "zh": "Chinese (中文)",
    "ko": "Korean (한국어)",
    "tl": "Tagalog",
    "ht": "Haitian Creole (Kreyòl ayisyen)",
    "ru": "Russian (русский)",
})

# How a language is named on the site, whose interface stays in English.
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English", "es": "Spanish", "fr": "French", "pt": "Portuguese", "vi": "Vietnamese",
    "zh": "Chinese", "ko": "Korean", "tl": "Tagalog", "ht": "Haitian Creole", "ru": "Russian",
}


class Category(str, Enum):
    negative_feedback = "negative-feedback"
    medical = "medical"
    safety = "safety"
    harassment = "harassment"
    misinformation = "misinformation"
    positive = "positive"
    reviews = "reviews"
    patient_services = "patient-services"
    media = "media"
    legal = "legal"
    security = "security"
    privacy = "privacy"
    operations = "operations"


described(Category, {
    "negative-feedback": "Negative comments, rants and complaints",
    "medical": "Medical questions and people who think they are talking to their doctor",
    "safety": "Emergencies, self-harm and threats to safety",
    "harassment": "Harassers, trolls and abuse",
    "misinformation": "False or misleading health claims",
    "positive": "Praise and thanks",
    "reviews": "Reviews on Google, Yelp and similar sites",
    "patient-services": "Records, billing and appointments",
    "media": "Reporters and media inquiries",
    "legal": "Threats of legal action and legal risk",
    "security": "Impersonation, scams and account security",
    "privacy": "Patient privacy, consent and patient stories",
    "operations": "Careers, crises and other operational matters",
})

CATEGORY_TITLES: dict[str, str] = {
    "negative-feedback": "Negative feedback", "medical": "Medical questions",
    "safety": "Emergencies and safety", "harassment": "Harassment and trolls",
    "misinformation": "Misinformation", "positive": "Praise", "reviews": "Reviews",
    "patient-services": "Records, billing and appointments", "media": "Media",
    "legal": "Legal", "security": "Impersonation and scams", "privacy": "Privacy and consent",
    "operations": "Operations and crises",
}


class Severity(str, Enum):
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"


described(Severity, {
    "low": "Routine; no risk beyond tone",
    "medium": "Needs care or a hand-off to another team",
    "high": "Privacy, legal or reputational risk; involve a lead",
    "critical": "Someone may be in danger or the law is at stake; act now",
})


class Action(str, Enum):
    reply = "reply"
    reply_privately = "reply-privately"
    hide = "hide"
    delete = "delete"
    leave = "leave"
    block = "block"
    report = "report"
    escalate = "escalate"
    moderate = "moderate"
    pause_posts = "pause-posts"


described(Action, {
    "reply": "Reply in public, once",
    "reply-privately": "Reply by direct message, not in public",
    "hide": "Hide the comment (the poster and their friends still see it)",
    "delete": "Delete the comment",
    "leave": "Leave it; do not reply",
    "block": "Block or ban the account",
    "report": "Report it to the platform",
    "escalate": "Hand it to the people named under notify",
    "moderate": "Apply the organisation's moderation policy from organization.yaml (hide, delete, or leave and reply once)",
    "pause-posts": "Pause every scheduled post on every channel until the lead says to resume",
})

# How each action reads on a page; `short` names the colours in the tree diagram's legend.
ACTION_LABELS: dict[str, str] = {
    "reply": "Reply", "reply-privately": "Reply privately", "hide": "Hide", "delete": "Delete",
    "leave": "Leave it, no reply", "block": "Block", "report": "Report to the platform",
    "escalate": "Escalate", "moderate": "Apply the moderation policy", "pause-posts": "Pause scheduled posts",
}
ACTION_SHORT_LABELS: dict[str, str] = {**ACTION_LABELS, "leave": "Leave it", "report": "Report"}


class Topic(str, Enum):
    medical = "medical"
    emergency = "emergency"
    self_harm = "self-harm"


described(Topic, {
    "medical": "The post asks for or hints at medical advice; the reply must point to a provider or a validated source",
    "emergency": "Someone may need emergency care; the reply must say to call 911",
    "self-harm": "Someone may be at risk of self-harm; the reply must give the 988 Lifeline",
})


class ModerationPolicy(str, Enum):
    hide = "hide"
    delete = "delete"
    leave_and_reply_once = "leave-and-reply-once"


described(ModerationPolicy, {
    "hide": "Hide abusive or persistently negative comments (after a screenshot)",
    "delete": "Delete abusive or persistently negative comments (after a screenshot)",
    "leave-and-reply-once": "Leave them up, reply once, and block only if it continues",
})

# The organisation's policy, as each page says it: its name, what the `moderate` action
# reads as in a tree, and the plain action it amounts to (for colours and practice mode).
POLICY_NAMES: dict[str, str] = {"hide": "Hide", "delete": "Delete", "leave-and-reply-once": "Leave it up and reply once"}
MODERATE_ACTION_TEXT: dict[str, str] = {
    "hide": "Hide it (our moderation policy)",
    "delete": "Delete it (our moderation policy)",
    "leave-and-reply-once": "Leave it up and reply once; block only if it continues (our moderation policy)",
}
MODERATE_RESOLVES_TO: dict[str, str] = {"hide": "hide", "delete": "delete", "leave-and-reply-once": "reply"}

# ---------------------------------------------------------------- organization


class ContactTranslation(Strict):
    """A contact's words in another language. A field left out is filled from the contact itself."""

    name: Optional[ShortText] = None
    """The name in this language, e.g. 'Relaciones con Pacientes'."""
    role: Optional[ShortText] = None
    """What they handle, in this language."""
    hours: Optional[ShortText] = None
    """When they can be reached, in this language, e.g. 'lunes a viernes, de 8 a. m. a 5 p. m.'."""


class Contact(Strict):
    """A person or team the responder can notify."""

    name: ShortText
    """Name of the team or person, as the responder should address them."""
    role: ShortText
    """What they handle, e.g. 'Complaints about care'."""
    email: Optional[ShortText] = None
    """Email address; shown as a mailto: link."""
    phone: Optional[ShortText] = None
    """Phone number; shown as a tel: link."""
    web_form: Optional[Url] = None
    """Address of a web form for this contact (https:)."""
    hours: Optional[ShortText] = None
    """When they can be reached, e.g. 'Mon–Fri 8am–5pm' or '24/7'."""
    translations: dict[Language, ContactTranslation] = {}
    """This contact's name, role and hours in other languages, by language id: placeholders such as {contacts.ID.hours} in a Spanish reply are filled from `es`."""


class LocationContact(Strict):
    """One contact as it is at one location: only the fields written here differ from organization.yaml's.

    A field left out keeps the organisation's value. A field written with no value
    (e.g. `web_form:`) means this location has none; name and role cannot be removed."""

    name: Optional[ShortText] = None
    """The contact's name at this location, e.g. 'Patient Relations, Children's Hospital'."""
    role: Optional[ShortText] = None
    """What they handle at this location."""
    email: Optional[ShortText] = None
    """Email address at this location; shown as a mailto: link."""
    phone: Optional[ShortText] = None
    """Phone number at this location; shown as a tel: link."""
    web_form: Optional[Url] = None
    """Address of this location's web form for the contact (https:)."""
    hours: Optional[ShortText] = None
    """When they can be reached at this location, e.g. 'Mon–Fri 8am–5pm'."""
    translations: dict[Language, ContactTranslation] = {}
    """This location's name, role and hours of the contact in other languages. Where the location changes a field but gives no translation of it, texts in every language use the location's value (right, if not in their language)."""

    @field_validator("name", "role", mode="before")
    @classmethod
    def _kept(cls, value):
        if value is None:
            raise ValueError("a location cannot remove a contact's name or role; leave the field out to keep the organisation's")
        return value


class Location(Strict):
    """A hospital, clinic or campus the team answers for. Its replies and contact cards use its own contacts and links."""

    id: Id
    """The location's id, e.g. childrens-hospital; `playbook export --location ID` and the site's picker use it."""
    name: ShortText
    """The location's name as responders know it, shown in the site's location picker."""
    contacts: dict[Id, LocationContact] = {}
    """Contacts that differ at this location, by the id they have in `contacts` above; only the fields written here change."""
    links: dict[Id, Optional[Url]] = {}
    """Links that differ at this location, by the id they have in `links` above; a link with no value means this location has none."""


class Policies(Strict):
    """The choices this organisation makes."""

    abusive_comments: ModerationPolicy
    """What to do with abusive or persistently negative comments."""
    review_interval_days: int = Field(ge=1, le=3650)
    """How many days a scenario's review stays valid before it is due again."""
    screenshot_before_moderating: bool = True
    """Whether a screenshot must be taken before hiding, deleting or blocking."""
    require_approval: bool = False
    """Whether every reply's exact text must be approved (playbook/approvals.yaml): when true, an unapproved or changed reply is an error and the site is not built."""


class Organization(Strict):
    """playbook/organization.yaml: who the organisation is, whom to call, and its policies."""

    name: ShortText
    """The organisation's name, used as {org.name}."""
    short_name: Optional[ShortText] = None
    """A shorter name for tight channels, used as {org.short_name}."""
    website: Optional[Url] = None
    """The main website, used as {org.website}."""
    contacts: dict[Id, Contact]
    """Contacts by id, e.g. patient_relations; used as {contacts.ID.email}."""
    links: dict[Id, Url] = {}
    """Links by id, e.g. find_a_doctor; used as {links.ID}."""
    policies: Policies
    """The organisation's chosen policies."""
    locations: list[Location] = []
    """The hospitals, clinics or campuses the team answers for, the default first. Each uses the contacts and links above except where it says otherwise. Leave out for one set of contacts."""
    languages: Optional[list[Language]] = Field(default=None, min_length=1)
    """The languages replies are written in, the default first, e.g. [en, es]. Each reply's own text is in the first; `translations` give the others. Left out: English only."""


# ---------------------------------------------------------------- scenarios


class Review(Strict):
    """When this scenario was last reviewed, and by whom."""

    date: dt.date
    """Date of the last review, YYYY-MM-DD."""
    by: ShortText
    """Who reviewed it (a name and role)."""


class Example(Strict):
    """A realistic example post that this scenario covers. Never use real patient data."""

    platform: Platform
    """Where the post appeared."""
    text: Text
    """The post, invented, as a responder would see it."""
    outcome: Id
    """The id of the outcome the playbook gives for this post (used in practice mode)."""


class Answer(Strict):
    """One answer to a question, and where it leads."""

    label: ShortText
    """The answer as the responder sees it, e.g. 'Yes'. Always read as text."""
    next: Id
    """Id of the next question or outcome."""


class Question(Strict):
    """A question the responder answers about the post."""

    text: ShortText
    """The question, e.g. 'Does the post mention self-harm or an emergency?'"""
    help: Optional[Text] = None
    """Optional guidance to help answer."""
    answers: list[Answer] = Field(min_length=1)
    """The possible answers, in the order they are shown."""


class Outcome(Strict):
    """Where a path through the tree ends: what to do."""

    title: ShortText
    """A short statement of what to do, e.g. 'Reply once and take it offline'."""
    actions: list[Action]
    """What to do, in order. The first is the main action."""
    reply: Optional[Id] = None
    """Id of the reply to use, from this scenario's replies."""
    notify: list[Id] = []
    """Ids of contacts to notify, from organization.yaml."""
    deadline: Optional[Duration] = None
    """How soon to act, e.g. 15m, 1h; defaults to the scenario's response_time."""
    log: Optional[Text] = None
    """What to record, and where."""
    avoid: list[Text] = []
    """What not to do."""
    why: Optional[Text] = None
    """Why this is the right thing to do (shown in practice mode)."""
    about: list[Topic] = []
    """What this outcome deals with; the compliance guard checks that its reply redirects accordingly."""
    see: list[Id] = []
    """Ids of other scenarios to continue with, e.g. [emergency-self-harm]; shown as links."""


class Tree(Strict):
    """The decision tree: questions lead by id to other questions or to outcomes."""

    start: Id
    """Id of the first question."""
    questions: dict[Id, Question] = {}
    """Questions by id."""
    outcomes: dict[Id, Outcome]
    """Outcomes by id."""


class Allowance(Strict):
    """A reviewed exception to one compliance rule."""

    rule: Id
    """The id of the rule from compliance.yaml."""
    reason: Text
    """Why this reply may break the rule."""
    approved_by: ShortText
    """Who approved the exception."""


class ReplyTranslation(Strict):
    """A reply in another language: the same texts, translated, with the same placeholders and as many [blanks]."""

    title: ShortText
    """What the reply is for, in this language (the title of this language's rows in the export)."""
    text: Text
    """The default text, translated."""
    variants: dict[Platform, Text] = {}
    """The platform variants, translated: one for each variant the reply has, keyed by platform id."""


class Reply(Strict):
    """A reply ready to copy, with optional variants for each platform."""

    title: ShortText
    """What the reply is for, e.g. 'Take a care complaint offline'."""
    text: Text
    """The default text. May contain placeholders such as {contacts.patient_relations.email} and blanks such as [first name]."""
    variants: dict[Platform, Text] = {}
    """Platform-specific versions, keyed by platform id."""
    allow: list[Allowance] = []
    """Reviewed exceptions to compliance rules."""
    translations: dict[Language, ReplyTranslation] = {}
    """The reply in the other languages organization.yaml declares, by language id, e.g. es."""


class Scenario(Strict):
    """playbook/scenarios/ID.yaml: one situation a responder meets, and what to do."""

    id: Id
    """The scenario id; must match the file name."""
    title: ShortText
    """The scenario's title, e.g. 'A negative comment or rant'."""
    summary: Text
    """One or two sentences: what this is and the gist of the response."""
    category: Category
    """Where it is listed."""
    channels: list[Platform] = Field(min_length=1)
    """The channels where this scenario happens."""
    severity: Severity
    """How serious it is."""
    response_time: Duration
    """How soon to act, e.g. 1h, 24h."""
    keywords: list[ShortText] = []
    """Words and phrases a responder might type into search."""
    owner: Id
    """Contact id of the team that owns this scenario."""
    review: Review
    """When it was last reviewed, and by whom."""
    examples: list[Example] = Field(min_length=1)
    """One or more realistic, invented example posts."""
    tree: Tree
    """The decision tree."""
    replies: dict[Id, Reply] = {}
    """Replies by id."""


# ---------------------------------------------------------------- approvals

# SCENARIO/REPLY, e.g. negative-comment/offline.
REPLY_REF_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}/[a-z0-9][a-z0-9_-]{0,63}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"


class Approval(Strict):
    """One sign-off: who approved the exact text of one reply, and when. Written by `playbook approve`."""

    reply: Annotated[str, StringConstraints(pattern=REPLY_REF_PATTERN)]
    """The reply, as SCENARIO/REPLY, e.g. negative-comment/offline."""
    text_sha256: Annotated[str, StringConstraints(pattern=SHA256_PATTERN)]
    """SHA-256 of every text of the reply (default, platform variants, translations) as approved; see docs/decisions/011-approvals.md."""
    by: ShortText
    """Who approved it, as 'Name, Role'."""
    date: dt.date
    """The day it was approved, YYYY-MM-DD."""


class Approvals(Strict):
    """playbook/approvals.yaml: the approval ledger. `playbook approve` appends to it; old entries are never rewritten."""

    approvals: list[Approval] = []
    """Every approval, oldest first."""


# ---------------------------------------------------------------- compliance


class RuleSeverity(str, Enum):
    error = "error"
    warning = "warning"


described(RuleSeverity, {
    "error": "Blocks the playbook check and is shown in red",
    "warning": "Reported, but does not block",
})


# A regular expression in the portable subset; may name vocabulary classes as {vocab:ID}.
Pattern = Annotated[str, StringConstraints(min_length=1, max_length=2000)]


class Vocabulary(Strict):
    """A named class of words (e.g. procedures, medicines, relatives) that patterns refer to as {vocab:ID}."""

    description: Text
    """What the class holds and which rules use it."""
    source: Text
    """Where the terms come from (a maintained list, or 'curated by hand' with the reason)."""
    licence: ShortText
    """The licence of the source the terms were taken from."""
    plurals: bool = False
    """Also match the regular plural of every term, in the language of the rules that hold the class (English: visit: visits, biopsy: biopsies; Spanish: cita: citas, dolor de cabeza: dolores de cabeza)."""
    terms: list[ShortText]
    """The words or phrases, in lower case: ASCII letters, digits, spaces, and ' - . & / + only. A space matches any run of spaces; a hyphen also matches a space or nothing (check-up: check up, checkup)."""


class Rule(Strict):
    """A compliance rule: words a reply must not contain."""

    id: Id
    """A stable id, e.g. confirms-care-relationship."""
    severity: RuleSeverity
    """How serious a match is."""
    phrases: list[ShortText] = []
    """Literal phrases, matched case-insensitively on word boundaries."""
    patterns: list[Pattern] = []
    """Regular expressions (a subset that works the same in Python and JavaScript), case-insensitive. {vocab:ID} stands for any term of that vocabulary class."""
    why: Text
    """Why this is a problem, naming the case or policy it comes from."""
    instead: Text
    """What to write instead."""


class Exemption(Strict):
    """Wording that is fine even though a rule matches inside it, e.g. a generic redirect ("talk with your doctor about your medication")."""

    why: Text
    """Why text of this kind is safe to post."""
    rules: list[Id] = []
    """The rules it exempts from; empty means every rule."""
    patterns: list[Pattern]
    """Regular expressions (same subset as rules, {vocab:ID} allowed). A finding that lies wholly inside a match of one of them is not reported."""


class LanguageRules(Strict):
    """Compliance for texts in one more language: its own vocabulary, rules, exemptions and redirects, written as at the top of compliance.yaml. Translations in this language, `playbook lint --lang LANG` and the draft page with this language picked use these rules (not the ones at the top); texts are matched with their accents dropped (médico reads as medico), so write patterns and terms without accents."""

    vocabulary: dict[Id, Vocabulary] = {}
    """Vocabulary classes of this language by id; its patterns may also name the classes at the top. An id may not repeat one at the top."""
    rules: list[Rule] = []
    """The rules for texts in this language. A rule with the same id as one at the top is the same rule in this language: a reply's reviewed exception (`allow`) covers both."""
    exemptions: dict[Id, Exemption] = {}
    """Safe wording in this language by id: findings of this language's rules wholly inside a match are dropped."""
    redirects: dict[Topic, list[ShortText]] = {}
    """For each outcome topic, regular expressions of which a text in this language must match at least one. A topic left out uses the redirects above."""


class Compliance(Strict):
    """playbook/compliance.yaml: the rules every reply is checked against."""

    vocabulary: dict[Id, Vocabulary] = {}
    """Vocabulary classes by id, referred to in patterns as {vocab:ID}."""
    rules: list[Rule]
    """The rules."""
    exemptions: dict[Id, Exemption] = {}
    """Safe wording by id: findings wholly inside a match are dropped."""
    redirects: dict[Topic, list[ShortText]] = {}
    """For each outcome topic, regular expressions of which a reply must match at least one."""
    language: Language = "en"
    """The language of the rules and redirects above (en when left out); texts in other languages are checked with `languages`."""
    languages: dict[Language, LanguageRules] = {}
    """Rules for texts in other languages, by language id, e.g. es."""
    learned_check: bool = False
    """Whether the learned check runs under the rules (docs/decisions/020-learned-check.md): a model shipped with the engine, trained on labelled replies in English and Spanish. When no rule matches a text that reads like a violation, it reports `resembles-known-violations` (a warning, naming the words that weigh most); on a text that reads as clean, it drops the findings of the bundled rules of the three families (patient confirmation, disclosure, medical advice). A reply's `allow` may name `resembles-known-violations`."""


# ---------------------------------------------------------------- danger screen


class DangerKind(str, Enum):
    self_harm = "self-harm"
    medical_emergency = "medical-emergency"
    violence = "violence"
    active_crisis = "active-crisis"


described(DangerKind, {
    "self-harm": "Suicide or self-harm, said outright or hinted at (hopelessness, farewells, giving things away)",
    "medical-emergency": "Someone needs emergency care now (collapsed, not breathing, chest pain, overdose)",
    "violence": "A threat to hurt someone, open or veiled",
    "active-crisis": "Something dangerous is happening now (shooting, fire, lockdown, evacuation)",
})


# Danger patterns list many word forms at once, so they may be longer than other short texts.
DangerPattern = Annotated[str, StringConstraints(min_length=1, max_length=1000)]


class DangerSignal(Strict):
    """One group of danger signals: words that put a crisis scenario first in the "What came in?" box."""

    id: Id
    """A stable id, e.g. self-harm-indirect."""
    kind: DangerKind
    """What kind of danger these words signal."""
    label: ShortText
    """What the responder reads on the banner's first line, e.g. 'Possible suicide or self-harm'."""
    scenario: Id
    """Id of the crisis scenario to put first when any of these words appear, e.g. emergency-self-harm."""
    banner: Text
    """What to do now, shown on the crisis banner above the suggestions."""
    phrases: list[ShortText] = []
    """Literal phrases, matched case-insensitively as whole words; any run of spaces matches any whitespace."""
    patterns: list[DangerPattern] = []
    """Regular expressions (the portable subset, as in compliance.yaml), case-insensitive and whole-word; use them for typos, slang and word order."""
    examples: list[ShortText] = []
    """Invented posts that must set off this signal; `playbook check` fails if one does not (PB905)."""


class Danger(Strict):
    """playbook/danger.yaml: the danger screen that runs before any suggestion in the "What came in?" box."""

    signals: list[DangerSignal] = Field(min_length=1)
    """The signal groups. When several fire, their scenarios are ordered by how well the post matches them."""
    learned_screen: bool = False
    """Whether the learned screen runs under the phrase lists (docs/decisions/020-learned-check.md): a model shipped with the engine, trained on labelled posts, that fires the first signal of a danger kind when a post reads like a crisis of that kind and no signal of the kind has fired. Its label says it was read from the post's words."""
    learned_ranking: bool = False
    """Whether the box's ranking adds a learned model to BM25F (docs/decisions/021-learned-ranking.md): a model shipped with the engine, trained on labelled posts of the bundled scenarios, that reads which scenario a post is about. It knows scenarios by id: leave it off when your scenarios mean something else under the bundled ids."""
