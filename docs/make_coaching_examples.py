"""Write docs/coaching-examples.md: representative plans as a runner sees them, for review.

    .venv/bin/python docs/make_coaching_examples.py           rewrite docs/coaching-examples.md
    .venv/bin/python docs/make_coaching_examples.py --check   exit 1 when it is out of date

The requests, with a title, why each is in the set and a hand-written line on why its
plan looks as it does, are in docs/coaching_examples.yaml. tests/test_coaching_examples.py
fails when the page and the planner differ, so after a planner change run this script,
read the plans again and fix any explanation that no longer holds; never edit the page by
hand.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from rollcoach import plan
from rollcoach.knowledge import Knowledge, load_knowledge
from rollcoach.models import PlanResponse
from rollcoach.models.plan_response import Exclusion, Step, Stretch

DOCS = Path(__file__).resolve().parent
CASES = DOCS / "coaching_examples.yaml"
OUT = DOCS / "coaching-examples.md"

POSITION = {
    "seated": "seated",
    "face-down": "face down",
    "side-lying": "on your side",
    "on-back": "on your back",
    "standing": "standing",
    "kneeling": "kneeling",
}
SIDE = {"left": "left", "right": "right", "both": "both"}
KIND = {
    "walk": "Walk",
    "warm-up": "Warm-up",
    "stretch": "Stretches",
    "hydrate": "Drink",
    "refuel": "Eat",
    "active-recovery": "Active recovery",
    "sleep": "Sleep",
}


def load_cases(path: Path = CASES) -> list[dict[str, Any]]:
    """Every case, its request completed with the shared ``now`` (placed after ``minutes``)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases: list[dict[str, Any]] = []
    for case in data["cases"]:
        request: dict[str, Any] = {}
        for key, value in case["request"].items():
            request[key] = value
            if key == "minutes":
                request["now"] = data["now"]
        request.setdefault("now", data["now"])
        cases.append({**case, "request": request})
    return cases


def plan_for(case: dict[str, Any]) -> PlanResponse:
    return plan(case["request"])


# --- Small formatting helpers --------------------------------------------------------------


def clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def rules(ids: Sequence[str]) -> str:
    return ", ".join(ids)


def name_of(k: Knowledge, area: str) -> str:
    return k.names[area][0] if area in k.names else area


def request_json(request: dict[str, Any]) -> str:
    """One line per top-level field: compact, yet each field easy to find."""
    fields = [f"{json.dumps(key)}: {json.dumps(value)}" for key, value in request.items()]
    return "{" + ",\n ".join(fields) + "}"


def orders(steps: Sequence[Step]) -> str:
    first, last = steps[0].order, steps[-1].order
    return f"step {first}" if first == last else f"steps {first}-{last}"


def runs(items: Sequence[Any], key: Any) -> list[list[Any]]:
    """Consecutive items with an equal key, as groups in their order."""
    groups: list[list[Any]] = []
    for item in items:
        if groups and key(groups[-1][0]) == key(item):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


# --- Texts shared by most plans, shown once at the top --------------------------------------


def shared_texts(plans: Sequence[PlanResponse]) -> dict[str, str]:
    """``after`` items (other than the stretches) whose text is the same in most plans."""
    ok = [p for p in plans if p.status == "ok"]
    seen: dict[tuple[str, str], int] = {}
    for p in ok:
        for item in p.after:
            if item.kind != "stretch":
                seen[(item.kind, item.text)] = seen.get((item.kind, item.text), 0) + 1
    shared: dict[str, str] = {}
    for (kind, text), times in seen.items():
        if times * 2 > len(ok) and kind not in shared:
            shared[kind] = text
    return shared


def common_stop_signs(plans: Sequence[PlanResponse]) -> list[str]:
    first = list(plans[0].stop_signs)
    return first if all(list(p.stop_signs) == first for p in plans) else []


# --- One case --------------------------------------------------------------------------------


def _session_line(p: PlanResponse, minutes: float) -> str:
    asked = clock(minutes * 60)
    if not p.steps:
        return f"**No rolling steps** in the {asked} asked for."
    setup = p.session_seconds - p.total_seconds
    count = f"{len(p.steps)} step{'s' if len(p.steps) != 1 else ''}"
    return (
        f"**{clock(p.session_seconds)} on the floor of the {asked} asked for**: "
        f"{clock(p.total_seconds)} rolling and {clock(setup)} getting set, {count}."
    )


def _steps_table(p: PlanResponse) -> list[str]:
    lines = [
        "| # | Position | Muscle | Side | Tool | Time | Pressure | Hold | Set-up first |",
        "|--:|---|---|---|---|--:|---|--:|--:|",
    ]
    for s in p.steps:
        hold = f"{s.hold_seconds} s" if s.hold_seconds else "none"
        setup = clock(s.setup_seconds) if s.setup_seconds else "none"
        sensitive = " (sensitive area)" if s.sensitive else ""
        lines.append(
            f"| {s.order} | {POSITION[s.position]} | {s.name}{sensitive} | {SIDE[s.side]} "
            f"| {s.tool_name} | {clock(s.seconds)} | {s.pressure} | {hold} | {setup} |"
        )
    return lines


def _step_reasons(p: PlanResponse) -> list[str]:
    lines = ["What the runner reads beside each muscle:", ""]
    for group in runs(p.steps, lambda s: (s.name, s.tool_name, s.why)):
        first = group[0]
        lines.append(f"- **{first.name}**, {first.tool_name.lower()} ({orders(group)}): ")
        lines[-1] += " ".join(first.why)
    return lines


def _stretches(p: PlanResponse) -> list[str]:
    if not p.stretches:
        return ["**No stretches.**"]
    total = sum(s.seconds for s in p.stretches)
    lines = [f"**Stretches afterwards: {clock(total)}** (not counted in the minutes):", ""]
    for group in runs(p.stretches, lambda s: (s.name, s.position, s.rules)):
        first: Stretch = group[0]
        sides = ", ".join(f"{SIDE[s.side]} {clock(s.seconds)}" for s in group)
        lines.append(f"- {first.name}, {POSITION[first.position]}: {sides} [{rules(first.rules)}]")
    return lines


def _exclusion_key(e: Exclusion) -> tuple[Any, ...]:
    return (e.reason, e.rules, e.side, e.hours_left, e.instead)


def _excluded(k: Knowledge, p: PlanResponse) -> list[str]:
    if not p.excluded:
        return ["**Left out:** nothing."]
    lines = ["**Left out:**", ""]
    for group in runs(p.excluded, _exclusion_key):
        first: Exclusion = group[0]
        names = ", ".join(name_of(k, e.area) for e in group)
        facts = []
        if first.side is not None:
            facts.append("both sides" if first.side == "both" else f"{first.side} side")
        if first.hours_left is not None:
            facts.append(f"{first.hours_left} h left")
        facts.append(rules(first.rules))
        line = f"- **{names}** ({'; '.join(facts)}): {first.reason}"
        if first.instead:
            line += f" Instead: {', '.join(name_of(k, a) for a in first.instead)}."
        lines.append(line)
    return lines


def _warnings(p: PlanResponse) -> list[str]:
    if not p.warnings:
        return ["**Warnings:** none."]
    lines = ["**Warnings:**", ""]
    lines += [f"- `{w.code}` ({rules(w.rules)}): {w.message}" for w in p.warnings]
    return lines


def _before_after(p: PlanResponse, shared: dict[str, str]) -> list[str]:
    lines: list[str] = []
    for b in p.before:
        facts = f"{b.minutes} min; {rules(b.rules)}"
        lines.append(f"- Before, {KIND[b.kind].lower()} ({facts}): {b.text}")
    common: list[str] = []
    for a in p.after:
        if shared.get(a.kind) == a.text:
            common.append(KIND[a.kind].lower())
        else:
            lines.append(f"- After, {KIND[a.kind].lower()} ({rules(a.rules)}): {a.text}")
    if common:
        lines.append(f"- After, the shared texts (see the top): {', '.join(common)}.")
    return ["**Before and after:**", "", *lines] if lines else ["**Before and after:** nothing."]


def _refusal(p: PlanResponse) -> list[str]:
    assert p.refusal is not None
    lines = ["**Refused.** The runner reads:", ""]
    lines += [f"- `{r.code}` ({rules(r.rules)}): {r.message}" for r in p.refusal.reasons]
    return [*lines, "", f"Advice: {p.refusal.advice}"]


def case_section(
    number: int, case: dict[str, Any], p: PlanResponse, k: Knowledge, shared: dict[str, str]
) -> list[str]:
    lines = [
        f'<a id="{case["id"]}"></a>',
        "",
        f"## {number}. {case['title']}",
        "",
        f"*Why this case:* {case['case']}",
        "",
        "```json",
        request_json(case["request"]),
        "```",
        "",
    ]
    if p.refusal is not None:
        lines += _refusal(p)
    else:
        lines += [_session_line(p, case["request"]["minutes"]), ""]
        if p.steps:
            lines += [*_steps_table(p), "", *_step_reasons(p), ""]
        lines += [*_stretches(p), ""]
        lines += [*_excluded(k, p), ""]
        lines += [*_warnings(p), ""]
        lines += _before_after(p, shared)
    return [*lines, "", f"**Why the plan looks like this:** {case['explanation']}", ""]


# --- The techniques and stretches, each text once --------------------------------------------


def _phases(step: Step) -> list[tuple[str, str]]:
    """The step's cues by phase, leaving out the switch to the other side."""
    return [(cue.phase, cue.text) for cue in step.timeline if cue.phase != "switch"]


def _variant_label(when: str, step: Step) -> str:
    return f"{step.pressure} pressure" + (", before a run" if when == "pre-run" else "")


def techniques(cases: Sequence[dict[str, Any]], plans: Sequence[PlanResponse]) -> list[str]:
    """Each technique's cues once; a variant (another pressure, before a run) shows its changes."""
    Variant = tuple[list[tuple[str, str]], list[str], list[str]]  # cues, labels, case IDs
    found: dict[tuple[str, str, str], list[Variant]] = {}
    for case, p in zip(cases, plans, strict=True):
        for s in p.steps:
            variants = found.setdefault((s.name, s.tool_name, s.position), [])
            cues, label = _phases(s), _variant_label(p.when, s)
            same = next((v for v in variants if v[0] == cues), None)
            if same is None:
                same = (cues, [], [])
                variants.append(same)
            _, labels, where = same
            if label not in labels:
                labels.append(label)
            if case["id"] not in where:
                where.append(case["id"])
    lines = [
        "## The techniques in these plans",
        "",
        "The cues a guided session shows for each technique, in order (set-up, passes,",
        "the hunt for a tender spot, the hold, the reminder to ease), without their times",
        "and without the last cue that moves the runner to the other side. Where another",
        "pressure or a pre-run session changes the cues, the variant lists only the changes.",
        "",
    ]
    for (name, tool, position), variants in found.items():
        lines += [f"### {name}: {tool.lower()}, {POSITION[position]}", ""]
        base, labels, where = variants[0]
        lines += [f"At {' or '.join(labels)}, in {_case_links(where)}:", ""]
        lines += [f"1. *{phase}:* {text}" for phase, text in base]
        for cues, more_labels, more in variants[1:]:
            changed = [(ph, t) for ph, t in cues if (ph, t) not in base]
            lines += ["", f"At {' or '.join(more_labels)}, in {_case_links(more)}:", ""]
            lines += [f"- *{phase}:* {text}" for phase, text in changed]
            missing = [ph for ph, _ in base if ph not in {c[0] for c in cues}]
            if missing:
                lines.append(f"- no {', no '.join(dict.fromkeys(missing))} cue")
        lines.append("")
    return lines


def stretch_texts(plans: Sequence[PlanResponse]) -> list[str]:
    seen: dict[tuple[str, str], str] = {}
    for p in plans:
        for s in p.stretches:
            seen.setdefault((s.name, s.text), POSITION[s.position])
    lines = ["## The stretches in these plans", ""]
    lines += [f"- **{name}** ({position}): {text}" for (name, text), position in seen.items()]
    return [*lines, ""]


def _case_links(ids: Sequence[str]) -> str:
    return ", ".join(f"[{case_id}](#{case_id})" for case_id in ids)


# --- The page --------------------------------------------------------------------------------


def _head(cases: Sequence[dict[str, Any]], plans: Sequence[PlanResponse]) -> list[str]:
    lines = [
        "# Coaching examples",
        "",
        "<!-- Generated by docs/make_coaching_examples.py from docs/coaching_examples.yaml;"
        " do not edit. -->",
        "",
        f"{len(cases)} plan requests and what the coach answers, as a runner would see them,",
        "so a physiotherapist can review the coaching without running anything. Every request",
        f"is made at the same moment ({cases[0]['request']['now']}) with every field given, so",
        "each plan is exactly reproducible: pass the JSON to `rollcoach plan --input -`.",
        "",
        "Each case gives the request, the session (the time on the floor is rolling plus the",
        "pauses to get into position, against the minutes asked for), the steps in order, what",
        "the runner reads beside each muscle, the stretches after the rolling, what was left out",
        "and why (rule IDs from `docs/rules.md`; hours until an injured area comes back), the",
        "warnings, and what to do before and after. The line *Why the plan looks like this* is",
        "ours, written by hand in the data file; everything else is the planner's own output.",
        "",
        "To regenerate after a change to the planner or its data:",
        "",
        "    .venv/bin/python docs/make_coaching_examples.py",
        "",
        "`tests/test_coaching_examples.py` fails while this page is out of date, and checks a",
        "few facts per case that the hand-written lines rely on.",
        "",
    ]
    lines += [f"{i}. [{c['title']}](#{c['id']})" for i, c in enumerate(cases, start=1)]
    lines += ["", "## Texts most plans share", ""]
    signs = common_stop_signs(plans)
    if signs:
        lines += ["Stop signs, shown with every plan and refusal (SAFE-8):", ""]
        lines += [f"- {sign}" for sign in signs]
        lines.append("")
    shared = shared_texts(plans)
    if shared:
        lines += ["After the rolling, in most plans:", ""]
        lines += [f"- {KIND[kind]}: {text}" for kind, text in shared.items()]
        lines.append("")
    return lines


def examples_markdown(cases: Sequence[dict[str, Any]] | None = None) -> str:
    """The whole page."""
    cases = load_cases() if cases is None else cases
    k = load_knowledge()
    plans = [plan_for(case) for case in cases]
    shared = shared_texts(plans)
    lines = _head(cases, plans)
    for number, (case, p) in enumerate(zip(cases, plans, strict=True), start=1):
        lines += case_section(number, case, p, k, shared)
    lines += techniques(cases, plans)
    lines += stretch_texts(plans)
    if not common_stop_signs(plans):  # then each plan's own are worth showing
        for case, p in zip(cases, plans, strict=True):
            lines += [f"Stop signs in [{case['id']}](#{case['id']}): " + " ".join(p.stop_signs)]
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str]) -> int:
    page = examples_markdown()
    if "--check" in argv:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != page:
            print(f"{OUT} is out of date: run .venv/bin/python docs/make_coaching_examples.py")
            return 1
        return 0
    OUT.write_text(page, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
