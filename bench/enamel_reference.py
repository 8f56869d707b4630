#!/usr/bin/env python3
"""ENAMEL's evaluation protocol, run in one Python process as ENAMEL's evaluator runs it, for a
side-by-side comparison with `perfjudge eval` on the same machine in the same session (issue 14;
docs/enamel-fidelity.md). ENAMEL's package cannot be installed here (no PyPI), so this is our own
implementation of the protocol its paper and code describe; it runs only TRUSTED samples (the
canonical solutions): nothing is sandboxed.

The protocol, step by step (Qiu et al., ICLR 2025; q-rz/enamel `enam/evaluate.py`, defaults of its
`demo.py`):
- tests: per task, levels of 8/4/4/4 cases from the task's `generate_input(size, lid, cid)`, with
  `random.seed(seed ^ task_index ^ (counter + cid))`, counter = cases of the earlier levels;
  seed 998244353;
- reference times: every case is run `reps` times (1 on hardness-0 levels), each repetition
  re-executing the prompt and the reference solution in fresh globals and timing only the call
  with time.time(); the case's time is the Hodges-Lehmann estimate over repetitions; the
  expected answer is the reference's output; per level the reference time is the slowest case,
  ref_max is the slowest over the scored levels; T = alpha * ref_max;
- every task's inputs and reference times are made first, in one pass over the tasks (ENAMEL's
  make_tests; --phases per-task measures each task's reference just before its samples instead);
- before a task's samples: time correction c = ref_max / (the slowest case re-timed now);
  sample times are multiplied by c and each repetition is killed at T / min(c, 1) + 0.01 s;
- a sample's level score is max(0, T - t) / (T - t_ref) with t its slowest case (HL over
  repetitions, corrected); a killed repetition ends the level and every later one (score 0);
  a wrong answer or an exception fails the sample; a timeout on level 0 fails it too;
- efficiency = the hardness-weighted (0, 3, 3, 4) mean of the level scores; eff@1 its mean over
  tasks (one sample per task here), pass@1 the share of passing samples.
The garbage collector is off around every execution.

Usage: enamel_reference.py ENAMEL_CSV SAMPLES.jsonl OUT.json [--reps 6] [--seed 998244353]
                           [--clock wall|cpu] [--tasks HumanEval/0,...] [--phases upstream|per-task]
  SAMPLES: lines with task_id and completion (appended to the prompt) or solution (whole code).
Prints pass@1 and eff@1; OUT holds per-task level scores and times (`compare` below reads it).
"""
import argparse
import copy
import csv
import gc
import json
import math
import os
import random
import signal
import string
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src", "PerfJudge", "Runners", "Python"))
import pj_enamel_helpers  # noqa: E402  (our own helpers the generators call)

LEFT_OUT = {2, 23, 41, 45, 53, 60, 71, 92, 97, 99, 102, 123, 124, 135, 137, 138, 144, 148, 156, 157,
            159, 160}
COUNTS = (8, 4, 4, 4)
HARDNESS = (0.0, 3.0, 3.0, 4.0)


CLOCK = time.time  # ENAMEL's; --clock cpu takes time.process_time (robust to other tenants)


class Killed(Exception):
    pass


def hodges_lehmann(xs):
    walsh = sorted((xs[i] + xs[j]) / 2 for i in range(len(xs)) for j in range(i, len(xs)))
    n = len(walsh)
    return walsh[n // 2] if n % 2 else (walsh[n // 2 - 1] + walsh[n // 2]) / 2


def generator_scope():
    scope = {"random": random, "string": string, "math": math, "time": time}
    for name in ("rand_parens", "miller_rabin", "rand_probably_prime", "rand_primality"):
        scope[name] = getattr(pj_enamel_helpers, name)
    return scope


def make_inputs(row, index, seed, secret=None):
    """ENAMEL's inputs; with secret (the text of a PerfJudge input secret), PerfJudge's instead:
    random seeded with "secret/seed/task_id/lid/cid" (pj_cases.generate_cases), so that both
    protocols measure the very same inputs."""
    levels = []
    counter = 0
    sizes = [int(s) for s in row["input_levels"].split()]
    for lid, size in enumerate(sizes):
        cases = []
        for cid in range(COUNTS[lid]):
            scope = generator_scope()
            exec(row["prompt"] + "\n" + row["input_generator"], scope)
            if secret is not None:
                random.seed("%s/%s/%s/%d/%d" % (secret, seed, row["task_id"], lid, cid))
            else:
                random.seed(seed ^ index ^ (counter + cid))
            cases.append(scope["generate_input"](size=size, lid=lid, cid=cid))
        levels.append(cases)
        counter += COUNTS[lid]
    return levels


def timed_call(source, entry, args, limit=None):
    """Executes source in fresh globals and times entry(*deepcopy(args)) alone (GC off); returns
    (seconds, output). With a limit, a wall-clock alarm raises Killed past it."""
    scope = {"time": time}
    args = copy.deepcopy(args)
    enabled = gc.isenabled()
    gc.disable()
    try:
        exec(source, scope)
        fn = scope[entry]
        if limit is not None:
            signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            t0 = CLOCK()
            out = fn(*args)
            t1 = CLOCK()
        finally:
            if limit is not None:
                signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        if enabled:
            gc.enable()
    return t1 - t0, out


def checker(row):
    scope = {"math": math}
    exec(row["prompt"] + "\n    pass\n" + row["checker"], scope)
    return scope["__check"]


def reps_for(lid, reps):
    return reps if HARDNESS[lid] else 1


def measure_reference(row, levels, reps):
    source = row["prompt"] + "\n" + row["reference_solution"]
    times, answers = [], []
    for lid, cases in enumerate(levels):
        lt, la = [], []
        for args in cases:
            ts = []
            for _ in range(reps_for(lid, reps)):
                t, out = timed_call(source, row["entry_point"], args)
                ts.append(t)
            lt.append(hodges_lehmann(ts))
            la.append(out)
        times.append(lt)
        answers.append(la)
    return times, answers


def evaluate_sample(row, code, levels, answers, ref_times, reps, alpha, tolerance):
    scored = [lid for lid in range(len(levels)) if HARDNESS[lid]]
    ref_level = [max(ref_times[lid]) for lid in range(len(levels))]
    ref_max = max(ref_level[lid] for lid in scored)
    lid_max = max(scored, key=lambda lid: ref_level[lid])
    cid_max = max(range(len(levels[lid_max])), key=lambda c: ref_times[lid_max][c])
    ref_source = row["prompt"] + "\n" + row["reference_solution"]
    now = hodges_lehmann([timed_call(ref_source, row["entry_point"], levels[lid_max][cid_max])[0]
                          for _ in range(reps_for(lid_max, reps))])
    correction = ref_max / now
    timeout = alpha * ref_max
    limit = timeout / min(correction, 1.0) + tolerance
    check = checker(row)
    source = row["prompt"] + "\n" + code
    scores, level_times, zero_levels = [], [], []
    for lid, cases in enumerate(levels):
        worst, broke = 0.0, False
        for cid, args in enumerate(cases):
            ts = []
            for _ in range(reps_for(lid, reps)):
                try:
                    t, out = timed_call(source, row["entry_point"], args, limit)
                except (Killed, MemoryError, OverflowError):
                    broke = True
                    break
                except Exception as e:  # the sample fails
                    return {"passed": False, "error": "%s: %s" % (type(e).__name__, e)}
                if not check(args, answers[lid][cid], out):
                    return {"passed": False, "error": "wrong output on level %d case %d" % (lid, cid)}
                ts.append(t)
            if broke:
                break
            worst = max(worst, hodges_lehmann(ts) * correction)
        if broke:
            if lid == 0:
                return {"passed": False, "error": "timeout on level 0"}
            break
        level_times.append(worst)
        if timeout > ref_level[lid]:
            scores.append(max(0.0, timeout - worst) / (timeout - ref_level[lid]))
        else:  # the reference read 0 s on every scored case (time.time() ticks 0.24 us); ENAMEL would divide by 0
            scores.append(1.0 if worst <= ref_level[lid] else 0.0)
            zero_levels.append(lid)
    scores += [0.0] * (len(levels) - len(scores))
    eff = sum(h * s for h, s in zip(HARDNESS, scores)) / sum(HARDNESS)
    return {"passed": True, "efficiency": eff, "levels": scores, "times": level_times,
            "ref_times": ref_level, "T": timeout, "correction": correction, "zero_reference_levels": zero_levels}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("samples")
    ap.add_argument("out")
    ap.add_argument("--reps", type=int, default=6)
    ap.add_argument("--seed", type=int, default=998244353)
    ap.add_argument("--alpha", type=float, default=2.0)
    ap.add_argument("--tolerance", type=float, default=0.01)
    ap.add_argument("--perfjudge-secret", default=None,
                    help="seed the generators as PerfJudge does with this input secret (its hex text, or its file:"
                         " docs/security.md); --seed is then PerfJudge's (its default 0)")
    ap.add_argument("--clock", choices=("wall", "cpu"), default="wall")
    ap.add_argument("--tasks", default="", help="comma-separated task ids (default: ENAMEL's 142)")
    ap.add_argument("--phases", choices=("upstream", "per-task"), default="upstream",
                    help="upstream: every task's reference times first, then each task's correction and samples"
                         " (ENAMEL's make_tests, then evaluate); per-task: the reference measured just before"
                         " its task's samples (this script before stop 25)")
    a = ap.parse_args()
    global CLOCK
    CLOCK = time.process_time if a.clock == "cpu" else time.time
    csv.field_size_limit(1 << 30)
    with open(a.csv, newline="") as f:
        rows = list(csv.DictReader(f))
    samples = {}
    with open(a.samples) as f:
        for line in f:
            if line.strip():
                s = json.loads(line)
                samples.setdefault(s["task_id"], s.get("solution") or s.get("completion"))
    wanted = set(a.tasks.split(",")) if a.tasks else None
    if a.perfjudge_secret and os.path.isfile(a.perfjudge_secret):  # the secret's file (32 hex digits)
        with open(a.perfjudge_secret) as f:
            a.perfjudge_secret = f.read().strip().lower()
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(Killed()))
    started = time.time()
    results = {}
    chosen = [(index, row) for index, row in enumerate(rows)
              if not ((wanted is None and index in LEFT_OUT) or (wanted is not None and row["task_id"] not in wanted))]
    measured = {}

    def reference(index, row):
        levels = make_inputs(row, index, a.seed, a.perfjudge_secret)
        return (levels,) + measure_reference(row, levels, a.reps)

    if a.phases == "upstream":  # every task's inputs and reference times first, as ENAMEL's make_tests
        for index, row in chosen:
            measured[index] = reference(index, row)
    for index, row in chosen:
        tid = row["task_id"]
        levels, ref_times, answers = measured.pop(index, None) or reference(index, row)
        code = samples.get(tid)
        if code is None:
            results[tid] = {"passed": False, "error": "no sample"}
            continue
        results[tid] = evaluate_sample(row, code, levels, answers, ref_times, a.reps, a.alpha, a.tolerance)
        print("%s %s" % (tid, json.dumps({k: results[tid].get(k) for k in ("passed", "efficiency")})),
              file=sys.stderr, flush=True)
    n = len(results)
    pass1 = sum(r["passed"] for r in results.values()) / n
    eff1 = sum(r.get("efficiency", 0.0) for r in results.values() if r["passed"]) / n
    doc = {"protocol": "enamel (in-process, bench/enamel_reference.py)", "reps": a.reps, "clock": a.clock, "seed": a.seed,
           "phases": a.phases,
           "tasks": n, "pass@1": pass1, "eff@1": eff1, "wall_s": time.time() - started,
           "load_before": open("/proc/loadavg").read().split()[:3], "results": results}
    with open(a.out, "w") as f:
        json.dump(doc, f, indent=1)
    print("in-process ENAMEL protocol: tasks %d  pass@1 %.3f  eff@1 %.3f  wall %.1f s"
          % (n, pass1, eff1, doc["wall_s"]))


if __name__ == "__main__":
    main()
