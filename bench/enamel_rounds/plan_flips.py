#!/usr/bin/env python3
"""The batch plan's flips (docs/enamel-fidelity.md, item 6 of stop 25, and stop 27): from two
runs' raw per-round dumps (run.sh), how many tasks got a different batch plan in the two runs, and
how many would under other rules simulated on the calibrating round (round 0, where every call
is still timed alone): a level is batched when a statistic of its cases' reference times (today
the slowest case) is under 200 us. The simulation leaves out the plan's transfer criterion, so
it first says how often it agrees with the plans the runs actually took.
Usage: plan_flips.py ROUNDS1.jsonl ROUNDS2.jsonl"""
import statistics
import sys

from estimators import load

BATCH_BELOW = 200e-6  # pj_perf.BATCH_BELOW
RULES = {"slowest case (today)": max, "median case": statistics.median,
         "second slowest case": lambda ts: sorted(ts)[-2] if len(ts) > 1 else ts[0]}


def actual(task):
    sizes = task.get("batch_sizes")
    return {lv for lv, n in zip(task["levels"], sizes) if n > 1} if sizes else set()


def simulated(task, stat):
    by_level = {}
    for level, t in zip(task["levels"], task["refs"][0][0]):
        by_level.setdefault(level, []).append(t if t is not None else 1.0)
    return {lv for lv, ts in by_level.items() if lv > 0 and stat(ts) < BATCH_BELOW}


def main():
    a, b = load(sys.argv[1]), load(sys.argv[2])
    common = sorted(set(a) & set(b))
    runs = [x[t] for t in common for x in (a, b)]
    print("%d tasks; actual plans differ between the runs on %d: %s" % (
        len(common), sum(actual(a[t]) != actual(b[t]) for t in common),
        ", ".join(t for t in common if actual(a[t]) != actual(b[t]))))
    print("the simulated slowest-case rule agrees with the actual plan in %d of %d task runs"
          % (sum(actual(x) == simulated(x, max) for x in runs), len(runs)))
    for name, stat in RULES.items():
        flips = [t for t in common if simulated(a[t], stat) != simulated(b[t], stat)]
        moved = sum(simulated(x, stat) != simulated(x, max) for x in runs)
        print("%-22s flips on %d tasks; plans unlike today's in %d task runs" % (name, len(flips), moved))


if __name__ == "__main__":
    main()
