"""JSON Schemas for editors, generated from the model (never written by hand).

`playbook schema` rewrites schema/*.schema.json; a test fails if they differ
from what the model gives, so the committed files cannot drift.
"""
from __future__ import annotations

import json
import os
from enum import Enum

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from . import model

SCHEMAS: dict[str, type[BaseModel]] = {
    "organization": model.Organization,
    "scenario": model.Scenario,
    "compliance": model.Compliance,
    "danger": model.Danger,
    "approvals": model.Approvals,
}
_ENUMS = {cls.__name__: cls for cls in vars(model).values() if isinstance(cls, type) and issubclass(cls, Enum)}


class _Generator(GenerateJsonSchema):
    def enum_schema(self, schema):
        out = super().enum_schema(schema)
        cls = schema["cls"]
        docs = getattr(cls, "__descriptions__", {})
        # yaml-language-server and VS Code show these beside each choice.
        out["markdownEnumDescriptions"] = [docs[m.value] for m in cls]
        out["enumDescriptions"] = out["markdownEnumDescriptions"]
        out["description"] = "; ".join(f"{m.value}: {docs[m.value]}" for m in cls)
        return out


def build(name: str) -> dict:
    schema = SCHEMAS[name].model_json_schema(schema_generator=_Generator)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{name}.schema.json"
    return schema


def render(name: str) -> str:
    return json.dumps(build(name), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_all(folder: str) -> list[str]:
    os.makedirs(folder, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = os.path.join(folder, f"{name}.schema.json")
        text = render(name)
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old != text:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
            written.append(path)
    return written
