"""The data path, in one place: every check, every generated page and every sub-command, in order.

Feature modules never import this module; it imports them. Nothing registers
itself on import: to add a check, a page or a command, write it in its own
module and name it here.
"""
from __future__ import annotations

from . import (approvals, compliance, export, graph_check, location_check, reference_check, replies_check, review_check,
               translations_check, url_check)
from .triage import box as triage_box, danger
from .views import assets, draft, history, lists, moderation, practice, quick_reference, scenario

# (pb, item) -> problems, for each scenario that loaded.
SCENARIO_CHECKS = (
    reference_check.check_references,
    location_check.check_placeholders_everywhere,
    graph_check.check_tree,
    replies_check.check_replies,
    translations_check.check_translations,
    compliance.check_replies,
    compliance.check_redirects,
    url_check.check_scenario_urls,
    approvals.check_replies,
)
# (pb, item, today) -> problems: checks that depend on the date.
DATED_SCENARIO_CHECKS = (review_check.check_review,)
# (pb, item) -> problems, for the tree of a scenario that failed validation: one run reports every problem.
PARTIAL_TREE_CHECKS = (graph_check.check_tree,)
# Across scenarios, in two steps: (collect, judge). collect(pb, item) -> what one scenario says, as plain
# JSON data (cached per file by `playbook check`, check_cache.py); judge(pb, [(path, data), ...]) -> problems,
# given the data of every scenario that loaded, in file order.
CROSS_SCENARIO_CHECKS = (
    (reference_check.see_links, reference_check.check_see_links),
    (reference_check.moderating_outcomes, reference_check.check_moderation_replies),
    (approvals.reply_names, approvals.check_ledger_replies),
    (danger.scenario_id, danger.check_danger_scenarios),
)
# (pb) -> problems, for the shared files (organization.yaml, compliance.yaml, danger.yaml). They may not
# read pb.scenarios: a check across scenarios goes in CROSS_SCENARIO_CHECKS.
PLAYBOOK_CHECKS = (
    translations_check.check_languages,
    location_check.check_locations,
    compliance.check_compliance_file,
    url_check.check_playbook_urls,
    danger.check_danger_file,
)
# (pb, today) -> problems of the shared files that depend on the date (approvals.yaml); nor may they read pb.scenarios.
DATED_PLAYBOOK_CHECKS = (approvals.check_ledger_dates,)

# (pb, site) -> {source path: text or bytes}, or (path, text) pairs one by one (the scenario pages: a build
# encodes each as it comes). A path produced twice is an error (pages.generate).
PAGES = (
    scenario.pages,
    lists.browse_pages,
    lists.category_pages,
    lists.channel_pages,
    lists.severity_pages,
    lists.escalation_pages,
    lists.review_pages,
    history.pages,
    quick_reference.pages,
    export.site_exports,
    draft.pages,
    practice.pages,
    moderation.pages,
    triage_box.pages,
    assets.pages,
)

# Blocks a hand-written page asks for with a marker line, <!-- playbook:NAME -->: (pb, page_src, site) -> HTML.
MARKERS = {
    "what-came-in": triage_box.expand_box,
}

# Sub-commands of `playbook`, in the order `playbook --help` lists them: (name, module).
# Each module has add_arguments(parser) and run(args) -> exit status; it is imported only when used,
# so building the site never imports command-line code.
COMMANDS = (
    ("check", "playbook.cli.check"),
    ("lint", "playbook.cli.lint"),
    ("suggest", "playbook.cli.suggest"),
    ("export", "playbook.cli.export"),
    ("approve", "playbook.cli.approve"),
    ("diff", "playbook.cli.diff"),
    ("new", "playbook.cli.new"),
    ("init", "playbook.cli.init"),
    ("generate", "playbook.cli.generate"),
    ("schema", "playbook.cli.schema"),
)
