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
from typing import Any, Iterable

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
    """What page generators need besides the playbook: the build date and the templates."""

    today: dt.date
    env: Environment

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)


def make_site(today: dt.date | None = None, overrides: Iterable[str | Path] = ()) -> Site:
    """`overrides`: template folders searched before the packaged templates."""
    return Site(today=today or dt.date.today(), env=environment(overrides))


def generate(pb: Playbook, today: dt.date | None = None, overrides: Iterable[str | Path] = (), site: Site | None = None) -> dict[str, str | bytes]:
    """Every generated page. The playbook must have passed its check."""
    site = site or make_site(today, overrides)
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


def write_pages(pb: Playbook, out_dir: str, overrides: Iterable[str | Path] = ()) -> list[str]:
    """Write pages under out_dir, touching only files whose content changed."""
    written = []
    for rel_path, content in generate(pb, overrides=overrides).items():
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
