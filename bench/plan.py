"""How much does a plan cost next to the floor of validating and serialising alone?

    python3 dev.py bench            (or: .venv/bin/python bench/plan.py [--n 10000])

For 10,000 varied requests it times ``rollcoach.plan(request).model_dump_json()``
and, as the baseline in the same run, the floor every answer pays anyway:
``PlanRequest.model_validate(request)`` plus ``model_dump_json()`` of the same,
already computed response. Goal (issue 9): plan median under 1 ms and p99 under 2 ms, with
the engine written for clarity first; the floor is reported beside it for scale.

Then what the web app adds to each answer: pydantic's ``model_dump_json``, and gzip
(level 1) by ISA-L against zlib as the baseline, on the same answers. (A cache of each
item's JSON, ``plan_json``, paid while the planner shared frozen items between answers;
once steps were built fresh for the floor it ran at 0.6x pydantic and was removed.)
"""

import argparse
import random
import statistics
import time
import zlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from isal import isal_zlib

import rollcoach
from rollcoach.models import PlanRequest, PlanResponse
from rollcoach.vocabulary import (
    CONDITIONS,
    LEVELS,
    PAIN_SITES,
    RUN_TYPES,
    SYMPTOMS,
    TARGET_AREAS,
    TOOLS,
)

NOW = datetime(2026, 11, 23, 18, 30, tzinfo=UTC)


def varied_request(rng: random.Random) -> dict[str, Any]:
    """A realistic spread: mostly ok plans, some refusals, injuries, runs, focus."""
    req: dict[str, Any] = {
        "when": rng.choice(["post-run"] * 6 + ["pre-run", "separate"]),
        "minutes": rng.choice([3, 5, 8, 10, 10, 12, 15, 20, 30]),
        "now": NOW.isoformat(),
        "tools": rng.sample(TOOLS, rng.randint(1, 4)),
        "athlete": {
            "age": rng.randint(16, 75),
            "level": rng.choice(LEVELS),
            "sedentary": rng.random() < 0.4,
        },
        "soreness": {s: rng.randint(0, 10) for s in rng.sample(PAIN_SITES, rng.randint(0, 4))},
    }
    if rng.random() < 0.2:  # one side sorer than the other
        req["soreness"][rng.choice(TARGET_AREAS)] = {"left": rng.randint(0, 10), "right": 2}
    if rng.random() < 0.1:
        req["pain"] = {rng.choice(PAIN_SITES): rng.randint(1, 8)}
    if rng.random() < 0.05:
        req["athlete"]["conditions"] = [rng.choice(CONDITIONS)]
    if rng.random() < 0.03:
        req["symptoms"] = [rng.choice(SYMPTOMS)]
    if rng.random() < 0.3:
        when = NOW - timedelta(hours=rng.randint(1, 400))
        req["injuries"] = [
            {
                "area": rng.choice(TARGET_AREAS),
                "date": when.isoformat(),
                "side": rng.choice(["left", "right", "both"]),
            }
        ]
    if rng.random() < 0.7:
        minutes = rng.randint(20, 200)
        req["run"] = {
            "minutes": minutes,
            "km": round(minutes / rng.uniform(4.5, 7), 1),
            "climb_m": rng.randint(0, 900),
            "descent_m": rng.randint(0, 900),
            "type": rng.choice(RUN_TYPES),
        }
    if rng.random() < 0.3:
        req["focus"] = rng.sample(PAIN_SITES, rng.randint(1, 2))
    return req


def time_each(requests: list[dict[str, Any]], work: Callable[[int], object]) -> list[float]:
    """Microseconds per request."""
    out = []
    for i in range(len(requests)):
        start = time.perf_counter_ns()
        work(i)
        out.append((time.perf_counter_ns() - start) / 1000)
    return out


def summary(name: str, micros: list[float]) -> tuple[float, float]:
    ordered = sorted(micros)
    median = statistics.median(ordered)
    p99 = ordered[int(len(ordered) * 0.99) - 1]
    print(f"{name:<34} median {median:8.1f} µs   p99 {p99:8.1f} µs")
    return median, p99


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    requests = [varied_request(rng) for _ in range(args.n)]
    responses: list[PlanResponse] = [rollcoach.plan(r) for r in requests]  # warm-up too
    refused = sum(r.status == "refused" for r in responses)
    steps = statistics.mean(len(r.steps) for r in responses)
    print(f"{args.n} requests ({refused} refusals, {steps:.1f} steps on average)")

    def floor(i: int) -> object:
        PlanRequest.model_validate(requests[i])
        return responses[i].model_dump_json()

    def full(i: int) -> object:
        return rollcoach.plan(requests[i]).model_dump_json()

    floor_median, floor_p99 = summary("floor (validate + serialise)", time_each(requests, floor))
    plan_median, plan_p99 = summary("plan (validate + plan + serialise)", time_each(requests, full))
    ratio = plan_median / floor_median
    met = "met" if plan_median < 1000 and plan_p99 < 2000 else "NOT met"
    print(
        f"plan / floor: median {ratio:.2f}x, p99 {plan_p99 / floor_p99:.2f}x   "
        f"(goal: median < 1000 µs and p99 < 2000 µs: {met})"
    )
    http_stages(requests, responses)


def http_stages(requests: list[dict[str, Any]], responses: list[PlanResponse]) -> None:
    """The JSON and gzip of each answer, as the web app writes them and as the baselines would."""
    bodies = [r.model_dump_json().encode() for r in responses]
    kilobytes = statistics.median(len(b) for b in bodies) / 1000
    print(f"\nover HTTP (median answer {kilobytes:.1f} KB of JSON)")
    summary(
        "JSON: pydantic model_dump_json",
        time_each(requests, lambda i: responses[i].model_dump_json()),
    )

    def gzip_with(module: Any) -> Callable[[int], object]:
        def compress(i: int) -> object:
            packer = module.compressobj(1, module.DEFLATED, 16 + module.MAX_WBITS)
            return packer.compress(bodies[i]) + packer.flush()

        return compress

    gzip_base, _ = summary("gzip 1: zlib", time_each(requests, gzip_with(zlib)))
    gzip_ours, _ = summary("gzip 1: ISA-L (isal)", time_each(requests, gzip_with(isal_zlib)))
    print(f"ISA-L {gzip_base / gzip_ours:.1f}x faster")


if __name__ == "__main__":
    main()
