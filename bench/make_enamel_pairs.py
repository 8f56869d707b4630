#!/usr/bin/env python3
"""A samples file with two models per ENAMEL task: `canonical` (HumanEval's canonical solution) and
`enamelref` (ENAMEL's expert reference as a sample), so that `perfjudge eval` writes the reference's
per-case costs (`case_costs`) beside the canonical solution's (docs/enamel-fidelity.md: per-call
costs compared with bench/enamel_reference.py on the same inputs).
Usage: make_enamel_pairs.py HumanEval.jsonl.gz enamel.csv OUT.jsonl [N,N,...]  (default: every task)
"""
import csv
import gzip
import json
import sys

human, enamel, out = sys.argv[1:4]
wanted = {"HumanEval/%s" % n for n in sys.argv[4].split(",")} if len(sys.argv) > 4 else None
csv.field_size_limit(1 << 30)
with open(enamel, newline="") as f:
    references = {r["task_id"]: r["reference_solution"] for r in csv.DictReader(f)}
with gzip.open(human, "rt") if human.endswith(".gz") else open(human) as f:
    tasks = [json.loads(line) for line in f if line.strip()]
n = 0
with open(out, "w") as f:
    for t in tasks:
        if wanted is not None and t["task_id"] not in wanted:
            continue
        for model, code in (("canonical", t["canonical_solution"]), ("enamelref", references[t["task_id"]])):
            f.write(json.dumps({"task_id": t["task_id"], "model": model, "completion": code}) + "\n")
            n += 1
print("wrote %d samples to %s" % (n, out))
