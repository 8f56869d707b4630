#!/usr/bin/env python3
"""Per-task efficiency under ENAMEL's protocol re-computed from raw per-round times (run.sh), with
several per-case estimators over the first 3 or all 6 rounds, and the mean absolute difference
(MAD) of per-task efficiency between two runs: which estimator repeats best on the same data.

The scoring follows `--protocol enamel` (pj_perf.summarize, EffAtK.SampleEfficiency): per case the
estimate over rounds less the null program's estimate (at least 1 us per call), T = alpha x the
reference's slowest scored case, level time = the slowest case, score (T - t) / (T - t_ref) not
clipped, hardness 0/3/3/4, a level past T + 0.01 s ends the scoring. It leaves out the decoding and
encoding work charged beyond the null program's margin (hidden work), so it matches the engine's
own figures only closely (it prints how closely, given the first run's results document).

Also the paired estimator (row "paired": per case, the sample's per-round ratio to the reference).

Usage: estimators.py ROUNDS1.jsonl ROUNDS2.jsonl [RUN1.json]"""
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../src/PerfJudge/Runners/Python"))
from pj_meters import hodges_lehmann  # noqa: E402  (the engine's own estimator)

HARDNESS = [0, 3, 3, 4]
ALPHA, TOLERANCE, FLOOR = 2.0, 0.01, 1e-6


ESTIMATORS = {"hodges-lehmann": hodges_lehmann, "median": statistics.median, "min": min}


def load(path):
    with open(path) as f:
        return {d["task_id"]: d for d in map(json.loads, f)}


def estimates(rounds, estimate, k, overhead=None, sizes=None):
    out = []
    for i in range(len(rounds[0])):
        values = [r[i] for r in rounds[:k] if r[i] is not None]
        t = estimate(values) if values else None
        if t is not None and overhead is not None:
            t = max(FLOOR / (sizes[i] if sizes else 1), t - overhead[i])
        out.append(t)
    return out


def slowest_per_level(levels, times, count):
    worst, missing = [0.0] * count, set()
    for level, t in zip(levels, times):
        if t is None:
            missing.add(level)
        else:
            worst[level] = max(worst[level], t)
    return [None if lv in missing else worst[lv] for lv in range(count)]


def rounds_needed(task, spread):
    """Adaptive rounds: 6 when some scored case of some program spreads over `spread` x between
    its fastest and slowest of the first 3 rounds, else 3."""
    for rounds in task["refs"] + task["samples"]:
        for i, level in enumerate(task["levels"]):
            values = [r[i] for r in rounds[:3] if r[i] is not None]
            if level and len(values) == 3 and max(values) > spread * min(values):
                return 6
    return 3


def paired_estimates(sample, ref, ref_est, estimate, k, overhead, sizes):
    """The paired estimator (docs/enamel-fidelity.md, stop 26, item 1): per case, the estimate over
    rounds of the sample's time over the reference's time in the same round (each less the null
    program's estimate, at least the floor), times the reference's estimate."""
    out = []
    for i in range(len(sample[0])):
        floor = FLOOR / (sizes[i] if sizes else 1)
        o = overhead[i] if overhead is not None else 0.0
        ratios = [max(floor, s[i] - o) / max(floor, r[i] - o) for s, r in zip(sample[:k], ref[:k])
                  if s[i] is not None and r[i] is not None]
        out.append(estimate(ratios) * ref_est[i] if ratios and ref_est[i] is not None else None)
    return out


def efficiency(task, estimate, k, paired=False):
    count = max(task["levels"]) + 1
    overhead = estimates(task["null"], estimate, k) if task["null"] else None
    sizes = task.get("batch_sizes")
    ref_cases = estimates(task["refs"][0], estimate, k, overhead, sizes)
    ref = slowest_per_level(task["levels"], ref_cases, count)
    limit = ALPHA * max(ref[lv] for lv in range(count) if HARDNESS[lv])
    if any(v != "passed" for v in task["samples_verdict"][0][:k]):
        return 0.0
    if paired:
        cases = paired_estimates(task["samples"][0], task["refs"][0], ref_cases, estimate, k, overhead, sizes)
    else:
        cases = estimates(task["samples"][0], estimate, k, overhead, sizes)
    sample = slowest_per_level(task["levels"], cases, count)
    exceeded = [e for e in task["samples_exceeded"][0][:k] if e is not None]
    first_exceeded = min(exceeded) if exceeded else None
    weighted = weights = 0.0
    out = False
    for lv in range(count):
        if not HARDNESS[lv]:
            continue
        weights += HARDNESS[lv]
        t = None if first_exceeded is not None and lv >= first_exceeded else sample[lv]
        if out or t is None or t > limit + TOLERANCE:
            out = True
            continue
        span = limit - ref[lv]
        weighted += HARDNESS[lv] * (1.0 if span <= 0 else max(0.0, (limit - t) / span))
    return weighted / weights


def main():
    a, b = load(sys.argv[1]), load(sys.argv[2])
    tasks = sorted(set(a) & set(b))
    if len(sys.argv) > 3:
        with open(sys.argv[3]) as f:
            engine = {r["task_id"]: r.get("efficiency") or 0.0 for r in json.load(f)["results"]}
        diffs = [abs(efficiency(a[t], hodges_lehmann, 6) - engine.get(t, 0.0)) for t in tasks]
        print("re-scoring against the engine's run 1 (Hodges-Lehmann, 6 rounds): mean |diff| %.4f, max %.3f, %d tasks"
              % (statistics.mean(diffs), max(diffs), len(diffs)))
    print("%-15s %6s %8s %8s %8s  %s" % ("estimator", "rounds", "eff@1 1", "eff@1 2", "MAD", "largest per-task differences"))
    for name, estimate in ESTIMATORS.items():
        for k in (3, 6):
            ea = {t: efficiency(a[t], estimate, k) for t in tasks}
            eb = {t: efficiency(b[t], estimate, k) for t in tasks}
            diffs = sorted(((abs(ea[t] - eb[t]), t) for t in tasks), reverse=True)
            print("%-15s %6d %8.3f %8.3f %8.4f  %s" % (name, k, statistics.mean(ea.values()), statistics.mean(eb.values()),
                  statistics.mean(d for d, _ in diffs), ", ".join("%s %.2f" % (t, d) for d, t in diffs[:4])))
    for k in (3, 6):
        ea = {t: efficiency(a[t], hodges_lehmann, k, paired=True) for t in tasks}
        eb = {t: efficiency(b[t], hodges_lehmann, k, paired=True) for t in tasks}
        print("%-15s %6d %8.3f %8.3f %8.4f  (the sample's per-round ratio to the reference, Hodges-Lehmann)"
              % ("paired", k, statistics.mean(ea.values()), statistics.mean(eb.values()),
                 statistics.mean(abs(ea[t] - eb[t]) for t in tasks)))
    print("adaptive (Hodges-Lehmann, 6 rounds where a scored case of the first 3 spreads over x):")
    for spread in (1.1, 1.2, 1.3, 1.5):
        ka = {t: rounds_needed(a[t], spread) for t in tasks}
        kb = {t: rounds_needed(b[t], spread) for t in tasks}
        mad = statistics.mean(abs(efficiency(a[t], hodges_lehmann, ka[t]) - efficiency(b[t], hodges_lehmann, kb[t])) for t in tasks)
        share = sum((ka[t] == 6) + (kb[t] == 6) for t in tasks) / (2 * len(tasks))
        print("  x %.1f: %3.0f%% of tasks take 6 rounds, MAD %.4f" % (spread, 100 * share, mad))


if __name__ == "__main__":
    main()
