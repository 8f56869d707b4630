"""HumanEval's canonical solutions against HumanEval+'s (v0.1.10), on HumanEval+'s plus inputs.

Reproduces the per-task figures of docs/audit.md ("HumanEval's ground truths that HumanEval+
exposes"): for each task, the first plus input (in the data file's order) on which HumanEval's
canonical solution answers differently from HumanEval+'s, or takes longer than --limit seconds;
both answers; and, with --totals, the time both solutions take over every plus input.

This is an analysis of the two data sets' own reference solutions, not a judgement of candidates:
it runs them in this Python process, outside PerfJudge's sandbox, with a SIGALRM limit per call.
The verdicts PerfJudge gives the same solutions come from
`perfjudge eval --suite humaneval+ --samples he_orig.jsonl` (see docs/audit.md); this script only
shows the input and the two answers behind each verdict.

    PERFJUDGE_DATA=/work/shared/data nice -n 10 python3 bench/humaneval_ground_truths.py [--totals] [TASK ...]

TASK is a number (31 for HumanEval/31); default: the 26 tasks whose HumanEval canonical solution
PerfJudge judged not passed on HumanEval+ (2 Dec 2026, docs/audit.md).
"""
import argparse
import copy
import gzip
import json
import math
import os
import signal
import time

DEFAULT = [22, 32, 44, 64, 76, 91, 95, 97, 111, 122, 123, 124, 125, 132, 140, 150,
           31, 39, 49, 55, 63, 75, 96, 103, 127, 147]


def read(path):
    with gzip.open(path, "rt") as f:
        return {t["task_id"]: t for t in map(json.loads, f)}


def function(task):
    namespace = {}
    exec(task["prompt"] + task["canonical_solution"], namespace)
    return namespace[task["entry_point"]]


class Late(Exception):
    pass


def _alarm(signum, frame):
    raise Late()


def call(f, args, limit):
    """(answer or a marker string, seconds); the marker is 'TIMEOUT' or 'Name: message'."""
    signal.setitimer(signal.ITIMER_REAL, limit)
    start = time.perf_counter()
    try:
        answer = f(*copy.deepcopy(args))
    except Late:
        answer = "TIMEOUT"
    except Exception as e:  # the reference itself raised: that is the finding
        answer = f"{type(e).__name__}: {e}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return answer, time.perf_counter() - start


def same(task, args, got, expected):
    """As PerfJudge's EvalPlus checker (pj_evalplus.accepts) compares on HumanEval+: HumanEval/32 by
    the root's residual, otherwise ==, then floats within atol (1e-6 when atol is 0)."""
    if task["entry_point"] == "find_zero":
        try:
            return abs(sum(c * math.pow(got, i) for i, c in enumerate(args[0]))) <= task["atol"]
        except TypeError:
            return False
    if got == expected:
        return True
    floats = isinstance(got, float) and isinstance(expected, float)
    return floats and abs(got - expected) <= (task["atol"] or 1e-6) + 1e-7 * abs(expected)


def short(value, width=100):
    text = repr(value)
    return text if len(text) <= width else text[:width] + f"... ({len(text)} chars)"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("tasks", nargs="*", type=int, default=DEFAULT)
    parser.add_argument("--limit", type=float, default=2.0, help="seconds per call")
    parser.add_argument("--totals", action="store_true", help="also time every plus input")
    options = parser.parse_args()
    data = os.environ.get("PERFJUDGE_DATA", "/work/shared/data")
    original = read(os.path.join(data, "humaneval", "HumanEval.jsonl.gz"))
    plus = read(os.path.join(data, "evalplus", "HumanEvalPlus.jsonl.gz"))
    signal.signal(signal.SIGALRM, _alarm)
    for number in options.tasks:
        key = f"HumanEval/{number}"
        old, new = function(original[key]), function(plus[key])
        inputs = plus[key]["plus_input"]
        row = {"task": key, "plus_inputs": len(inputs)}
        total_old = total_new = 0.0
        for index, args in enumerate(inputs):
            got, t_old = call(old, args, options.limit)
            expected, t_new = call(new, args, 10.0)
            total_old += t_old
            total_new += t_new
            if "first" not in row and (got == "TIMEOUT" or not same(plus[key], args, got, expected)):
                row["first"] = {"index": index, "input": short(args), "humaneval": short(got),
                                "humaneval_s": round(t_old, 3), "humanevalplus": short(expected),
                                "humanevalplus_s": round(t_new, 5)}
                if not options.totals:
                    break
        if options.totals:
            row["total_s"] = {"humaneval": round(total_old, 2), "humanevalplus": round(total_new, 3)}
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
