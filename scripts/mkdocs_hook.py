"""MkDocs adapter: a thin hook over the pure core in scripts/playbook/.

* on_config: check the playbook; a failing check stops the build with the
  same `file:line: CODE message` lines as `playbook check`.
* on_files: add the generated pages from memory (never written into docs/,
  so `mkdocs serve` has no rebuild loop).
* on_serve: watch playbook/ so that saving a YAML file reloads the preview.
"""
from __future__ import annotations

import os

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from playbook.check import check_dir
from playbook.pages import generate
from playbook.problems import ERROR

_state: dict = {}


def _playbook_dir(config) -> str:
    base = os.path.dirname(os.path.abspath(config.config_file_path))
    return os.environ.get("PLAYBOOK_DIR") or os.path.join(base, config.extra.get("playbook_dir", "playbook"))


def on_config(config, **kwargs):
    root = _playbook_dir(config)
    pb, problems = check_dir(root)
    errors = [p for p in problems if p.severity == ERROR]
    if errors:
        listing = "\n".join(p.format() for p in errors)
        raise PluginError(f"the playbook has {len(errors)} error(s); fix them and build again:\n{listing}")
    _state["root"] = root
    _state["pages"] = generate(pb)
    return config


def on_files(files, config, **kwargs):
    for path, content in _state.get("pages", {}).items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            raise PluginError(f"docs/{path} is hand-written but the playbook also generates it; rename one of them")
        files.append(File.generated(config, path, content=content))
    return files


def on_serve(server, config, builder, **kwargs):
    server.watch(_state.get("root") or _playbook_dir(config))
    return server
