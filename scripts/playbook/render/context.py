"""What every renderer needs to know besides the scenario itself."""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import model


@dataclass(frozen=True)
class Ctx:
    org: model.Organization
    src: str  # the source path of the page being rendered, e.g. scenarios/x.md
    titles: dict = field(default_factory=dict)  # scenario id -> title, for links between scenarios
