"""Jinja2 templates: where view data becomes HTML and Markdown. The one module that creates Markup.

Python (views/) prepares plain data: strings, numbers, lists and dicts. The
templates under templates/ turn it into pages. Escaping is the default, not a
habit:

* autoescape is on for every template, so every `{{ value }}` is escaped;
* `finalize` also encodes line breaks (`&#10;`), so no text from the playbook
  can hold a blank line that would end a raw HTML block and hand the rest of
  the text to Markdown;
* StrictUndefined: a misspelt variable stops the build instead of printing
  nothing;
* playbook text is only ever *data*: no template is compiled from it, so
  `{{ }}` or `{% %}` written in YAML stays text.

An organisation overrides any template by putting a file with the same path
under `overrides/playbook/` (with `overrides/` as MkDocs' `theme.custom_dir`):
the loader looks there first. See docs/customising.md.

HTML templates (`*.html`) are written on several lines for people, but pages
are Markdown, in which a raw HTML block must stay in one piece: so when an
`.html` template is loaded, each line break and the indentation after it are
removed (kept as a comment, so error messages still name the right line). Keep running text on one line; put a tag or `{{ }}` at the start of
each continuation line.

Nothing else in the package, and no override, may create Markup or use
`|safe` (tests/test_templates.py enforces this).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterable

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError
from jinja2.ext import Extension
from markupsafe import Markup

PACKAGE_TEMPLATES = Path(__file__).resolve().parent / "templates"
# Under an MkDocs theme's custom_dir, our templates live in this sub-folder,
# so they never clash with the theme's own overrides (main.html, partials/...).
OVERRIDE_SUBDIR = "playbook"

_TOKEN = re.compile(r"\{[%{#]|[%}#]\}|\n[ \t]*")
_CLOSES = {"{%": "%}", "{{": "}}", "{#": "#}"}


class OneLineHtml(Extension):
    """Drop line breaks and the indentation after them from .html templates (see the module docstring).

    Each one becomes a Jinja comment that holds it, so the output loses it but
    the source keeps its lines: error messages still give the right line number."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if not (name and name.endswith(".html")):
            return source
        out, pos, closing = [], 0, None
        for m in _TOKEN.finditer(source):
            token = m.group(0)
            if closing:  # inside a tag, an expression or a comment: leave it alone
                if token == closing:
                    closing = None
                continue
            if token in _CLOSES:
                closing = _CLOSES[token]
            elif token.startswith("\n"):
                out.append(source[pos:m.start()] + "{#" + token + "#}")
                pos = m.end()
        out.append(source[pos:])
        return "".join(out)


def _finalize(value: Any) -> Any:
    """Every `{{ value }}`: escaped, with line breaks encoded. Markup (from a macro or a filter here) passes as is."""
    if isinstance(value, Markup):
        return value
    if value is None:
        raise TemplateError("a template printed None; give the view a value or test it with {% if %}")
    # Same entities as Python's html.escape, so output reads the same as before the templates.
    # Written out rather than markupsafe.escape + replace: this runs for every value on every
    # page, and each Markup made on the way costs more than the replacing (bench/run.py).
    text = str(value)
    if "&" in text:
        text = text.replace("&", "&amp;")
    return Markup(text.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")
                  .replace("\r", "&#13;").replace("\n", "&#10;"))


def describe_error(exc: TemplateError) -> str:
    """'path/to/template.html:LINE: template error: message', for a mistake in a template (often an override)."""
    import os

    filename, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if not filename:  # a runtime error (e.g. an undefined variable): find the template's frame
        tb = exc.__traceback__
        while tb is not None:
            name = tb.tb_frame.f_code.co_filename
            if name.endswith((".html", ".md")) and os.path.isfile(name):
                filename, line = name, tb.tb_lineno
            tb = tb.tb_next
    where = f"{os.path.relpath(filename)}:{line or 1}: " if filename else ""
    return f"{where}template error: {getattr(exc, 'message', None) or exc}"


def json_script(value: Any) -> Markup:
    """JSON to put inside <script type="application/json">: no text can close the element."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def front_matter(fields: dict[str, Any]) -> Markup:
    """YAML front matter, one JSON-encoded value per key (JSON is valid YAML and needs no escaping rules of its own)."""
    lines = ["---"] + [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()] + ["---"]
    return Markup("\n".join(lines) + "\n")


def number(value: int) -> str:
    """1234 -> '1,234'."""
    return f"{value:,}"


def environment(override_dirs: Iterable[str | Path] = ()) -> Environment:
    """The template environment: override folders first, then the packaged templates."""
    searchpath = [str(d) for d in override_dirs] + [str(PACKAGE_TEMPLATES)]
    env = Environment(
        loader=FileSystemLoader(searchpath),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=[OneLineHtml],
    )
    env.filters["number"] = number
    env.globals["front_matter"] = front_matter
    env.globals["json_script"] = json_script
    return env


def override_dirs_for(custom_dir: str | Path | None) -> list[Path]:
    """The override folder inside a theme's custom_dir, if it exists."""
    if not custom_dir:
        return []
    folder = Path(custom_dir) / OVERRIDE_SUBDIR
    return [folder] if folder.is_dir() else []
