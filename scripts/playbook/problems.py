"""Problems that `playbook check` reports, each with a stable code.

A code never changes meaning once published. All codes are in this one table. Each code has one fixture under
tests/fixtures/codes/ named after it, and a test asserts the fixture gives it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"

# code -> (severity, one-line meaning). Add new codes at the end of a group.
CODES: dict[str, tuple[str, str]] = {
    # files and YAML
    "PB100": (ERROR, "file cannot be read (I/O error)"),
    "PB101": (ERROR, "file is not valid UTF-8 text"),
    "PB102": (ERROR, "file is binary"),
    "PB103": (ERROR, "file is too large"),
    "PB104": (ERROR, "file is empty"),
    "PB105": (ERROR, "YAML syntax error"),
    "PB106": (ERROR, "more than one YAML document in a file"),
    "PB107": (ERROR, "top level is not a mapping"),
    "PB108": (ERROR, "duplicate key"),
    "PB109": (ERROR, "YAML tag not allowed"),
    "PB110": (ERROR, "YAML aliases expand too much (alias bomb)"),
    "PB111": (ERROR, "YAML nested too deeply"),
    "PB112": (ERROR, "required file missing"),
    "PB113": (ERROR, "mapping key is not a string"),
    # the format (from the model)
    "PB200": (ERROR, "unknown field"),
    "PB201": (ERROR, "required field missing"),
    "PB202": (ERROR, "wrong type"),
    "PB203": (ERROR, "value not allowed (not one of the choices)"),
    "PB204": (ERROR, "value has the wrong form"),
    "PB205": (ERROR, "list or text too short or too long"),
    "PB206": (ERROR, "scenario id does not match its file name"),
    "PB207": (ERROR, "scenario id used by more than one file"),
    "PB208": (ERROR, "URL scheme not allowed (use https:, http:, mailto: or tel:)"),
    # references
    "PB300": (ERROR, "reply not defined"),
    "PB301": (ERROR, "contact not defined"),
    "PB302": (ERROR, "link not defined"),
    "PB303": (ERROR, "unknown placeholder"),
    "PB304": (WARNING, "reply not used by any outcome"),
    "PB305": (ERROR, "example points to an outcome that does not exist"),
    "PB306": (ERROR, "outcome that replies has no reply"),
    "PB307": (ERROR, "reply names a platform that is not one of the scenario's channels"),
    "PB308": (ERROR, "malformed placeholder"),
    "PB309": (ERROR, "outcome points to a scenario that does not exist"),
    "PB310": (ERROR, "moderation policy is to reply once, but outcomes that apply it have no reply"),
    # locations (organization.yaml `locations:`)
    "PB320": (ERROR, "location changes a contact or link that organization.yaml does not define"),
    "PB321": (ERROR, "location id used by more than one location"),
    "PB322": (ERROR, "placeholder has a value at some locations but not at others"),
    # the tree as a graph
    "PB400": (ERROR, "tree start does not exist"),
    "PB401": (ERROR, "answer leads to a node that does not exist"),
    "PB402": (ERROR, "node cannot be reached from the start"),
    "PB403": (ERROR, "tree has a cycle"),
    "PB404": (ERROR, "path does not end in an outcome"),
    "PB405": (ERROR, "outcome does not say what to do"),
    "PB406": (ERROR, "same id used for a question and an outcome"),
    "PB407": (WARNING, "question has only one answer"),
    "PB408": (ERROR, "two answers of one question have the same label"),
    "PB409": (WARNING, "tree is deeper than 6 questions on some path"),
    # governance
    "PB500": (WARNING, "review is overdue"),
    "PB501": (ERROR, "review date is in the future"),
    # copy-ready replies, per platform
    "PB600": (ERROR, "reply variant is longer than its platform allows"),
    "PB601": (WARNING, "reply is at 90% or more of its platform's limit"),
    "PB602": (WARNING, "link in an Instagram or TikTok reply, where links are not clickable"),
    "PB603": (WARNING, "blank to fill in, in a reply for a public comment"),
    "PB604": (WARNING, "default text is longer than a channel without its own variant allows"),
    # translations (languages declared in organization.yaml)
    "PB620": (ERROR, "translation into a language organization.yaml does not declare as another language"),
    "PB621": (WARNING, "reply has no translation into a declared language (or not of every variant)"),
    "PB622": (ERROR, "reply used for an emergency or self-harm has no translation into a declared language"),
    "PB623": (ERROR, "translation's placeholders differ from the original's"),
    "PB624": (ERROR, "translation has a different number of [blanks] than the original"),
    "PB625": (ERROR, "translated variant is longer than its platform allows"),
    "PB626": (WARNING, "translated default text is longer than a channel without its own variant allows"),
    "PB627": (WARNING, "link in a translation for Instagram or TikTok, where links are not clickable"),
    "PB628": (ERROR, "translated variant for a platform the reply has no variant for"),
    "PB629": (ERROR, "language listed twice in organization.yaml"),
    "PB630": (WARNING, "location changes a contact's name, role or hours without the translation the organisation's has"),
    # compliance
    "PB700": (ERROR, "reply breaks a compliance rule (severity error)"),
    "PB701": (WARNING, "reply breaks a compliance rule (severity warning)"),
    "PB702": (ERROR, "compliance pattern is not a valid regular expression"),
    "PB703": (ERROR, "compliance pattern uses a construct that differs between Python and JavaScript"),
    "PB704": (ERROR, "reply allows an exception to a rule that does not exist"),
    "PB705": (ERROR, "outcome about a medical question, emergency or self-harm has no reply that redirects"),
    "PB706": (ERROR, "compliance rule id used twice"),
    "PB707": (WARNING, "reviewed exception is not needed (the rule does not match the reply)"),
    "PB708": (ERROR, "compliance rule has no phrases and no patterns"),
    "PB709": (ERROR, "compliance pattern refers to a vocabulary class that does not exist"),
    "PB710": (ERROR, "vocabulary term uses characters that terms may not contain"),
    "PB711": (ERROR, "compliance exemption names a rule that does not exist"),
    "PB712": (ERROR, "a language's vocabulary class repeats the id of a class at the top of compliance.yaml"),
    "PB713": (WARNING, "compliance pattern starts or ends with a space, so it never matches beside a word"),
    # the danger screen of the "What came in?" box (danger.yaml)
    "PB900": (ERROR, "danger signal names a scenario that does not exist"),
    "PB901": (ERROR, "danger phrase or pattern is not a valid regular expression"),
    "PB902": (ERROR, "danger pattern uses a construct that differs between Python and JavaScript"),
    "PB903": (ERROR, "danger signal id used twice"),
    "PB904": (ERROR, "danger signal has no phrases and no patterns"),
    "PB905": (ERROR, "danger signal example does not set off its signal"),
    "PB906": (WARNING, "danger pattern starts or ends with a space, so it never matches beside a word"),
    # approvals bound to the exact text (approvals.yaml); PB802/PB803 replace PB800/PB801 under require_approval
    "PB800": (WARNING, "reply is not approved"),
    "PB801": (WARNING, "reply text changed since it was approved"),
    "PB802": (ERROR, "reply is not approved, and the organisation requires approval"),
    "PB803": (ERROR, "reply text changed since it was approved, and the organisation requires approval"),
    "PB804": (WARNING, "approval names a reply that does not exist"),
    "PB805": (ERROR, "approval is dated in the future"),
}


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str = field(default="", compare=False)

    @property
    def severity(self) -> str:
        return CODES[self.code][0]

    def format(self) -> str:
        """One line, `path:line:col: CODE message (hint)`. Text from the playbook quoted in a message (an
        approver's name, say) may hold line breaks: they become spaces, so no line of the output can pass
        for another problem or for a CI command such as GitHub's `::error::`."""
        text = f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"
        if self.severity == WARNING:
            text = f"{self.path}:{self.line}:{self.col}: {self.code} warning: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return _LINE_BREAKS.sub(" ", text)


# Everything str.splitlines() breaks a line at.
_LINE_BREAKS = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")

