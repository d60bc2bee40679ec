"""Practice mode: the scenarios' example posts as a quiz, written once (in the
scenarios' `examples`) and never again.

Without JavaScript the page is a list of cases, each with the playbook's
answer in a <details>. docs/assets/practice.js turns it into one case at a
time: pick what to do, then see the answer, the reply and the reason. The
script keeps its score in memory only.

The page is excluded from search: every case repeats a scenario's words, and
a responder searching in a hurry needs the scenario, not the quiz.
"""
from __future__ import annotations

from .. import model
from ..load import Playbook
from ..model import ACTION_LABELS, PLATFORM_LABELS, Action
from ..placeholders import fill, final_text
from .html import attr, esc, front_matter, rel, text_block, text_with_blanks
from .scenario_page import scenario_src
from .tree import action_text

SRC = "onboarding/practice.md"
# Always offered, so that the answer is never given away by which buttons exist.
BASE_CHOICES = ["reply", "reply-privately", "leave", "escalate"]


def resolve(action: str, org: model.Organization) -> str:
    """An action as the learner would name it: `moderate` becomes the org's policy."""
    if action == "moderate":
        return {"hide": "hide", "delete": "delete", "leave-and-reply-once": "reply"}[org.policies.abusive_comments]
    return action


def cases(pb: Playbook) -> list[tuple[model.Scenario, model.Example, model.Outcome]]:
    """Every example whose outcome exists, taken round-robin across scenarios for variety."""
    per_scen = [[(s, ex, s.tree.outcomes[ex.outcome]) for ex in s.examples if ex.outcome in s.tree.outcomes]
                for s in pb.scenario_list()]
    out = []
    for i in range(max((len(x) for x in per_scen), default=0)):
        out.extend(x[i] for x in per_scen if i < len(x))
    return out


def _choices(all_cases, org) -> list[str]:
    used = {resolve(o.actions[0], org) for _, _, o in all_cases if o.actions}
    return [a.value for a in Action if a.value != "moderate" and (a.value in BASE_CHOICES or a.value in used)]


def _answer(scen: model.Scenario, ex: model.Example, out: model.Outcome, org: model.Organization) -> str:
    src_link = rel(SRC, scenario_src(scen.id), f"node-{ex.outcome}")
    actions = "".join(f"<li>{esc(action_text(a, org))}</li>" for a in out.actions)
    parts = [f'<p class="pb-case-outcome"><span class="pb-case-label">The playbook says</span> '
             f'<strong data-outcome-title>{esc(out.title)}</strong></p>',
             f'<ol class="pb-case-actions" data-outcome-actions>{actions}</ol>']
    reply = scen.replies.get(out.reply) if out.reply else None
    if reply:
        platform = ex.platform if ex.platform in reply.variants else "default"
        raw = reply.variants.get(ex.platform, reply.text)
        label = PLATFORM_LABELS[platform] if platform != "default" else "Default"
        parts.append(f'<div class="pb-case-reply" data-case-reply><p class="pb-case-label">Reply ({esc(label)})</p>'
                     f'<div class="pb-reply-text">{text_with_blanks(final_text(raw, org))}</div></div>')
    else:
        parts.append('<p class="pb-case-reply" data-case-reply><span class="pb-case-label">Reply</span> None: no public reply.</p>')
    if out.notify:
        names = ", ".join(esc(org.contacts[c].name) for c in out.notify if c in org.contacts)
        parts.append(f'<p class="pb-case-notify"><span class="pb-case-label">Notify</span> {names}</p>')
    if out.why:
        parts.append(f'<p class="pb-case-why" data-case-why><span class="pb-case-label">Why</span> {text_block(fill(out.why, org))}</p>')
    parts.append(f'<p class="pb-case-source">From the scenario <a href="{src_link}">{esc(scen.title)}</a></p>')
    return "".join(parts)


def practice_page(pb: Playbook) -> str:
    org = pb.org
    all_cases = cases(pb)
    choices = _choices(all_cases, org)
    items = []
    for n, (scen, ex, out) in enumerate(all_cases, start=1):
        first = resolve(out.actions[0], org) if out.actions else "escalate"
        also = " ".join(dict.fromkeys(resolve(a, org) for a in out.actions))
        buttons = "".join(f'<button type="button" class="pb-choice" data-choice="{attr(c)}">{esc(ACTION_LABELS[c])}</button>'
                          for c in choices)
        items.append(
            f'<li class="pb-case" id="case-{n}" data-case="{n}" data-answer="{attr(first)}" data-also="{attr(also)}" '
            f'data-answer-label="{attr(ACTION_LABELS[first])}">'
            f'<p class="pb-case-meta"><span class="pb-case-no">Case {n} of {len(all_cases)}</span> · '
            f'<span class="pb-case-platform">{esc(PLATFORM_LABELS[ex.platform])}</span></p>'
            f'<blockquote class="pb-case-post">{text_block(ex.text)}</blockquote>'
            f'<fieldset class="pb-case-choices" data-choices hidden><legend>What do you do first?</legend>{buttons}</fieldset>'
            f'<p class="pb-case-feedback" data-feedback role="status" aria-live="polite"></p>'
            f'<details class="pb-case-answer" data-case-answer><summary>Show the playbook\'s answer</summary>'
            f'{_answer(scen, ex, out, org)}</details></li>'
        )
    body = (front_matter("Practice", description="Practise on example posts: pick what to do, then see the playbook's answer.",
                         search={"exclude": True})
            + "<h1>Practice</h1>\n\n"
            + f'<p class="pb-lead">{len(all_cases)} example posts, taken from the scenarios. For each, decide what you would '
              'do first, then compare with the playbook: its answer, the reply and the reason. Nothing you choose is saved '
              'or sent anywhere; reloading the page starts again.</p>\n\n'
            + '<div class="pb-practice" data-practice>'
            + '<nav class="pb-practice-nav" data-practice-nav hidden aria-label="Practice cases">'
              '<button type="button" class="md-button" data-practice-go="prev">Previous</button>'
              '<span class="pb-practice-count" data-practice-count></span>'
              '<button type="button" class="md-button md-button--primary" data-practice-go="next">Next case</button>'
              '<span class="pb-practice-score" data-practice-score></span></nav>'
            + f'<ol class="pb-cases">{"".join(items)}</ol></div>\n')
    return body


def _generator(pb: Playbook) -> dict[str, str]:
    return {SRC: practice_page(pb)} if pb.org else {}


from .. import pages as _pages  # noqa: E402  (registered on import; see pages._register)

if _generator not in _pages.GENERATORS:
    _pages.GENERATORS.append(_generator)
