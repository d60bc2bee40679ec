"""Review dates: a review in the future is an error; an overdue one is a warning."""
from __future__ import annotations

import datetime as dt
from typing import Iterable

from .load import Loaded, Playbook
from .problems import Problem


def check_review(pb: Playbook, item: Loaded, today: dt.date) -> Iterable[Problem]:
    scen, doc = item.obj, item.doc
    if scen.review.date > today:
        yield Problem(doc.path, *doc.where(("review", "date")), "PB501", f"review date {scen.review.date} is in the future")
    elif pb.org:
        due = scen.review.date + dt.timedelta(days=pb.org.policies.review_interval_days)
        if due < today:
            yield Problem(doc.path, *doc.where(("review", "date")), "PB500", f"review overdue since {due} (last reviewed {scen.review.date}, every {pb.org.policies.review_interval_days} days)")


