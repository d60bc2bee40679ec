"""Build the site with Zensical: a thin adapter, like the MkDocs plugin (scripts/playbook_mkdocs/).

Zensical reads mkdocs.yml but runs no MkDocs plugins, so the generated pages
(and the package's styles and scripts) must be on disk. This copies docs/ into a work folder, writes the generated
pages into that copy with the core (playbook.pages.write_pages), derives a
config whose docs_dir and site_dir point inside the work folder (Zensical
requires both under the config file's folder) and runs `zensical build`.

    python scripts/zensical_build.py [--playbook DIR] [--work DIR] [--site DIR]

Only `zensical build` is run: it writes files and starts no server.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def prepare(playbook_dir: str, work: str, config_path: str = os.path.join(ROOT, "mkdocs.yml")) -> str:
    """Write work/docs (hand-written + generated pages) and work/mkdocs.yml; return the config path."""
    from playbook.check import check_dir
    from playbook.git import history
    from playbook.pages import expand_markers, make_site, write_pages
    from playbook.problems import ERROR
    from playbook.templating import override_dirs_for
    from playbook.views.assets import script_paths, style_paths

    pb, found = check_dir(playbook_dir)
    errors = [p for p in found if p.severity == ERROR]
    if errors:
        raise SystemExit("\n".join(p.format() for p in errors) + f"\nthe playbook has {len(errors)} error(s)")
    with open(config_path, encoding="utf-8") as fh:
        config = yaml.safe_load(fh)
    base = os.path.dirname(os.path.abspath(config_path))
    src_docs = os.path.join(base, config.get("docs_dir", "docs"))
    theme = config.setdefault("theme", {})
    custom_dir = os.path.join(base, theme["custom_dir"]) if theme.get("custom_dir") else None
    docs = os.path.join(work, "docs")
    os.makedirs(work, exist_ok=True)
    # Fresh copy each time, so a page deleted from docs/ or the playbook does not linger.
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(src_docs, docs)
    overrides = override_dirs_for(custom_dir)
    site = make_site(overrides=overrides, history=history(playbook_dir))
    # Hand-written pages may ask for generated blocks (<!-- playbook:what-came-in -->): expand them in the copy.
    for path in sorted(Path(docs).rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        expanded = expand_markers(text, path.relative_to(docs).as_posix(), pb, site)
        if expanded != text:
            path.write_text(expanded, encoding="utf-8")
    write_pages(pb, docs, site=site)
    # Zensical runs no MkDocs plugin: the pages are on disk now, and the styles and scripts are listed here.
    config.pop("hooks", None)
    config["plugins"] = [p for p in config.get("plugins", []) if p != "playbook" and not (isinstance(p, dict) and "playbook" in p)]
    config["extra_css"] = style_paths() + [p for p in config.get("extra_css", []) if p not in style_paths()]
    config["extra_javascript"] = script_paths() + [p for p in config.get("extra_javascript", []) if p not in script_paths()]
    if custom_dir:
        theme["custom_dir"] = custom_dir
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    out = os.path.join(work, "mkdocs.yml")
    with open(out, "w", encoding="utf-8") as fh:
        yaml.safe_dump(config, fh, sort_keys=False, allow_unicode=True)
    return out


def build(config_file: str, strict: bool = False) -> subprocess.CompletedProcess:
    zensical = os.path.join(os.path.dirname(sys.executable), "zensical")
    cmd = [zensical, "build", "--clean", "-f", config_file] + (["--strict"] if strict else [])
    return subprocess.run(cmd, cwd=os.path.dirname(config_file), capture_output=True, text=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--playbook", default=os.path.join(ROOT, "playbook"))
    parser.add_argument("--work", default=os.path.join(ROOT, ".build", "zensical"))
    parser.add_argument("--site", default=None, help="move the built site here (default: WORK/site)")
    args = parser.parse_args(argv)
    config_file = prepare(args.playbook, os.path.abspath(args.work))
    result = build(config_file)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    if result.returncode != 0:
        return result.returncode
    site = os.path.join(os.path.abspath(args.work), "site")
    if args.site:
        shutil.rmtree(args.site, ignore_errors=True)
        shutil.move(site, args.site)
        site = args.site
    print(f"Built {site} with Zensical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
