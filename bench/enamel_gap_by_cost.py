#!/usr/bin/env python3
"""Where PerfJudge's eff@1 and the in-process ENAMEL protocol's differ, by the cost of each task's
expert reference (its slowest scored level, timed in process): mean per-task efficiency difference
and contribution to the eff@1 gap per bucket, and the tasks that differ most.

Usage: enamel_gap_by_cost.py KEEP_DIR [RUN]   (KEEP_DIR: the KEEP=dir of bench/enamel_side_by_side.sh;
RUN: which run pair, default 1)
"""
import json
import os
import sys

keep, run = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1
pj = {r["task_id"]: r for r in json.load(open(os.path.join(keep, "perfjudge%d.json" % run)))["results"]}
en = json.load(open(os.path.join(keep, "enamel%d.json" % run)))["results"]
bounds = [(1e-5, "<10us"), (1e-4, "10-100us"), (1e-3, "0.1-1ms"), (1e-2, "1-10ms"), (float("inf"), ">10ms")]
buckets, rows = {}, []
for task, r in en.items():
    if task not in pj or not r.get("passed") or pj[task]["verdict"] != "passed":
        continue
    slowest = max(r["ref_times"][1:])
    diff = (pj[task]["efficiency"] or 0) - r["efficiency"]
    rows.append((diff, task))
    name = next(label for bound, label in bounds if slowest < bound)
    buckets.setdefault(name, []).append(diff)
for _, name in bounds:
    if name in buckets:
        v = buckets[name]
        print("%-9s %3d tasks  mean difference %+.3f  contribution to eff@1 %+.4f" % (name, len(v), sum(v) / len(v), sum(v) / len(en)))
rows.sort()
print("lowest: " + " ".join("%s %+.2f" % (t, d) for d, t in rows[:6]))
print("highest: " + " ".join("%s %+.2f" % (t, d) for d, t in rows[-6:]))
