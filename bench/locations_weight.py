"""Page weight with one location and with five: the pages that carry the location picker.

    .venv/bin/python bench/locations_weight.py          # generated pages only (fast)
    .venv/bin/python bench/locations_weight.py --html   # also the built HTML (two mkdocs builds)

The bundled playbook is copied twice: once with only its first (default) location,
once with five (its three and two more, each with its own patient relations,
scheduling and records contacts). Figures are in docs/decisions/012-locations.md;
tests/test_locations.py asserts the 1.3x bound on the generated pages.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from playbook import yamlsafe  # noqa: E402
from playbook.check import check_dir  # noqa: E402
from playbook.pages import generate  # noqa: E402

EXTRA = """  - id: north-campus
    name: Riverbend North Campus (example)
    contacts:
      patient_relations: {name: North Campus Patient Relations (example), email: north.relations@example.org, phone: "+1 555-0160", hours: Mon–Fri 8am–5pm}
      scheduling: {name: North Campus Scheduling (example), phone: "+1 555-0161", web_form: https://north.example.org/appointments, hours: Mon–Fri 7am–6pm}
      records: {name: North Campus Records (example), email: north.records@example.org, phone: "+1 555-0162", hours: Mon–Fri 9am–4pm}
    links:
      appointments: https://north.example.org/appointments
  - id: riverside-pediatrics
    name: Riverside Pediatrics Clinic (example)
    contacts:
      patient_relations: {name: Riverside Pediatrics Office Manager (example), email: riverside.office@example.org, phone: "+1 555-0170", hours: Mon–Fri 8am–4pm}
      scheduling: {name: Riverside Pediatrics Front Desk (example), phone: "+1 555-0171", hours: Mon–Sat 8am–noon}
      records: {name: Riverside Pediatrics Records (example), email: riverside.records@example.org, phone: "+1 555-0172", hours: Wed 9am–3pm}
    links:
      appointments: https://www.example.org/riverside/appointments
"""
# The pages with a location picker.
PICKER_PAGES = ("quick-reference.md", "escalation-map.md", "onboarding/practice.md")


def playbook_with(locations: int, dest: Path) -> Path:
    """A copy of the bundled playbook with its first location only (1) or with five (5)."""
    shutil.copytree(ROOT / "playbook", dest)
    org = dest / "organization.yaml"
    text = org.read_text(encoding="utf-8")
    head, rest = text.split("locations:\n", 1)
    body, tail = rest.split("\npolicies:\n", 1)
    if locations == 1:
        body = body.split("  - id: childrens-hospital\n", 1)[0]
    elif locations == 5:
        body = body.rstrip("\n") + "\n" + EXTRA
    else:
        raise ValueError(locations)
    org.write_text(head + "locations:\n" + body + "\npolicies:\n" + tail, encoding="utf-8")
    return dest


def page_sizes(playbook: Path) -> dict[str, int]:
    """Bytes of each generated page that has a location picker."""
    pb, problems = check_dir(str(playbook))
    assert not [p for p in problems if p.severity == "error"], [p.format() for p in problems]
    pages = generate(pb, dt.date(2026, 11, 28))
    names = [p for p in pages if p.startswith("scenarios/") and p != "scenarios/index.md"] + list(PICKER_PAGES)
    return {name: len(pages[name].encode("utf-8")) for name in sorted(names)}


def html_sizes(playbook: Path, out: Path) -> dict[str, int]:
    env = dict(os.environ, PLAYBOOK_DIR=str(playbook), NO_MKDOCS_2_WARNING="1")
    subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-d", str(out)],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    sizes = {}
    for name in page_sizes(playbook):
        html = out / name[:-3] / "index.html"
        sizes[name] = html.stat().st_size
    return sizes


def table(one: dict[str, int], five: dict[str, int]) -> str:
    lines = ["| page | 1 location | 5 locations | ratio |", "| --- | ---: | ---: | ---: |"]
    for name in one:
        lines.append(f"| {name} | {one[name]:,} | {five[name]:,} | {five[name] / one[name]:.3f} |")
    a, b = sum(one.values()), sum(five.values())
    lines.append(f"| **all {len(one)} pages** | {a:,} | {b:,} | {b / a:.3f} |")
    return "\n".join(lines)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        one = playbook_with(1, Path(tmp) / "one")
        five = playbook_with(5, Path(tmp) / "five")
        print("Generated pages (bytes):\n")
        print(table(page_sizes(one), page_sizes(five)))
        if "--html" in sys.argv:
            print("\nBuilt HTML (bytes):\n")
            print(table(html_sizes(one, Path(tmp) / "site-one"), html_sizes(five, Path(tmp) / "site-five")))


if __name__ == "__main__":
    main()
