"""Every generated page of the site, as {source path: text or bytes}. Pure: no MkDocs here.

The MkDocs plugin serves these from memory; `playbook generate DIR` and the
Zensical build write them to disk (only what changed) for engines that
ignore plugins. The page generators are listed in pipeline.PAGES.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Optional

from jinja2 import Environment, TemplateError

from . import markers, pipeline
from .load import Playbook
from .templating import describe_error, environment


class BuildError(ValueError):
    """A page cannot be generated: a template mistake (often in an override) or a page made twice."""


class DuplicatePage(BuildError):
    """Two generators produced the same page: an error, never a silent overwrite."""


class PageMemo:
    """Pages rendered by the previous generate(), reused when made from the very same inputs.

    The live preview keeps one between rebuilds: its playbook (live.py) keeps every unchanged
    scenario as the same object, so a scenario page is rendered again only when its scenario,
    the organisation, the titles it links to, the templates or the day changed. Anything not
    used in a generate() is forgotten by the next."""

    def __init__(self) -> None:
        self._previous: dict[tuple, tuple[tuple, str]] = {}
        self._current: dict[tuple, tuple[tuple, str]] = {}
        self.templates = ""  # digest of the template files, set by generate()
        # The template environment too: compiling the templates takes longer than a rebuild's rendering.
        # Jinja reloads a template whose file changed (auto_reload).
        self.env: Optional[Environment] = None
        self.env_folders: tuple[str, ...] = ()

    def get(self, objects: tuple, values: tuple, make: Callable[[], str]) -> str:
        """make(), or what it gave last time for the same objects (by identity) and values (by equality)."""
        key = (tuple(id(o) for o in objects), values, self.templates)
        hit = self._previous.get(key) or self._current.get(key)
        if hit is None or not all(a is b for a, b in zip(hit[0], objects)):
            hit = (objects, make())
        self._current[key] = hit  # holding the objects keeps their ids from being reused
        return hit[1]

    def next_round(self) -> None:
        self._previous, self._current = self._current, {}


@dataclass(frozen=True)
class Site:
    """What page generators need besides the playbook: the build date, the templates, the git history
    an adapter read (git.history; None when there is none) and, in the live preview, a memo."""

    today: dt.date
    env: Environment
    history: Optional[list[dict]] = None
    memo: Optional[PageMemo] = None

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)

    def render_from(self, objects: tuple, values: tuple, template: str, view: Callable[[], dict]) -> str:
        """render(template, page=view()), made only from `objects` and `values` (besides the templates and the day):
        reused from the memo when the objects are the same and the values equal."""
        make = lambda: self.render(template, page=view())  # noqa: E731
        if self.memo is None:
            return make()
        return self.memo.get(objects, (template, self.today) + values, make)



def _templates_digest(env: Environment) -> str:
    """Name, size and time stamp of every template file the environment can load."""
    h = hashlib.blake2b(digest_size=16)
    for folder in getattr(env.loader, "searchpath", []):
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                st = path.stat()
                h.update(f"{path}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def make_site(today: dt.date | None = None, overrides: Iterable[str | Path] = (),
              history: Optional[list[dict]] = None, memo: Optional[PageMemo] = None) -> Site:
    """`overrides`: template folders searched before the packaged templates. `history`: recent commits that
    changed scenarios, as git.history gives them (None: no git history). `memo`: kept by the caller between
    builds to render only pages whose inputs changed (the live preview); it keeps the template environment too."""
    folders = tuple(str(d) for d in overrides)
    if memo is not None and memo.env is not None and memo.env_folders == folders:
        env = memo.env
    else:
        env = environment(folders)
        if memo is not None:
            memo.env, memo.env_folders = env, folders
    return Site(today=today or dt.date.today(), env=env, history=history, memo=memo)


def generate(pb: Playbook, today: dt.date | None = None, overrides: Iterable[str | Path] = (), site: Site | None = None,
             history: Optional[list[dict]] = None, memo: Optional[PageMemo] = None,
             as_bytes: bool = False) -> dict[str, str | bytes]:
    """Every generated page. The playbook must have passed its check. Without `site`, one is made from
    `today`, `overrides`, `history` and `memo` (make_site). `as_bytes`: each page as UTF-8, encoded as soon
    as it is rendered (a build holds a third of the memory: Python text takes 2 or 4 bytes a character as
    soon as a page has one curly quote or emoji)."""
    site = site or make_site(today, overrides, history, memo)
    if site.memo is not None:
        site.memo.templates = _templates_digest(site.env)
    try:
        return _generate(pb, site, as_bytes)
    finally:
        if site.memo is not None:
            site.memo.next_round()


def _generate(pb: Playbook, site: Site, as_bytes: bool = False) -> dict[str, str | bytes]:
    pages: dict[str, str | bytes] = {}
    for generator in pipeline.PAGES:
        try:
            made = generator(pb, site)
            for path, content in (made.items() if isinstance(made, Mapping) else made):  # a generator may yield pages one by one
                if path in pages:
                    raise DuplicatePage(f"{path} is generated twice (the second time by {generator.__module__}.{generator.__name__})")
                pages[path] = content.encode("utf-8") if as_bytes and isinstance(content, str) else content
        except TemplateError as exc:
            raise BuildError(describe_error(exc)) from exc
    return pages


def expand_markers(markdown: str, page_src: str, pb: Playbook, site: Site) -> str:
    """A hand-written page with its marker lines (<!-- playbook:NAME -->) replaced by their blocks."""
    try:
        return markers.expand_markers(markdown, page_src, pb, site, pipeline.MARKERS)
    except TemplateError as exc:
        raise BuildError(describe_error(exc)) from exc


def marker_blocks(markdown: str, page_src: str, pb: Playbook, site: Site) -> dict[str, str]:
    """The block of each known marker in a hand-written page, rendered now (an adapter that lets go of the
    playbook before the page is rendered puts them in place later with expand_rendered_markers)."""
    try:
        return {name: pipeline.MARKERS[name](pb, page_src, site) for name in markers.markers_in(markdown) if name in pipeline.MARKERS}
    except TemplateError as exc:
        raise BuildError(describe_error(exc)) from exc


def expand_rendered_markers(markdown: str, page_src: str, blocks: dict[str, str]) -> str:
    """expand_markers, with blocks that marker_blocks rendered earlier."""
    return markers.expand_markers(markdown, page_src, None, None, {name: (lambda *_, html=html: html) for name, html in blocks.items()})


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
