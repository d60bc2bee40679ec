"""The "What came in?" box: paste a post, get the scenario, crisis first.

text.py turns a post into terms (the same steps as scripts/playbook/assets/triage.js),
danger.py screens for danger with the phrase lists in playbook/danger.yaml,
index.py builds the ranking model at build time (one JSON file), rank.py
scores a post against it, box.py renders the box and its page, and
`playbook suggest` is cli/suggest.py. See docs/decisions/009-triage-ranking.md.
"""
