"""Load a playbook folder into the model, turning every fault into a Problem with file:line."""
from __future__ import annotations

import contextlib
import difflib
import gc
import os
from dataclasses import dataclass, field
from typing import Any, Optional

from pydantic import BaseModel, ValidationError

from . import model
from .problems import Problem
from .yamlsafe import Document, load as load_yaml, load_text, read_text



@dataclass
class Loaded:
    """A model object together with the document it came from (for positions)."""

    obj: Any
    doc: Document

    @property
    def path(self) -> str:
        return self.doc.path


@dataclass
class Playbook:
    root: str
    organization: Optional[Loaded] = None
    compliance: Optional[Loaded] = None
    danger: Optional[Loaded] = None   # danger.yaml, optional: without it the box has no danger screen
    # The approval ledger (approvals.yaml); optional: without it nothing is approved.
    approvals: Optional[Loaded] = None
    scenarios: list[Loaded] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Scenarios that failed validation but whose tree is valid: the graph is still checked,
    # so one run reports every problem (obj is a namespace with only `tree`).
    partial_trees: list[Loaded] = field(default_factory=list)
    # File names (without .yaml) of scenarios that failed to load: their replies are unknown.
    failed_scenarios: set[str] = field(default_factory=set)

    @property
    def org(self) -> Optional[model.Organization]:
        return self.organization.obj if self.organization else None

    def scenario_list(self) -> list[model.Scenario]:
        return [s.obj for s in self.scenarios]


def display_path(path: str) -> str:
    """Paths are shown relative to the current directory when that is shorter, as editors expect."""
    rel = os.path.relpath(path)
    return rel if not rel.startswith("../..") else path


def _display(root: str, path: str) -> str:
    return display_path(path)


def _field_names(cls: type[BaseModel]) -> list[str]:
    return list(cls.model_fields)


def _model_at(cls: type[BaseModel], loc: tuple) -> Optional[type[BaseModel]]:
    """Follow a pydantic error location through the model classes (for 'did you mean')."""
    import typing

    current: Any = cls
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel):
            if isinstance(part, str) and part in current.model_fields:
                current = current.model_fields[part].annotation
                continue
            return None
        origin = typing.get_origin(current)
        args = typing.get_args(current)
        if origin in (list, dict):
            current = args[-1]
        elif origin is typing.Union or str(origin) == "types.UnionType":
            current = next((a for a in args if a is not type(None)), None)
            if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str) and part in current.model_fields:
                current = current.model_fields[part].annotation
        else:
            return None
    while typing.get_origin(current) is typing.Union:
        current = next((a for a in typing.get_args(current) if a is not type(None)), None)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _describe_loc(loc: tuple) -> str:
    return ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in loc).replace(".[", "[")


def validation_problems(exc: ValidationError, doc: Document, cls: type[BaseModel]) -> list[Problem]:
    out: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        is_key = bool(loc) and loc[-1] == "[key]"
        if is_key:
            loc = loc[:-1]
        name = _describe_loc(loc) or "top level"
        hint = ""
        if kind == "extra_forbidden":
            line, col = doc.where_key(loc)
            parent = _model_at(cls, loc[:-1])
            field = str(loc[-1])
            code, msg = "PB200", f"unknown field {field!r}"
            if parent:
                close = difflib.get_close_matches(field, _field_names(parent), n=1)
                hint = f"did you mean {close[0]!r}?" if close else "allowed: " + ", ".join(_field_names(parent))
        elif kind == "missing":
            line, col = doc.where(loc[:-1])
            code, msg = "PB201", f"required field {str(loc[-1])!r} is missing" + (f" in {_describe_loc(loc[:-1])}" if loc[:-1] else "")
        elif kind == "enum":
            line, col = doc.where_key(loc) if is_key else doc.where(loc)
            expected = err.get("ctx", {}).get("expected", "")
            given = str(err.get("input"))
            code, msg = "PB203", f"{name}: {given!r} is not allowed" if not is_key else f"{name}: key not allowed"
            choices = [c.strip(" '") for c in expected.replace(" or ", ", ").split(",") if c.strip()]
            close = difflib.get_close_matches(given, choices, n=1)
            hint = (f"did you mean {close[0]!r}? " if close else "") + f"choose one of: {', '.join(choices)}"
        elif kind in ("string_pattern_mismatch", "greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            line, col = doc.where_key(loc) if is_key else doc.where(loc)
            code = "PB204"
            if kind == "string_pattern_mismatch":
                pattern = err.get("ctx", {}).get("pattern", "")
                if pattern == model.ID_PATTERN:
                    msg = f"{name}: {str(err.get('input'))!r} is not a valid id"
                    hint = "use lower-case letters, digits, '-' and '_'"
                elif pattern == model.REPLY_REF_PATTERN:
                    msg = f"{name}: {str(err.get('input'))!r} is not SCENARIO/REPLY"
                    hint = "write the scenario id and the reply id, e.g. negative-comment/offline"
                elif pattern == model.SHA256_PATTERN:
                    msg = f"{name}: {str(err.get('input'))!r} is not a SHA-256 (64 hex digits)"
                    hint = "let playbook approve write it"
                elif "mhd" in pattern:
                    msg = f"{name}: {str(err.get('input'))!r} is not a duration"
                    hint = "write a number and m, h or d, e.g. 15m, 1h, 3d"
                else:
                    msg = f"{name}: value has the wrong form"
            else:
                msg = f"{name}: {err['msg'].lower()}"
        elif kind in ("too_short", "too_long", "string_too_short", "string_too_long"):
            line, col = doc.where(loc)
            code, msg = "PB205", f"{name}: {err['msg'].lower()}"
        else:
            line, col = doc.where(loc)
            code, msg = "PB202", f"{name}: {err['msg'].lower()}"
            if kind in ("dict_type", "model_type", "model_attributes_type"):
                hint = "expected fields indented under this key"
            elif kind == "list_type":
                hint = "expected a list: put each item on its own line starting with '- '"
        out.append(Problem(doc.path, line, col, code, msg, hint))
    return out


def _url_problems(doc: Document, values: list[tuple[tuple, Optional[str]]]) -> list[Problem]:
    out = []
    for loc, url in values:
        if url is None:
            continue
        if not url.strip().lower().startswith(model.URL_SCHEMES):
            line, col = doc.where(loc)
            out.append(Problem(doc.path, line, col, "PB208", f"{_describe_loc(loc)}: {url[:60]!r} is not an allowed URL",
                               "start it with https:// (or mailto: / tel:)"))
    return out


def _validate(doc: Document, cls: type[BaseModel]) -> tuple[Optional[BaseModel], list[Problem]]:
    try:
        return cls.model_validate(doc.data), []
    except ValidationError as exc:
        return None, validation_problems(exc, doc, cls)


def load_file(path: str, cls: type[BaseModel], display: str) -> tuple[Optional[Loaded], list[Problem]]:
    doc, problems = load_yaml(path, display)
    if doc is None:
        return None, problems
    obj, more = _validate(doc, cls)
    problems += more
    if obj is None:
        return None, problems
    return Loaded(obj, doc), problems


@dataclass
class ScenarioFile:
    """One file in scenarios/, loaded on its own: what load_playbook and the cached check (check_cache.py) build on."""

    name: str                          # file name, e.g. negative-comment.yaml
    display: str                       # the path as problems show it
    problems: list[Problem]            # file, YAML and format problems, and an id that does not match the name
    loaded: Optional[Loaded] = None    # the scenario, if it validated
    partial: Optional[Loaded] = None   # else its tree, if that validated (its graph is still checked)

    @property
    def id_position(self) -> tuple[int, int]:
        return self.loaded.doc.where(("id",)) if self.loaded else (1, 1)


def scenario_names(root: str) -> list[str]:
    """The scenario files of a playbook, in the order they are loaded and reported."""
    folder = os.path.join(root, "scenarios")
    names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    return [n for n in names if n.endswith((".yaml", ".yml")) and not n.startswith(".")]


def load_scenario_file(root: str, name: str, text: Optional[str] = None, text_problems: Optional[list[Problem]] = None) -> ScenarioFile:
    """Load and validate scenarios/NAME. `text`/`text_problems`: the file as yamlsafe.read_text already read it."""
    path = os.path.join(root, "scenarios", name)
    display = _display(root, path)
    if text is None and text_problems is None:
        text, text_problems = read_text(path, display)
    if text is None:
        return ScenarioFile(name, display, list(text_problems or []))
    doc, problems = load_text(text, display)
    if doc is None:
        return ScenarioFile(name, display, problems)
    scen, more = _validate(doc, model.Scenario)
    problems += more
    if scen is None:
        return ScenarioFile(name, display, problems, partial=_partial_tree(doc, problems))
    stem = name.rsplit(".", 1)[0]
    if scen.id != stem:
        line, col = doc.where(("id",))
        problems.append(Problem(display, line, col, "PB206", f"id {scen.id!r} does not match the file name {name!r}",
                                f"rename the file to {scen.id}.yaml or change the id to {stem!r}"))
    return ScenarioFile(name, display, problems, loaded=Loaded(scen, doc))


def _partial_tree(doc: Document, problems: list[Problem]) -> Optional[Loaded]:
    from types import SimpleNamespace

    if not problems or problems[0].code[:3] in ("PB1",):  # the YAML itself is faulty: nothing to salvage
        return None
    tree_data = doc.data.get("tree") if isinstance(doc.data, dict) else None
    if tree_data is None:
        return None
    try:
        tree = model.Tree.model_validate(tree_data)
    except ValidationError:
        return None
    return Loaded(SimpleNamespace(tree=tree), doc)


def duplicate_id(display: str, position: tuple[int, int], sid: str, first: str) -> Problem:
    return Problem(display, position[0], position[1], "PB207", f"id {sid!r} is already used by {first}")


@contextlib.contextmanager
def paused_gc():
    """Pause the cyclic garbage collector while loading: loading makes hundreds of thousands of objects
    that all stay alive and form no cycles, and the collector would otherwise walk them again and again
    (half the load time at 1,000 scenarios, bench/run.py)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_playbook(root: str) -> Playbook:
    """Load every file of a playbook."""
    with paused_gc():
        return _load_playbook(root)


def load_shared(root: str) -> Playbook:
    """A playbook with its shared files (organization.yaml, compliance.yaml, danger.yaml, approvals.yaml) loaded, and no scenarios yet."""
    pb = Playbook(root=root)
    org_path = os.path.join(root, "organization.yaml")
    if not os.path.isfile(org_path):
        pb.problems.append(Problem(_display(root, org_path), 1, 1, "PB112", "organization.yaml is missing; every playbook needs one"))
    else:
        pb.organization, probs = load_file(org_path, model.Organization, _display(root, org_path))
        pb.problems += probs
        if pb.organization:
            org, doc = pb.organization.obj, pb.organization.doc
            urls = [(("website",), org.website)] + [(("links", k), v) for k, v in org.links.items()]
            urls += [(("contacts", k, "web_form"), c.web_form) for k, c in org.contacts.items()]
            for i, loc in enumerate(org.locations):
                urls += [(("locations", i, "links", k), v) for k, v in loc.links.items()]
                urls += [(("locations", i, "contacts", k, "web_form"), c.web_form) for k, c in loc.contacts.items()]
            pb.problems += _url_problems(doc, urls)

    comp_path = os.path.join(root, "compliance.yaml")
    if os.path.isfile(comp_path):
        pb.compliance, probs = load_file(comp_path, model.Compliance, _display(root, comp_path))
        pb.problems += probs
    else:
        pb.problems.append(Problem(_display(root, comp_path), 1, 1, "PB112", "compliance.yaml is missing; without it no reply is checked"))

    danger_path = os.path.join(root, "danger.yaml")
    if os.path.isfile(danger_path):
        pb.danger, probs = load_file(danger_path, model.Danger, _display(root, danger_path))
        pb.problems += probs  # a danger.yaml that does not load means no danger screen: never silently
    ledger_path = os.path.join(root, "approvals.yaml")
    if os.path.isfile(ledger_path):
        pb.approvals, probs = load_file(ledger_path, model.Approvals, _display(root, ledger_path))
        pb.problems += probs
    return pb


def _load_playbook(root: str) -> Playbook:
    pb = load_shared(root)
    seen: dict[str, str] = {}
    for name in scenario_names(root):
        sf = load_scenario_file(root, name)
        pb.problems += sf.problems
        if sf.loaded is None:
            pb.failed_scenarios.add(name.rsplit(".", 1)[0])
            if sf.partial is not None:
                pb.partial_trees.append(sf.partial)
            continue
        sid = sf.loaded.obj.id
        if sid in seen:
            pb.problems.append(duplicate_id(sf.display, sf.id_position, sid, seen[sid]))
            continue
        seen[sid] = sf.display
        pb.scenarios.append(sf.loaded)
    return pb
