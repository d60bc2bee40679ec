"""Every generated page of the site, as {source path: text or bytes}. Pure: no MkDocs here.

The MkDocs plugin serves these from memory; `playbook generate DIR` and the
Zensical build write them to disk (only what changed) for engines that
ignore plugins. The page generators are listed in pipeline.PAGES.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional

from jinja2 import Environment, TemplateError

from . import markers, pipeline
from .load import Playbook
from .templating import describe_error, environment


class BuildError(ValueError):
    """A page cannot be generated: a template mistake (often in an override) or a page made twice."""


class DuplicatePage(BuildError):
    """Two generators produced the same page: an error, never a silent overwrite."""


@dataclass(frozen=True)
class Site:
    """What page generators need besides the playbook: the build date, the templates, and the
    git history an adapter read (git.history; None when there is none)."""

    today: dt.date
    env: Environment
    history: Optional[list[dict]] = None

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)


def make_site(today: dt.date | None = None, overrides: Iterable[str | Path] = (),
              history: Optional[list[dict]] = None) -> Site:
    """`overrides`: template folders searched before the packaged templates. `history`: recent commits that
    changed scenarios, as git.history gives them (None: no git history)."""
    return Site(today=today or dt.date.today(), env=environment(overrides), history=history)


def generate(pb: Playbook, today: dt.date | None = None, overrides: Iterable[str | Path] = (), site: Site | None = None,
             history: Optional[list[dict]] = None) -> dict[str, str | bytes]:
    """Every generated page. The playbook must have passed its check."""
    site = site or make_site(today, overrides, history)
    pages: dict[str, str | bytes] = {}
    for generator in pipeline.PAGES:
        try:
            made = generator(pb, site)
        except TemplateError as exc:
            raise BuildError(describe_error(exc)) from exc
        for path, content in made.items():
            if path in pages:
                raise DuplicatePage(f"{path} is generated twice (the second time by {generator.__module__}.{generator.__name__})")
            pages[path] = content
    return pages


def expand_markers(markdown: str, page_src: str, pb: Playbook, site: Site) -> str:
    """A hand-written page with its marker lines (<!-- playbook:NAME -->) replaced by their blocks."""
    try:
        return markers.expand_markers(markdown, page_src, pb, site, pipeline.MARKERS)
    except TemplateError as exc:
        raise BuildError(describe_error(exc)) from exc


def write_pages(pb: Playbook, out_dir: str, overrides: Iterable[str | Path] = (),
                history: Optional[list[dict]] = None, site: Site | None = None) -> list[str]:

    """Write pages under out_dir, touching only files whose content changed."""
    written = []
    for rel_path, content in generate(pb, overrides=overrides, history=history, site=site).items():
        path = os.path.join(out_dir, rel_path)
        data = content.encode("utf-8") if isinstance(content, str) else content
        try:
            with open(path, "rb") as fh:
                if fh.read() == data:
                    continue
        except OSError:
            pass
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        tmp = path + ".tmp"
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        written.append(path)
    return written
