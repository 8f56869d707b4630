#!/usr/bin/env python3
"""The floor of the throughput benchmark: every HumanEval canonical solution and its test run
in one process, no isolation, no IPC (what a judge cannot go below on this machine).
Usage: inprocess_floor.py HumanEval.jsonl.gz [COPIES]"""
import gzip, json, sys, time, random
src = sys.argv[1]
copies = int(sys.argv[2]) if len(sys.argv) > 2 else 1
with gzip.open(src, "rt") as f:
    tasks = [json.loads(l) for l in f if l.strip()]
per = {}
c0, w0 = time.process_time(), time.perf_counter()
for _ in range(copies):
    for t in tasks:
        s = time.process_time()
        random.seed(0)
        ns = {}
        exec(compile(t["prompt"] + t["canonical_solution"], "<c>", "exec"), ns)
        exec(compile(t["test"], "<t>", "exec"), ns)
        ns["check"](ns[t["entry_point"]])
        per[t["task_id"]] = per.get(t["task_id"], 0) + time.process_time() - s
c1, w1 = time.process_time(), time.perf_counter()
n = copies * len(tasks)
print("%s: %d samples, cpu %.3f s = %.3f ms/sample; HumanEval/75 %.3f ms/sample; without it %.3f ms/sample"
      % (sys.version.split()[0], n, c1 - c0, 1000 * (c1 - c0) / n, 1000 * per["HumanEval/75"] / copies,
         1000 * (c1 - c0 - per["HumanEval/75"]) / n))
