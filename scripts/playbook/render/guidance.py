"""The moderation policy page: generated, because it shows the policy the
organisation chose in organization.yaml (policies.abusive_comments), and the
scenarios whose outcomes apply it (the `moderate` action).

The rest of the guidance is hand-written Markdown in docs/guidance/.
"""
from __future__ import annotations

from .. import model
from ..load import Playbook
from ..model import ModerationPolicy
from .html import attr, esc, front_matter, rel
from .scenario_page import scenario_src

SRC = "guidance/moderation-policy.md"

# What each choice means in practice, step by step. Kept with the code that
# shows it so the page and the `moderate` action (render/tree.py) agree.
POLICY_STEPS: dict[str, list[str]] = {
    "hide": [
        "Take a screenshot of the comment, the account name and the time.",
        "Hide the comment. The poster and their friends still see it, so they are not provoked into posting again.",
        "Do not reply to the abuse itself.",
        "If it continues, block the account and report it to the platform.",
    ],
    "delete": [
        "Take a screenshot of the comment, the account name and the time.",
        "Delete the comment. It disappears for everyone, including the poster, who may notice and post again.",
        "Do not reply to the abuse itself.",
        "If it continues, block the account and report it to the platform.",
    ],
    "leave-and-reply-once": [
        "Take a screenshot of the comment, the account name and the time.",
        "Leave the comment up, and reply once, calmly, with a way to reach us offline.",
        "Do not reply a second time, however the thread goes.",
        "If it continues or turns into threats or hate speech, block the account and report it to the platform.",
    ],
}

POLICY_NAMES = {"hide": "Hide", "delete": "Delete", "leave-and-reply-once": "Leave it up and reply once"}


def _chosen(org: model.Organization) -> str:
    policy = org.policies.abusive_comments
    steps = list(POLICY_STEPS[policy])
    if not org.policies.screenshot_before_moderating:
        steps = steps[1:]
    items = "".join(f"<li>{esc(s)}</li>" for s in steps)
    shot = ("A screenshot comes first, always: a deleted comment is gone for good, and a hidden one can be "
            "deleted by its author before legal, security or the police ask for it."
            if org.policies.screenshot_before_moderating else
            "Our policy does not require a screenshot before moderating; take one anyway when a post "
            "threatens anyone, names a patient or hints at legal action.")
    return (f'<div class="pb-policy" data-policy="{attr(policy)}">'
            f'<p class="pb-policy-choice">{esc(org.name)} has chosen: <strong>{esc(POLICY_NAMES[policy])}</strong>.</p>'
            f'<p>{esc(ModerationPolicy.__descriptions__[policy])}.</p>'
            f'<ol class="pb-policy-steps">{items}</ol>'
            f'<p>{esc(shot)}</p></div>')


def _options_table(org: model.Organization) -> str:
    rows = []
    for p in ModerationPolicy:
        chosen = p.value == org.policies.abusive_comments
        mark = '<strong>Our policy</strong>' if chosen else ""
        cls = ' class="pb-policy-chosen"' if chosen else ""
        rows.append(f'<tr{cls}><th scope="row">{esc(POLICY_NAMES[p.value])}</th>'
                    f'<td>{esc(ModerationPolicy.__descriptions__[p.value])}</td><td>{mark}</td></tr>')
    return ('<div class="pb-table-wrap"><table class="pb-policy-options"><thead><tr><th scope="col">Option</th>'
            '<th scope="col">What it means</th><th scope="col"></th></tr></thead><tbody>' + "".join(rows) + "</tbody></table></div>")


def _users(scens: list[model.Scenario]) -> str:
    users = [s for s in scens if any("moderate" in o.actions for o in s.tree.outcomes.values())]
    if not users:
        return '<p class="pb-empty">No scenario applies the moderation policy yet.</p>'
    items = "".join(f'<li><a href="{rel(SRC, scenario_src(s.id))}">{esc(s.title)}</a></li>'
                    for s in sorted(users, key=lambda s: s.title.lower()))
    return f'<ul class="pb-policy-users">{items}</ul>'


GENERAL = """
## Reply once, then act {#reply-once}

Arguing in public never wins. The "rule of three" that many teams use: reply politely once,
perhaps once more, then stop and offer a way to reach us directly. Our playbook is stricter:
**one** public reply at most, then moderate or leave it. Write that one reply for the people
reading the thread, not for the poster.

## Take a screenshot first {#screenshots}

Before you hide, delete, block or report anything, capture:

- the comment or message, in full, with the account name and handle visible;
- the date and time, and the link to the post;
- earlier posts from the same account, if it is a repeat.

Store screenshots where the playbook's *Log* step says, never on a personal phone's camera roll
for longer than it takes to file them. Risk management guidance (Medical Mutual, for one) asks
for evidence before anything is hidden, because hints of a claim, libel or a threat may matter later.

## What is abusive, and what is not {#what-counts}

Moderate: slurs and hate speech, threats, harassment of staff or other commenters, spam and
scam links, sexual content, and anything that shares someone else's health information.

Do **not** moderate honest criticism, however sharp. "Waited four hours in the ER, worst night
of my life" is feedback, not abuse: use the scenario for negative comments or complaints about care.
Hiding fair criticism looks like a cover-up and usually makes things worse.

## When moderating is not enough {#escalate}

- **A threat of violence**: screenshot, then call Security at once (and 911 if anyone is in danger).
- **Self-harm or an emergency**: stop; use the emergency scenario (911, 988).
- **A hint of legal action**: screenshot, do not argue, notify Legal and Risk.
- **Someone posting a patient's details** (even their own): hide it to protect them, and tell the Privacy Officer.

See the [escalation map](../escalation-map.md) for who to call.

## The tools on each platform {#tools}

| Platform | Hide | Delete | Other tools |
| --- | --- | --- | --- |
| Facebook | Hide comment | Delete comment | Ban the profile; keyword moderation filter |
| Instagram | Hide or restrict | Delete comment | Restrict, block, hidden-words filter |
| X | Hide reply | Only your own posts | Mute, block, report |
| TikTok | Filter comments for review | Delete comment | Keyword filters, block, report |
| YouTube | Hold for review | Remove | Hide user from channel, blocked words |
| LinkedIn | — | Delete comment | Report; turn off comments on a post |
| Google reviews | — | — | Flag a review that breaks Google's policies; never argue in the reply |

Platforms change these menus often; if a tool has moved, ask the on-call communications lead.
"""


def moderation_page(pb: Playbook) -> dict[str, str]:
    org = pb.org
    scens = pb.scenario_list()
    body = (front_matter("Moderation policy", description="Hide, delete or leave: our policy for abusive comments.")
            + "<h1>Moderation policy</h1>\n\n"
            + '<p class="pb-lead">What to do with abusive or persistently negative comments: hide, delete, or leave '
              'them and reply once. Every outcome that says <em>Apply the moderation policy</em> means the policy below.</p>\n\n'
            + "## Our policy {#our-policy}\n\n" + _chosen(org) + "\n\n"
            + "## The options {#options}\n\n" + _options_table(org) + "\n\n"
            + '<p class="pb-note">The policy is set in <code>playbook/organization.yaml</code> under '
              '<code>policies.abusive_comments</code>; changing it changes every page that applies it.</p>\n\n'
            + "## Scenarios that apply it {#used-in}\n\n" + _users(scens) + "\n"
            + GENERAL)
    return {SRC: body}


def _generator(pb: Playbook) -> dict[str, str]:
    return moderation_page(pb) if pb.org else {}


from .. import pages as _pages  # noqa: E402  (registered on import, like the other page modules)

if _generator not in _pages.GENERATORS:
    _pages.GENERATORS.append(_generator)
