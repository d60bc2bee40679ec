"""`playbook generate DIR`: write the generated pages to disk, for engines that ignore MkDocs plugins (Zensical)."""
from __future__ import annotations

import sys

from .common import checked_playbook

HELP = "write the generated pages to a folder"


def add_arguments(p) -> None:
    p.add_argument("out")
    p.add_argument("--dir", default="playbook")
    p.add_argument("--overrides", default="overrides",
                   help="the theme's custom_dir; templates under its playbook/ folder replace the packaged ones")


def run(args) -> int:
    from ..git import history  # here, not above: `playbook check` builds this parser too
    from ..pages import BuildError, write_pages
    from ..templating import override_dirs_for

    pb, status = checked_playbook("generate", args.dir)
    if pb is None:
        return status
    try:
        written = write_pages(pb, args.out, overrides=override_dirs_for(args.overrides), history=history(args.dir))
    except BuildError as exc:
        print(f"playbook generate: {exc}", file=sys.stderr)
        return 1
    print(f"{len(written)} page(s) written or changed under {args.out}", file=sys.stderr)
    return 0
