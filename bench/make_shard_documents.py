#!/usr/bin/env python3
"""Writes SHARDS synthetic shard results documents (perfjudge.results/1) holding ROWS rows in all:
10 models x n samples per task, verdicts ~70% passed, as 'eval --shard I/N' would write them.
Usage: make_shard_documents.py ROWS SHARDS OUTDIR"""
import json, os, sys

rows, shards, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
models, per_task = 10, 10
tasks = rows // (models * per_task)
docs = [[] for _ in range(shards)]
line = 0
for t in range(tasks):
    for m in range(models):
        for s in range(per_task):
            line += 1
            verdict = "passed" if (t * 7 + m * 3 + s) % 10 < 7 else "failed"
            docs[t % shards].append({
                "task_id": f"T/{t}", "model": f"model-{m}", "sample": s, "line": line, "verdict": verdict,
                "detail": None if verdict == "passed" else "AssertionError", "isolation": "bubblewrap",
                "cpu_s": 0.012345, "max_rss_kb": 10240, "cached": False, "runtime": "python 3.11.7",
                "machine": "bench cpu|2 cores|6.1", "completion_tokens": 100 + s})
os.makedirs(out, exist_ok=True)
for i, results in enumerate(docs):
    doc = {"schema": "perfjudge.results/1", "suite": "bench",
           "run": {"id": f"bench-{i}", "started_utc": "2026-12-02T00:00:00.0000000+00:00", "wall_s": 60.0,
                   "isolation": "bubblewrap", "python": "3.11.7", "timeout_s": 3, "engine": "1.0.0.0",
                   "fingerprint": "bench cpu|2 cores|6.1", "ks": [1, 10],
                   "shard": {"group": "bench", "index": i, "count": shards}},
           "models": [], "results": results}
    with open(os.path.join(out, f"shard-{i}.json"), "w") as f:
        json.dump(doc, f)
print(f"{line} rows in {shards} documents")
