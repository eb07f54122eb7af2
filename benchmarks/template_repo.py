"""A design-system-like guidance repository, and how many findings land in template syntax.

``python benchmarks/template_repo.py OUT`` writes OUT/pages/*.md: pages in the style of a
design system's guidance (front matter, Nunjucks imports and example macros, component macros
over several lines with object arguments, Liquid loops, Jinja comments, Hugo shortcodes,
kramdown attribute lists, MkDocs admonitions), with prose of our own around them, and
OUT/spans.json: for each page the exact template spans, recorded as the page is written (not
found afterwards). ``python benchmarks/template_repo.py OUT REPORT.json`` then reads a
``plainlint check --format json`` report of OUT/pages and prints how many findings lie wholly
inside template syntax, how many reading-age findings name a sentence with template syntax as
one of the hardest, and the average reading age.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

PROSE = [
    "Use this component when people need to choose one option from a short list.",
    "Do not use it if people might need to pick more than one answer.",
    "Keep the labels short and start each one with a capital letter.",
    "Test the page with people who use screen readers before you publish it.",
    "If the list is long, group the options or use a different pattern.",
    "Tell people what went wrong and how to fix it, next to the question.",
    "Stakeholders going forward should be consulted before any change is made.",
    "We will utilise the findings of the research to improve the guidance.",
    "Ask only for the information you need to deliver the service.",
    "Show the page title as the main heading so people know where they are.",
]
MACROS = [
    '{{ example({ group: "components", item: "%s", example: "default", html: true, '
    'nunjucks: true, open: false, size: "m", titleSuffix: "second", '
    'caption: "The form was submitted by the user and then it was processed by the system" }) }}',
    '{{ govukRadios({\n  name: "%s",\n  fieldset: {\n    legend: {\n      text: "Where do you '
    'live?",\n      isPageHeading: true\n    }\n  },\n  items: [\n    { value: "england", '
    'text: "England" },\n    { value: "wales", text: "Wales" }\n  ]\n}) }}',
    '{{< figure src="%s.png" caption="A screenshot of the component as it is rendered" >}}',
]
TAGS = [
    '{%% from "_example.njk" import example %%}',
    '{%% from "govuk/components/%s/macro.njk" import govukRadios %%}',
    "{# TODO: the stakeholders want a new example here, going forward #}",
]
LOOP = "{% for item in collections.%s %}\n- [{{ item.data.title }}]({{ item.url }})\n{% endfor %}"


class Page:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[tuple[int, int]] = []

    def text(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)

    def template(self, s: str) -> None:
        self.spans.append((self.length, self.length + len(s)))
        self.text(s)


def build(out: Path, pages: int = 40, seed: int = 21) -> None:
    rnd = random.Random(seed)
    folder = out / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    spans: dict[str, list[tuple[int, int]]] = {}
    for n in range(pages):
        name = f"component-{n:02d}"
        page = Page()
        page.text(f"---\ntitle: Component {n}\nlayout: layout-pane.njk\n---\n\n")
        page.template(TAGS[0] % ())
        page.text("\n")
        page.template(TAGS[1] % name)
        page.text("\n\n")
        page.text(f"# Component {n}\n\n")
        for section in ("When to use this component", "How it works", "Research on this"):
            page.text(f"## {section}\n\n")
            page.text(" ".join(rnd.sample(PROSE, 3)) + "\n\n")
            page.template(rnd.choice(MACROS).replace("%s", name))
            page.text("\n\n")
            page.text("Ask the ")
            page.template("{{ service.name }}")
            page.text(" team before you change it. ")
            page.template("{: .govuk-body-l }")
            page.text("\n\n")
            if rnd.random() < 0.5:
                page.template(TAGS[2])
                page.text("\n\n")
            if rnd.random() < 0.4:
                loop = LOOP.replace("%s", name)
                for line in loop.split("\n"):
                    if line.startswith("- "):
                        page.text("- [")
                        page.template("{{ item.data.title }}")
                        page.text("](")
                        page.template("{{ item.url }}")
                        page.text(")\n")
                    else:
                        page.template(line)
                        page.text("\n")
                page.text("\n")
        page.text('!!! note "Accessibility"\n    ' + rnd.choice(PROSE) + "\n")
        (folder / f"{name}.md").write_text("".join(page.parts), encoding="utf-8")
        spans[f"{name}.md"] = page.spans
    (out / "spans.json").write_text(json.dumps(spans), encoding="utf-8")


def measure(out: Path, report: Path) -> dict[str, float]:
    spans = json.loads((out / "spans.json").read_text(encoding="utf-8"))
    data = json.loads(report.read_text(encoding="utf-8"))
    inside = named = reading_age = 0
    ages: list[float] = []
    for f in data["files"]:
        name = Path(f["path"]).name
        page_spans = spans[name]
        text = (out / "pages" / name).read_text(encoding="utf-8")
        for x in f["findings"]:
            if any(s <= x["offset"] and x["end_offset"] <= e for s, e in page_spans):
                inside += 1
            if x["rule"] == "reading-age":
                reading_age += 1
                for h in (x.get("data") or {}).get("sentences", []):
                    a, b = h.get("offset", 0), h.get("end_offset", 0)
                    if any(a < e and s < b for s, e in page_spans) and "{{" in text[a:b]:
                        named += 1
                        break
        age = f["metrics"].get("readability", {}).get("reading_age")
        if age is not None:
            ages.append(age)
    return {"files": len(data["files"]), "findings": sum(len(f["findings"]) for f in
                                                         data["files"]),
            "inside_template": inside, "reading_age_findings": reading_age,
            "naming_template": named,
            "mean_reading_age": round(sum(ages) / len(ages), 1) if ages else 0.0}


if __name__ == "__main__":
    target = Path(sys.argv[1])
    if len(sys.argv) > 2:
        print(json.dumps(measure(target, Path(sys.argv[2])), indent=2))
    else:
        build(target)
