"""MkDocs adapter: a thin plugin over the pure core in the `playbook` package.

* on_config: check the playbook; a failing check stops the build with the
  same `file:line:col: CODE message` lines as `playbook check`. Then read the
  playbook's recent git history (none outside a clone), generate every page
  (templates from the theme's custom_dir/playbook/ first), and add the
  package's own styles and scripts to the site.
* on_files: add the generated pages from memory (never written into docs/,
  so `mkdocs serve` has no rebuild loop).
* on_page_markdown: expand marker lines in hand-written pages
  (`<!-- playbook:what-came-in -->` becomes the "What came in?" box).
* on_post_page: no page may make the browser ask another host for anything
  (Material loads Mermaid from unpkg.com when a page has a diagram).
* on_serve: watch playbook/ so that saving a YAML file reloads the preview.
"""
from __future__ import annotations

import os
import re

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from playbook.check import check_dir
from playbook.git import history
from playbook.pages import BuildError, expand_markers, generate, make_site
from playbook.problems import ERROR
from playbook.templating import override_dirs_for
from playbook.views.assets import script_paths, style_paths

_MERMAID = re.compile(r"<pre\b[^>]*\bclass=\"[^\"]*\bmermaid\b", re.IGNORECASE)


class PlaybookConfig(Config):
    playbook_dir = c.Type(str, default="playbook")
    """The playbook folder, relative to mkdocs.yml. The environment variable PLAYBOOK_DIR overrides it."""


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    def __init__(self):
        self.root: str | None = None
        self.pb = None
        self.site = None
        self.pages: dict[str, str | bytes] = {}

    def _root(self, config) -> str:
        base = os.path.dirname(os.path.abspath(config.config_file_path))
        return os.environ.get("PLAYBOOK_DIR") or os.path.join(base, self.config.playbook_dir)

    def on_config(self, config, **kwargs):
        self.root = self._root(config)
        if not os.path.isdir(self.root):
            raise PluginError(f"playbook folder {self.root} does not exist (set playbook_dir under the playbook plugin in mkdocs.yml)")
        pb, problems = check_dir(self.root)
        errors = [p for p in problems if p.severity == ERROR]
        if errors:
            listing = "\n".join(p.format() for p in errors)
            raise PluginError(f"the playbook has {len(errors)} error(s); fix them and build again:\n{listing}")
        self.pb, self.site = pb, make_site(overrides=override_dirs_for(config.theme.custom_dir), history=history(self.root))
        try:
            self.pages = generate(pb, site=self.site)
        except BuildError as exc:
            raise PluginError(str(exc)) from None
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
            files.append(File.generated(config, path, content=content))
        return files

    def on_page_markdown(self, markdown, page, config, files, **kwargs):
        """Hand-written pages can ask for a generated block: <!-- playbook:what-came-in -->."""
        if page.file.generated_by or self.pb is None:
            return markdown
        try:
            return expand_markers(markdown, page.file.src_uri, self.pb, self.site)
        except BuildError as exc:
            raise PluginError(str(exc)) from None

    def on_post_page(self, output, page, config, **kwargs):
        if _MERMAID.search(output):
            raise PluginError(
                f"{page.file.src_uri}: has a Mermaid diagram, which Material would load from unpkg.com "
                "(a third-party request on every visit); draw it as an image or a list instead")
        return output

    def on_serve(self, server, config, builder, **kwargs):
        server.watch(self.root or self._root(config))
        return server
