"""Setting a generated page's HTML blocks aside while Python-Markdown renders it changes nothing (raw_html.py).

The oracle is Python-Markdown rendering the whole page, with the extensions mkdocs.yml lists, and
MkDocs's own collector of anchor ids, on every page the bundled playbook generates.
"""
from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.structure.pages import _HTMLHandler
from mkdocs.utils import meta

from playbook import pages
from playbook.load import load_playbook
from playbook_mkdocs.raw_html import MIN_LENGTH, put_back, set_aside

ROOT = Path(__file__).resolve().parent.parent


def _extensions():
    listed = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nextra:", 1)[0].split("markdown_extensions:", 1)[1])
    names, configs = [], {}
    for item in listed:
        if isinstance(item, dict):
            (name, conf), = item.items()
            names.append(name)
            configs[name] = conf or {}
        else:
            names.append(item)
    return names, configs


def render(text: str) -> str:
    names, configs = _extensions()
    return markdown.Markdown(extensions=names, extension_configs=configs).convert(text)


def anchors(text: str) -> set[str]:
    handler = _HTMLHandler()
    handler.feed(text)
    handler.close()
    return handler.present_anchor_ids


def generated_pages(folder: Path):
    out = pages.generate(load_playbook(str(folder)))
    return {path: meta.get_data(text)[0] for path, text in out.items() if path.endswith(".md") and isinstance(text, str)}


PAGES = generated_pages(ROOT / "playbook")
BIG = "<p>" + "words " * (MIN_LENGTH // 5) + "</p>"
# The injection fixture: every field holds hostile text (tags, Markdown, md_in_html attributes, placeholders' look-alikes).
HOSTILE = generated_pages(ROOT / "tests" / "fixtures" / "injection" / "playbook")


def rendered_as_the_plugin_does(body: str) -> tuple[str, set[str]]:
    """on_page_markdown, render, on_page_content; the page rendered whole when a placeholder does not come back."""
    aside_md, aside = set_aside(body)
    try:
        return put_back(render(aside_md), aside), anchors(aside_md) | aside.anchor_ids()
    except ValueError:
        return render(aside.original), anchors(aside.original)


@pytest.mark.parametrize("path", sorted(PAGES))
def test_every_generated_page_renders_the_same_with_its_blocks_set_aside(path):
    body = PAGES[path]
    aside_md, aside = set_aside(body)
    assert put_back(render(aside_md), aside) == render(body)  # the bundled pages never need the fallback
    assert anchors(aside_md) | aside.anchor_ids() == anchors(body)


@pytest.mark.parametrize("path", sorted(HOSTILE))
def test_hostile_pages_render_the_same_too(path):
    body = HOSTILE[path]
    assert rendered_as_the_plugin_does(body) == (render(body), anchors(body))


def test_a_div_inside_another_block_falls_back_to_rendering_the_page_whole():
    text = f"<section>\n\n<div>{BIG}</div>\n\n</section>\n"
    aside_md, aside = set_aside(text)
    assert aside.blocks  # set aside, but Python-Markdown keeps the placeholder inside the raw <section>
    with pytest.raises(ValueError):
        put_back(render(aside_md), aside)
    assert rendered_as_the_plugin_does(text) == (render(text), anchors(text))


def test_the_large_pages_are_the_ones_set_aside():
    for path in ("quick-reference.md", "onboarding/practice.md", "check-my-draft.md", "scenarios/job-applicant.md"):
        aside_md, aside = set_aside(PAGES[path])
        assert aside.blocks, path
        assert len(aside_md) < len(PAGES[path]) / 4, path




def test_a_block_with_a_markdown_attribute_stays():
    text = f'intro\n\n<div markdown="1">\n\n*emphasis*\n\n{BIG}</div>\n\nafter\n'
    assert set_aside(text)[1].blocks == []
    text = f'intro\n\n<div>{BIG} <span markdown="1">*x*</span></div>\n\nafter\n'
    assert set_aside(text)[1].blocks == []
    text = f'intro\n\n<div>{BIG} the words markdown="1" as text</div>\n\nafter\n'
    assert len(set_aside(text)[1].blocks) == 1


def test_a_nested_div_is_not_set_aside_on_its_own():
    text = f'<div markdown="1">\n\n<div>{BIG}</div>\n\n</div>\n'
    assert set_aside(text)[1].blocks == []


def test_a_block_with_text_after_it_on_its_line_stays():
    text = f"intro\n\n<div>{BIG}</div> and more\n\nafter\n"
    assert set_aside(text)[1].blocks == []


def test_blocks_and_markdown_between_them():
    text = f"# Title\n\n<div id=\"one\">{BIG}</div>\n\nSome *Markdown* [link](#one).\n\n<div><a name=\"two\"></a>{BIG}</div>\n"
    aside_md, aside = set_aside(text)
    assert len(aside.blocks) == 2
    assert put_back(render(aside_md), aside) == render(text)
    assert aside.anchor_ids() == {"one", "two"}


def test_a_small_block_is_not_worth_a_placeholder():
    assert set_aside("<div>small</div>\n")[1].blocks == []


def test_a_lost_placeholder_is_an_error_not_a_silent_gap():
    aside_md, aside = set_aside(f"<div>{BIG}</div>\n")
    with pytest.raises(ValueError, match="placeholder"):
        put_back("<p>something else</p>", aside)
