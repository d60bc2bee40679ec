"""MkDocs adapter: a thin plugin over the pure core in the `playbook` package.

* on_config: check the playbook; a failing check stops the build with the
  same `file:line:col: CODE message` lines as `playbook check`. Then read the
  playbook's recent git history (none outside a clone), generate every page
  (templates from the theme's custom_dir/playbook/ first), and add the
  package's own styles and scripts to the site.
* on_files: add the generated pages from memory (never written into docs/,
  so `mkdocs serve` has no rebuild loop).
* on_page_markdown: expand marker lines in hand-written pages
  (`<!-- playbook:what-came-in -->` becomes the "What came in?" box), and
  let go of a generated page's text once MkDocs has its own copy. A generated
  page's large HTML blocks are set aside while Python-Markdown renders the rest,
  and on_page_content puts them back (raw_html.py: the same HTML, without
  parsing it twice).
* on_post_page: no page may make the browser ask another host for anything
  (Material loads Mermaid from unpkg.com when a page has a diagram).
* on_serve: watch playbook/ so that saving a YAML file reloads the preview.

Under `mkdocs serve` (the live preview, docs/decisions/016-check-cache-and-live-preview.md):

* the plugin persists between rebuilds (it has on_startup), and so does its
  playbook (live.py): a rebuild reads and checks again only the files that
  changed, and renders again only the pages whose inputs changed (PageMemo);
* a generated page tells MkDocs it is modified only when its text changed, so
  with `mkdocs serve --dirty` (what `make serve` runs) MkDocs renders only
  those pages; a hand-written page with a marker is modified when its block
  changed;
* a failing check does not stop the server: the problems are printed in the
  terminal, and every page the browser asks for is answered with a page that
  lists them, until a save fixes them; the pages of the broken playbook are
  never built or shown.
"""
from __future__ import annotations

import logging
import os
import re
import sys

import jinja2
import jinja2.bccache
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, file_sort_key

from playbook.check import check_dir
from playbook.check_cache import load_and_check
from playbook.git import history
from playbook.live import LivePlaybook
from playbook.markers import markers_in
from playbook.pages import BuildError, PageMemo, expand_markers, expand_rendered_markers, generate, make_site, marker_blocks
from playbook.problems import ERROR
from playbook.templating import environment, override_dirs_for
from playbook.views.assets import script_paths, style_paths

from .raw_html import SetAside, put_back, set_aside

_MERMAID = re.compile(r"<pre\b[^>]*\bclass=\"[^\"]*\bmermaid\b", re.IGNORECASE)
PROBLEMS_PAGE = "playbook-problems.html"  # written into the preview's site folder while the check fails


class PlaybookConfig(Config):
    playbook_dir = c.Type(str, default="playbook")
    """The playbook folder, relative to mkdocs.yml. The environment variable PLAYBOOK_DIR overrides it."""
    check_cache = c.Type(bool, default=True)
    """Reuse the check results `playbook check` keeps in .build/check-cache/ beside the playbook folder for files
    that have not changed since (check_cache.py); the result is the same either way."""


class GeneratedFile(File):
    """A generated page or asset, held in memory. Modified (for `--dirty` rebuilds) only if its content changed."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


class DirtyBuildNotice(logging.Filter):
    """Under `mkdocs serve --dirty`, MkDocs warns on every rebuild that a dirty build may leave navigation
    inaccurate, and with `strict: true` any warning aborts the build. Generated pages tell MkDocs themselves
    whether they changed, so that one notice is logged as information; every other warning still aborts."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and record.getMessage().startswith("A 'dirty' build is being performed"):
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's compiled templates, kept in memory between rebuilds of the live preview.

    MkDocs makes a new template environment for every build, and compiling Material's templates
    again takes longer than rendering the pages a save changed. Jinja checks each template's
    source against the checksum it was compiled from, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    def __init__(self):
        self.root: str | None = None
        self.pb = None    # the playbook of the last good build, for the marker blocks of hand-written pages
        self.site = None  # and its Site (templates, day, git history)
        self.pages: dict[str, str | bytes] = {}  # this build's generated pages, until on_files hands them to MkDocs
        self.prints: dict[str, tuple[int, int]] = {}  # (length, hash) of each page of the last good build
        self.marker_prints: dict[str, int] = {}       # hash of each hand-written page with its markers expanded
        self.last_good: dict[str, str | bytes] = {}    # its pages, kept only by the live preview
        self.changed: set[str] = set()       # pages whose content differs from the previous build
        self.serving = False
        self.live: LivePlaybook | None = None
        self.memo: PageMemo | None = None
        self.problems: list | None = None    # the failing check's errors, while serving
        self.compiled = CompiledTemplates()
        self.expanded: dict[str, dict[str, str]] = {}  # a plain build's marker blocks, by page, rendered in on_files
        self.aside: dict[str, SetAside] = {}  # a generated page's HTML blocks, from on_page_markdown to on_page_content

    def _root(self, config) -> str:
        base = os.path.dirname(os.path.abspath(config.config_file_path))
        return os.environ.get("PLAYBOOK_DIR") or os.path.join(base, self.config.playbook_dir)

    def on_startup(self, *, command, dirty, **kwargs):
        # Having this hook makes MkDocs keep this plugin between the rebuilds of `mkdocs serve`.
        self.serving = command == "serve"
        build_log = logging.getLogger("mkdocs.commands.build")
        if self.serving and dirty and not any(isinstance(f, DirtyBuildNotice) for f in build_log.filters):
            build_log.addFilter(DirtyBuildNotice())

    def on_config(self, config, **kwargs):
        root = self._root(config)
        if not os.path.isdir(root):
            raise PluginError(f"playbook folder {root} does not exist (set playbook_dir under the playbook plugin in mkdocs.yml)")
        if self.serving:
            if self.live is None or root != self.root:
                self.live, self.memo = LivePlaybook(root), PageMemo()
            pb, problems = self.live.refresh()[:2]
        elif self.config.check_cache:
            pb, problems = load_and_check(root)
        else:
            pb, problems = check_dir(root)
        self.root = root
        errors = [p for p in problems if p.severity == ERROR]
        listing = "\n".join(p.format() for p in errors)
        if errors and not (self.serving and self.prints):
            raise PluginError(f"the playbook has {len(errors)} error(s); fix them and build again:\n{listing}")
        if errors:
            # The preview keeps the last good pages but shows the problems instead of any page (on_serve).
            print(f"playbook: {len(errors)} error(s); the preview shows them until they are fixed:\n{listing}", file=sys.stderr)
            self.problems = errors
            self.changed = set()
            self.pages = dict(self.last_good)
        else:
            site = make_site(overrides=override_dirs_for(config.theme.custom_dir), history=history(self.root), memo=self.memo)
            try:
                # A plain build holds each page as UTF-8 until MkDocs reads it: a third of the memory of Python text.
                pages = generate(pb, site=site, as_bytes=not self.serving)
            except BuildError as exc:
                raise PluginError(str(exc)) from None
            # Only a fingerprint of each page is kept from one build to the next (to tell which changed):
            # MkDocs holds the text itself while it builds, and that is released once read (on_page_markdown).
            prints = {path: (len(content), hash(content)) for path, content in pages.items()}
            self.changed = {path for path, fp in prints.items() if self.prints.get(path) != fp}
            self.pages, self.prints, self.problems = pages, prints, None
            self.pb, self.site = pb, site
            if self.serving:  # the preview serves these again while a later save breaks the check
                self.last_good = pages
        # Our styles before the user's, our scripts likewise: their extra_css can restyle ours.
        config.extra_css[:0] = [p for p in style_paths() if p not in config.extra_css]
        for path in reversed(script_paths()):
            if path not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.insert(0, path)
        return config

    def on_files(self, files, config, **kwargs):
        # MkDocs copies every non-HTML file of the theme folders into the site; our
        # template overrides (e.g. overrides/playbook/pages/scenario.md) are not site files.
        for folder in override_dirs_for(config.theme.custom_dir):
            prefix = os.path.abspath(folder) + os.sep
            for f in list(files):
                if f.abs_src_path and os.path.abspath(f.abs_src_path).startswith(prefix):
                    files.remove(f)
        for path, content in self.pages.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} is hand-written but the playbook also generates it; rename one of them")
            f = GeneratedFile.generated(config, path, content=content)
            f.changed = path in self.changed
            files.append(f)
        self.pages = {}  # MkDocs has them now
        if self.serving:
            self._mark_changed_marker_pages(files)
        else:
            self._expand_marker_pages_now(files)
        # In the order MkDocs gives files it finds in docs/ (index first, folders last), as if the pages were
        # there: the pages are then read and rendered in the same order as a plain build, with the same peak
        # memory (appended at the end, the largest listing pages were converted when memory was fullest).
        return Files(sorted(files, key=file_sort_key))

    def _expand_marker_pages_now(self, files) -> None:
        """In a plain build, render the marker blocks of the hand-written pages now, and let go of the playbook:
        MkDocs then renders every page without the loaded playbook in memory beside it."""
        for f, text in self._pages_with_markers(files):
            try:
                self.expanded[f.src_uri] = marker_blocks(text, f.src_uri, self.pb, self.site)
            except BuildError as exc:
                raise PluginError(str(exc)) from None
        self.pb = self.site = None

    def _pages_with_markers(self, files):
        """(file, text) of each hand-written page with a marker line (none without a good playbook)."""
        for f in files.documentation_pages():
            if isinstance(f, GeneratedFile) or not f.abs_src_path or self.pb is None:
                continue
            try:
                with open(f.abs_src_path, encoding="utf-8-sig") as fh:
                    text = fh.read()
            except (OSError, UnicodeDecodeError):
                continue  # MkDocs reports it when it reads the page
            if markers_in(text):
                yield f, text

    def _mark_changed_marker_pages(self, files) -> None:
        """Under `--dirty`, MkDocs renders again only the pages whose file changed. A hand-written page with a
        marker also changes when its block does (a scenario renamed, a crisis signal added), so such a page is
        marked modified when its text with the markers expanded differs from the previous build's."""
        prints: dict[str, int] = {}
        for f, text in self._pages_with_markers(files):
            try:
                prints[f.src_uri] = hash(expand_markers(text, f.src_uri, self.pb, self.site))
            except BuildError:
                continue  # reported when the page is rendered (on_page_markdown)
            if self.marker_prints.get(f.src_uri, prints[f.src_uri]) != prints[f.src_uri]:
                f.is_modified = lambda: True  # this build's File object only
        self.marker_prints = prints

    def on_env(self, env, config, files, **kwargs):
        if self.serving:
            env.bytecode_cache = self.compiled
        return env

    def on_page_markdown(self, markdown, page, config, files, **kwargs):
        """Hand-written pages can ask for a generated block: <!-- playbook:what-came-in -->."""
        if isinstance(page.file, GeneratedFile):
            # MkDocs has made its own copy of a page's text (without the front matter); the generated text
            # would otherwise stay in memory, once more for every page, until the build ends.
            page.file.content_string = ""
            markdown, aside = set_aside(markdown)
            if aside.blocks:
                self.aside[page.file.src_uri] = aside
            return markdown
        if page.file.src_uri in self.expanded:  # a plain build rendered its blocks in on_files
            return expand_rendered_markers(markdown, page.file.src_uri, self.expanded.pop(page.file.src_uri))
        if page.file.generated_by or self.pb is None:
            return markdown
        try:
            return expand_markers(markdown, page.file.src_uri, self.pb, self.site)
        except BuildError as exc:
            raise PluginError(str(exc)) from None

    @event_priority(100)  # before any other plugin reads the page's HTML
    def on_page_content(self, html, page, config, files, **kwargs):
        aside = self.aside.pop(page.file.src_uri, None)
        if aside is None:
            return html
        try:
            html = put_back(html, aside)
        except ValueError:  # a placeholder did not come back as its own paragraph: render the page whole
            page.markdown = aside.original
            page.render(config, files)
            return page.content
        page.present_anchor_ids = (page.present_anchor_ids or set()) | aside.anchor_ids()
        return html

    def on_post_page(self, output, page, config, **kwargs):
        if _MERMAID.search(output):
            raise PluginError(
                f"{page.file.src_uri}: has a Mermaid diagram, which Material would load from unpkg.com "
                "(a third-party request on every visit); draw it as an image or a list instead")
        return output

    # Before the search plugin writes its index, wherever mkdocs.yml lists the two (MkDocs runs higher first).
    @event_priority(50)
    def on_post_build(self, config, **kwargs):
        self._forget_rebuilt_search_entries(config)
        self._keywords_once_per_page(config)
        path = os.path.join(config.site_dir, PROBLEMS_PAGE)
        if self.problems:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(problems_page(self.problems, override_dirs_for(config.theme.custom_dir)))
        elif os.path.exists(path):
            os.remove(path)

    @staticmethod
    def _forget_rebuilt_search_entries(config) -> None:
        """Keep the preview's search index exact under --dirty. Material's search plugin (which runs after this
        one) merges a dirty rebuild's entries into the previous index by dropping the previous entries of the
        first rebuilt page only; a save can rebuild several pages (a scenario and those that link to it), so
        the previous entries of every rebuilt page are dropped here first."""
        search = config.plugins.get("material/search") or config.plugins.get("search")
        prev = getattr(search, "search_index_prev", None)
        now = getattr(search, "search_index", None)
        if prev is None or now is None or not getattr(now, "entries", None):
            return
        rebuilt = {entry["location"].split("#")[0] for entry in now.entries}
        prev.entries = [entry for entry in prev.entries if entry["location"].split("#")[0] not in rebuilt]

    @staticmethod
    def _keywords_once_per_page(config) -> None:
        """Material's search plugin copies a page's tags (a scenario's keywords) into the entry of every section
        of the page: a third of the index at 1,000 scenarios. Only the page's own entry (its location has no
        "#", and every page has exactly one) keeps them, so a keyword still ranks the scenario, and the index
        stays under 3 MB at 1,000 scenarios (docs/decisions/019-search-index.md)."""
        search = config.plugins.get("material/search") or config.plugins.get("search")
        now = getattr(search, "search_index", None)
        for entry in getattr(now, "entries", None) or []:
            if "#" in entry.get("location", "") and "tags" in entry:
                del entry["tags"]

    def on_serve(self, server, config, builder, **kwargs):
        server.watch(self.root or self._root(config))
        # While the check fails, every page request gets the list of problems (the server adds its
        # reload script to it, so the browser reloads by itself once a save fixes them). The server
        # answers a request only once any rebuild under way has finished: so the page is asked for
        # first, and the problems are looked at after that (a save may have fixed or broken things).
        app = server.get_app()
        mount = server.mount_path

        def serve_problems_instead(environ, start_response):
            path = environ.get("PATH_INFO", "")
            if not (path.startswith(mount) and (path.endswith("/") or path.endswith(".html"))):
                return app(environ, start_response)
            answer: list = []
            body = app(environ, lambda status, headers, exc_info=None: answer.extend((status, headers)) or (lambda data: None))
            if self.problems:
                getattr(body, "close", lambda: None)()
                return app(dict(environ, PATH_INFO=mount + PROBLEMS_PAGE), start_response)
            start_response(*answer)
            return body

        server.set_app(serve_problems_instead)
        return server


def problems_page(errors, overrides) -> str:
    """The page listing the check's errors that the preview shows instead of any page (templates/pages/problems.html)."""
    view = {"count": len(errors), "problems": [p.format() for p in errors]}
    return environment(overrides).get_template("pages/problems.html").render(page=view)
