"""Synthetic playbooks for the benchmark: realistic scenarios from a fixed seed.

Each scenario has 8 nodes (3 questions, 5 outcomes) and 4 replies with 3
platform variants each, and is about the size of a hand-written one (~5 KB).
The organisation and compliance files are the bundled ones, so every
placeholder and contact id used here exists. Invented text only.
"""
from __future__ import annotations

import datetime as dt
import os
import random
import shutil

import yaml

CATEGORIES = ["negative-feedback", "patient-services", "reviews", "operations", "positive", "media"]
SEVERITIES = ["low", "medium", "high"]
CONTACTS = ["patient_relations", "oncall_comms", "billing", "scheduling", "records"]
TOPICS = ["parking", "wait times", "billing statements", "the cafeteria", "visiting hours", "the new clinic",
          "appointment reminders", "the patient portal", "signage", "the phone line", "a flu clinic", "a charity run"]
VERBS = ["complains about", "asks about", "praises", "shares a rumour about", "tags us in a post about", "reviews"]
FILLER = ("Read the whole thread before acting and check whether a colleague already answered. "
          "Keep the tone warm and short, and never repeat details the person shared about their health. ").split()


def _sentence(rng: random.Random, words: int) -> str:
    picked = [rng.choice(FILLER) for _ in range(words)]
    return " ".join(picked).capitalize().rstrip(".,") + "."


def scenario(i: int, rng: random.Random, today: dt.date) -> dict:
    topic = rng.choice(TOPICS)
    sid = f"bench-{i:04d}"
    channels = ["facebook", "instagram", "x"]
    replies = {}
    for r in range(4):
        contact = rng.choice(CONTACTS[:1] + ["oncall_comms"])
        base = (f"Thank you for letting us know about {topic}. {_sentence(rng, 12)} "
                f"Please contact our team at {{contacts.{contact}.email}} so we can follow up directly.")
        replies[f"reply-{r + 1}"] = {
            "title": f"Reply {r + 1} about {topic}",
            "text": base,
            "variants": {
                "facebook": base + " " + _sentence(rng, 8),
                "instagram": f"Thank you for telling us about {topic}. Please contact our team at {{contacts.{contact}.email}} so we can follow up.",
                "x": f"Thanks for telling us about {topic}. Please email {{contacts.{contact}.email}} so we can follow up.",
            },
        }

    def outcome(n: int, reply: str | None) -> dict:
        out = {
            "title": f"Outcome {n}: " + ("reply once" if reply else "leave it"),
            "actions": ["reply", "escalate"] if reply else ["leave"],
            "notify": [rng.choice(CONTACTS)] if reply else [],
            "log": _sentence(rng, 8),
            "avoid": [_sentence(rng, 7)],
            "why": _sentence(rng, 10),
        }
        if reply:
            out["reply"] = reply
        return out

    return {
        "id": sid,
        "title": f"Someone {rng.choice(VERBS)} {topic} ({i})",
        "summary": f"A post about {topic}. " + _sentence(rng, 16),
        "category": rng.choice(CATEGORIES),
        "channels": channels,
        "severity": rng.choice(SEVERITIES),
        "response_time": rng.choice(["1h", "4h", "24h"]),
        "keywords": [topic, f"{topic} complaint", f"{topic} question", rng.choice(FILLER) + " " + topic],
        "owner": "oncall_comms",
        "review": {"date": (today - dt.timedelta(days=rng.randint(1, 60))).isoformat(), "by": "Bench Example, Editor (example)"},
        "examples": [
            {"platform": p, "text": f"Invented example post about {topic}. " + _sentence(rng, 8), "outcome": o}
            for p, o in (("facebook", "out-a"), ("instagram", "out-leave"), ("x", "out-c"))
        ],
        "tree": {
            "start": "q-first",
            "questions": {
                "q-first": {"text": f"Is it about {topic} in particular?", "help": _sentence(rng, 10),
                            "answers": [{"label": "Yes, a complaint", "next": "q-complaint"},
                                        {"label": "Yes, a question", "next": "q-question"},
                                        {"label": "No", "next": "out-leave"}]},
                "q-complaint": {"text": "Does it describe a specific experience?", "help": _sentence(rng, 8),
                                "answers": [{"label": "Yes", "next": "out-a"}, {"label": "No", "next": "out-b"}]},
                "q-question": {"text": "Can the answer be given in public?", "help": _sentence(rng, 8),
                               "answers": [{"label": "Yes", "next": "out-c"}, {"label": "No", "next": "out-d"}]},
            },
            "outcomes": {
                "out-a": outcome(1, "reply-1"),
                "out-b": outcome(2, "reply-2"),
                "out-c": outcome(3, "reply-3"),
                "out-d": outcome(4, "reply-4"),
                "out-leave": outcome(5, None),
            },
        },
        "replies": replies,
    }


def write_playbook(out_dir: str, count: int, bundled: str, seed: int = 8, today: dt.date | None = None) -> str:
    """A playbook folder with the bundled organization/compliance files and `count` scenarios."""
    rng = random.Random(seed)
    today = today or dt.date.today()
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(os.path.join(out_dir, "scenarios"))
    for name in ("organization.yaml", "compliance.yaml"):
        shutil.copy(os.path.join(bundled, name), os.path.join(out_dir, name))
    for i in range(count):
        data = scenario(i, rng, today)
        with open(os.path.join(out_dir, "scenarios", f"{data['id']}.yaml"), "w", encoding="utf-8") as fh:
            yaml.safe_dump(data, fh, sort_keys=False, allow_unicode=True, width=100)
    return out_dir
