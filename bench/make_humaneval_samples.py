#!/usr/bin/env python3
"""Writes N distinct copies of every HumanEval canonical solution as a samples file.

Each copy gets a trailing comment so that its content hash differs (no deduplication).
Usage: make_humaneval_samples.py HumanEval.jsonl.gz COPIES OUT.jsonl [TASK_ID,TASK_ID,...]
(with task ids: only those tasks)
"""
import gzip
import json
import sys

src, copies, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
only = set(sys.argv[4].split(",")) if len(sys.argv) > 4 else None
opener = gzip.open if src.endswith(".gz") else open
with opener(src, "rt") as f:
    tasks = [json.loads(line) for line in f if line.strip()]
if only is not None:
    tasks = [t for t in tasks if t["task_id"] in only]
with open(out, "w") as f:
    for copy in range(copies):
        for t in tasks:
            f.write(json.dumps({"task_id": t["task_id"], "model": "canonical-%d" % (copy % 2),
                                "completion": t["canonical_solution"] + "\n# copy %d\n" % copy}) + "\n")
print("wrote %d samples to %s" % (copies * len(tasks), out))
