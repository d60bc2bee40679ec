"""The "Check my draft" page: the compliance rules, compiled at build time, run in the browser.

The rules travel inside the page as JSON (<script type="application/json">,
with < > & escaped so no text can close the script element); draft.js reads
them, checks what the responder types, and highlights the findings. Nothing
typed leaves the page: there is no form, no request and no storage.

Without JavaScript the page still lists every rule with its why and what to
write instead, and points to `playbook lint`.
"""
from __future__ import annotations

import json

from .. import pages
from ..compliance import NORMALISE_TABLE, OTHER_CHAR, compiled
from ..load import Playbook
from .html import esc, front_matter, text_block

PAGE = "check-my-draft.md"


def rules_json(pb: Playbook) -> str:
    """The compiled rules as JSON that is safe inside a <script> element."""
    ruleset, _ = compiled(pb.compliance.obj)
    data = {
        "normalise": {str(k): v for k, v in NORMALISE_TABLE.items()},
        "other": OTHER_CHAR,  # every other character beyond ASCII (compliance.normalise)
        # each reference once; draft.js puts it in place of {vocab:...} in the sources below (compliance.expand)
        "vocab": dict(sorted(ruleset.vocab.items())),
        "rules": [{"id": r.id, "severity": r.rule.severity, "source": r.source,
                   "why": r.rule.why, "instead": r.rule.instead} for r in ruleset.rules],
        "exemptions": [{"id": e.id, "rules": list(e.exemption.rules), "source": e.source} for e in ruleset.exemptions],
    }
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _rule_list(pb: Playbook) -> str:
    items = []
    for rule in pb.compliance.obj.rules:
        examples = ", ".join(f"“{esc(p)}”" for p in rule.phrases[:6])
        items.append(
            f'<li class="pb-draft-rule" data-rule="{esc(rule.id)}">'
            f'<p><code>{esc(rule.id)}</code> <span class="pb-draft-sev pb-draft-sev-{esc(rule.severity)}">{esc(rule.severity)}</span></p>'
            + (f'<p class="pb-draft-examples">For example: {examples}</p>' if examples else "")
            + f'<p><strong>Why:</strong> {text_block(rule.why)}</p>'
            f'<p><strong>Instead:</strong> {text_block(rule.instead)}</p></li>')
    return '<ul class="pb-draft-rules">' + "".join(items) + "</ul>"


def draft_page(pb: Playbook) -> str:
    html = (
        '<div class="pb-draft" data-draft>'
        '<p>Paste or type a reply you wrote yourself. It is checked against the same rules as every reply in this '
        'playbook. The check runs on this page only: nothing you type is sent anywhere or saved.</p>'
        '<p class="pb-draft-nojs" data-draft-nojs><strong>This checker needs JavaScript.</strong> Without it, read the '
        'rules below, or run <code>playbook lint "your draft"</code>.</p>'
        '<label class="pb-draft-label" for="pb-draft-input">Your draft reply</label>'
        '<textarea id="pb-draft-input" class="pb-draft-input" data-draft-input rows="6" autocomplete="off" '
        'autocapitalize="sentences" spellcheck="false" placeholder="Hi there, we\'re sorry to hear this..."></textarea>'
        '<p><button type="button" class="md-button md-button--primary" data-draft-check>Check</button> '
        '<button type="button" class="md-button" data-draft-clear>Clear</button></p>'
        '<div class="pb-draft-result" data-draft-result data-draft-verdict="empty" role="status" aria-live="polite"></div>'
        '<div class="pb-draft-marked" data-draft-marked hidden></div>'
        '<ol class="pb-draft-findings" data-draft-findings></ol>'
        f'<script type="application/json" id="pb-draft-rules">{rules_json(pb)}</script>'
        '</div>'
    )
    rules = ('<details class="pb-draft-all"><summary>All rules, with why and what to write instead</summary>'
             + _rule_list(pb) + "</details>")
    return (front_matter("Check my draft", description="Check a hand-written reply against the compliance rules")
            + "# Check my draft\n\n" + html + "\n\n## The rules\n\n" + rules + "\n")


def generate(pb: Playbook) -> dict:
    if not pb.compliance:
        return {}
    return {PAGE: draft_page(pb)}


pages.GENERATORS.append(generate)
