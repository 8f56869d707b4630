#!/usr/bin/env python3
"""What ENAMEL's time correction does to a side-by-side run (docs/enamel-fidelity.md, "The time
correction"). Reads the documents `bench/enamel_side_by_side.sh` keeps (KEEP=DIR): samples.jsonl,
perfjudgeI.json and enamelI.json for I = 1..RUNS, and prints per run:

- eff@1 of ENAMEL's protocol as run, and re-scored from the same run without the correction (each
  level's slowest case time divided by the task's factor; same T, same reference times);
- the factors' spread (ENAMEL: reference's slowest scored case / the same case re-timed before the
  samples);
- the control: tasks whose canonical solution is the same code as ENAMEL's reference (equal syntax
  trees once local names and docstrings are normalized). Their true efficiency is 1 by
  construction; the mean each protocol gives them shows its bias on this machine;
- per-task MAD between runs of ENAMEL's protocol with and without the correction;
- PerfJudge's own factors, when its rows carry `time_correction` (a build with time_correction.patch,
  `--protocol enamel`: run.sh).

Usage: bench/enamel_correction/rescore.py DIR [RUNS=2] [ENAMEL_CSV]"""
import ast
import builtins
import csv
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from enamel_reference import HARDNESS  # noqa: E402  (the stand-in's own weights)


def shape(code):
    """The code's syntax tree with local names numbered in order of appearance and docstrings
    emptied, or None when it does not parse."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not hasattr(builtins, node.id):
            node.id = names.setdefault(node.id, "v%d" % len(names))
        elif isinstance(node, ast.arg):
            node.arg = names.setdefault(node.arg, "v%d" % len(names))
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            node.value.value = ""
    return ast.dump(tree, annotate_fields=False)


def same_code_tasks(csv_path, samples):
    csv.field_size_limit(1 << 30)
    out = set()
    with open(csv_path, newline="") as f:
        for row in csv.DictReader(f):
            s = samples.get(row["task_id"])
            if s is None:
                continue
            code = s["solution"] if s.get("solution") else row["prompt"] + "\n" + s["completion"]
            reference = shape(row["prompt"] + "\n" + row["reference_solution"])
            if reference is not None and reference == shape(code):
                out.add(row["task_id"])
    return out


def rescored(r, factor):
    """ENAMEL's efficiency of one result with its level times scaled by factor instead of its own."""
    if not r["passed"]:
        return 0.0
    limit, scores = r["T"], []
    for t, t_ref in zip(r["times"], r["ref_times"]):
        t = t / r["correction"] * factor
        scores.append(max(0.0, limit - t) / (limit - t_ref) if limit > t_ref else float(t <= t_ref))
    scores += [0.0] * (len(HARDNESS) - len(scores))
    return sum(h * s for h, s in zip(HARDNESS, scores)) / sum(HARDNESS)


def main():
    out = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    here = os.path.dirname(os.path.abspath(__file__))
    csv_path = sys.argv[3] if len(sys.argv) > 3 else os.path.join(
        os.environ.get("PERFJUDGE_DATA", os.path.join(here, "..", "..", "..", "shared", "data")), "enamel", "enamel.csv")
    with open(os.path.join(out, "samples.jsonl")) as f:
        samples = {s["task_id"]: s for s in map(json.loads, filter(str.strip, f))}
    same = same_code_tasks(csv_path, samples)
    as_run, plain = [], []
    for i in range(1, runs + 1):
        with open(os.path.join(out, "enamel%d.json" % i)) as f:
            enamel = json.load(f)["results"]
        with open(os.path.join(out, "perfjudge%d.json" % i)) as f:
            rows = json.load(f)["results"]
        pj = {r["task_id"]: r.get("efficiency") or 0.0 for r in rows}
        pj_factors = [r["time_correction"] for r in rows if r.get("time_correction") is not None]
        tasks = sorted(enamel)
        as_run.append({t: rescored(enamel[t], enamel[t].get("correction", 1.0)) for t in tasks})
        plain.append({t: rescored(enamel[t], 1.0) for t in tasks})
        factors = [enamel[t]["correction"] for t in tasks if enamel[t]["passed"]]
        control = sorted(same & set(tasks))
        q = statistics.quantiles(factors, n=10)
        print("run %d: ENAMEL's protocol eff@1 %.3f as run, %.3f without the correction; PerfJudge %.3f"
              % (i, statistics.mean(as_run[-1].values()), statistics.mean(plain[-1].values()),
                 statistics.mean(pj.get(t, 0.0) for t in tasks)))
        print("  factors: median %.3f, p10 %.3f, p90 %.3f; over 1.3 on %d tasks, under 1/1.3 on %d"
              % (statistics.median(factors), q[0], q[-1], sum(c > 1.3 for c in factors), sum(c < 1 / 1.3 for c in factors)))
        if pj_factors:
            q = statistics.quantiles(pj_factors, n=10)
            print("  PerfJudge's factors (--protocol enamel): median %.3f, p10 %.3f, p90 %.3f; over 1.3 on %d tasks"
                  % (statistics.median(pj_factors), q[0], q[-1], sum(c > 1.3 for c in pj_factors)))
        print("  same code as the reference (%d scored tasks; 1 by construction): ENAMEL %.3f as run, %.3f without;"
              " PerfJudge %.3f" % (len(control), statistics.mean(as_run[-1][t] for t in control),
                                   statistics.mean(plain[-1][t] for t in control), statistics.mean(pj[t] for t in control)))
    for k in range(1, runs):
        keys = sorted(set(as_run[0]) & set(as_run[k]))
        print("runs 1-%d: ENAMEL per-task MAD %.3f as run, %.3f without the correction" % (k + 1,
              statistics.mean(abs(as_run[0][t] - as_run[k][t]) for t in keys),
              statistics.mean(abs(plain[0][t] - plain[k][t]) for t in keys)))


if __name__ == "__main__":
    main()
