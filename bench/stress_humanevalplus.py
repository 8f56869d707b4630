#!/usr/bin/env python3
"""Stress on HumanEval+ with its canonical solutions as the one reference and two sample sets
(HumanEval's canonical solutions, ENAMEL's reference solutions), read from $PERFJUDGE_DATA at
run time (nothing is copied into the repository). docs/stress.md, "HumanEval+ under load".

  stress_humanevalplus.py run OUT [--tasks N|ID,ID] [--chunk K] [--resume] [--cli PATH] [perfjudge stress options...]
      one fresh run (its own store OUT/store.db), seed 7, K tasks per `perfjudge stress`;
      writes OUT/chunk-NNN/ and joins them into OUT/tasks.jsonl, OUT/report.json;
      --resume keeps the whole chunks an interrupted run of the same tasks and chunk size left
      (each chunk is its own fresh `perfjudge stress`, so a kept chunk is what a rerun would write)
  stress_humanevalplus.py table OUT [LOG]      per task: reference instructions, spread, decisions, wall
  stress_humanevalplus.py compare OUT_A OUT_B  tasks.jsonl bytes and per-task lines (of the whole chunks both have)
  stress_humanevalplus.py margins OUT [OUT..] [--tasks N|ID,ID]  timed estimates against counts where both exist
"""
import csv
import gzip
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI = os.path.join(HERE, "src/PerfJudge.Cli/bin/Release/net10.0/perfjudge")


def data(*parts):
    root = os.environ.get("PERFJUDGE_DATA") or os.path.join(HERE, "..", "shared", "data")
    return os.path.join(root, *parts)


def write_samples(out):
    """Two samples files in OUT: humaneval-canonical.jsonl and enamel-reference.jsonl."""
    he = os.path.join(out, "humaneval-canonical.jsonl")
    with gzip.open(data("humaneval", "HumanEval.jsonl.gz"), "rt") as f, open(he, "w") as w:
        for line in f:
            t = json.loads(line)
            w.write(json.dumps({"task_id": t["task_id"], "model": "humaneval-canonical",
                                "completion": t["canonical_solution"]}) + "\n")
    en = os.path.join(out, "enamel-reference.jsonl")
    csv.field_size_limit(1 << 30)
    with open(data("enamel", "enamel.csv"), newline="") as f, open(en, "w") as w:
        for row in csv.DictReader(f):
            w.write(json.dumps({"task_id": row["task_id"], "model": "enamel-reference",
                                "completion": row["reference_solution"]}) + "\n")
    return [he, en]


def task_ids(spec):
    if spec is None:
        return []
    if spec.isdigit():
        return ["HumanEval/%d" % i for i in range(int(spec))]
    return spec.split(",")


def run(out, args):
    """One fresh run over the tasks in chunks of --chunk tasks (one `perfjudge stress` each, all
    with the run's own store), so that a run stopped at a deadline still leaves whole chunks;
    OUT/tasks.jsonl and OUT/report.json are the chunks' files joined after each chunk."""
    os.makedirs(out, exist_ok=True)
    opts = {"--tasks": "164", "--chunk": "164", "--cli": CLI}
    for name in list(opts):
        if name in args:
            k = args.index(name)
            opts[name] = args[k + 1]
            args = args[:k] + args[k + 2:]
    resume = "--resume" in args
    args = [a for a in args if a != "--resume"]
    samples = write_samples(out)
    ids = task_ids(opts["--tasks"])
    size = int(opts["--chunk"])
    print("load average before: %.2f %.2f %.2f" % os.getloadavg(), flush=True)
    started = time.time()
    measured, spent = 0, 0.0  # tasks measured by this invocation (not kept ones), and their time
    for c in range(0, len(ids), size):
        part = os.path.join(out, "chunk-%03d" % (c // size))
        if resume and done_chunk(part, ids[c:c + size]):
            print("chunk %d (%s..%s): kept" % (c // size, ids[c], ids[min(c + size, len(ids)) - 1]), flush=True)
            continue
        cmd = [opts["--cli"], "stress", "--suite", "humaneval+", "--seed", "7", "--fresh", "--out", part,
               "--store", os.path.join(out, "store.db"), "--samples"] + samples
        for t in ids[c:c + size]:
            cmd += ["--task", t]
        t0 = time.time()
        code = subprocess.call(cmd + args)
        took = time.time() - t0
        measured += len(ids[c:c + size])
        spent += took
        left = len(ids) - min(c + size, len(ids))
        print("chunk %d (%s..%s): exit %d, %.0f s, load average %.2f %.2f %.2f; %d tasks left, ETA %.0f min"
              % ((c // size, ids[c], ids[min(c + size, len(ids)) - 1], code, took) + os.getloadavg()
                 + (left, spent / measured * left / 60)), flush=True)
        join(out)
    print("all chunks: %.0f s" % (time.time() - started))
    return 0


def done_chunk(part, ids):
    """True when PART holds a finished chunk (its report.json is written last) of exactly IDS."""
    try:
        doc = json.load(open(os.path.join(part, "report.json")))
        lines = open(os.path.join(part, "tasks.jsonl"), "rb").read().splitlines()
    except (OSError, ValueError):
        return False
    return [t["task_id"] for t in doc["tasks"]] == ids == [json.loads(x)["task_id"] for x in lines]


def join(out):
    parts = sorted(p for p in os.listdir(out) if p.startswith("chunk-")
                   and os.path.exists(os.path.join(out, p, "report.json")))
    with open(os.path.join(out, "tasks.jsonl"), "wb") as w:
        for p in parts:
            w.write(open(os.path.join(out, p, "tasks.jsonl"), "rb").read())
    docs = [json.load(open(os.path.join(out, p, "report.json"))) for p in parts]
    doc = dict(docs[0], tasks=[t for d in docs for t in d["tasks"]])
    doc["run"] = dict(docs[0]["run"], wall_s=sum(d["run"]["wall_s"] for d in docs))
    json.dump(doc, open(os.path.join(out, "report.json"), "w"), indent=1)


def table(out, logs=None):
    """Per task: method, scale, the reference's instructions on the kept inputs, the samples'
    spread and totals (">=": capped at 10x the budget per input, a lower bound), the decisions
    taken on time / on counts, calls counted under valgrind and the task's wall time (from the
    run's log, when given)."""
    doc = json.load(open(os.path.join(out, "report.json")))
    walls = {}
    if logs:
        for line in open(logs):
            if line.startswith("chunk ") and "(" in line:
                task = line.split("(")[1].split("..")[0]
                walls[task] = line.split(", ")[1]
    print("| task | method, scale | reference instructions (kept inputs) | samples spread | per-sample totals "
          "(HumanEval canonical / ENAMEL ref) | decided time / count | counted calls | wall |")
    print("|---|---|---|---|---|---|---|---|")
    for t in doc["tasks"]:
        w = t.get("worker") or {}
        cost = t["selected_costs"][0] if t["selected_costs"] else None
        totals = w.get("sample_costs") or []
        capped = w.get("sample_censored") or [False] * len(totals)
        spread = t.get("selected_spread")
        done = [(x, c) for x, c in zip(totals, capped) if x]
        bound = spread and max(done)[1]
        decided = w.get("decided") or {}
        print("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            t["task_id"], ("%s, %d" % (t["method"], t["scale"])) if t["succeeded"] else "none: " + (t["detail"] or "")[:70],
            "%.4g" % cost if cost else "-",
            ("%s%.2fx" % (">=" if bound else "", spread)) if spread else "-",
            " / ".join(("%s%.4g" % (">=" if c else "", x)) if x else "-" for x, c in zip(totals, capped)) or "-",
            "%s / %s" % (decided.get("time", "-"), decided.get("count", "-")), w.get("counted_calls", "-"),
            walls.get(t["task_id"], "-")))
    print("\nmeter %s, wall %.0f s" % (doc["run"]["meter"], doc["run"]["wall_s"]))


def margins(*args):
    """How far the timed estimates strayed from the counts where both exist: instructions per CPU
    second on the counted scale steps and candidates (pj_margin.RATE = 4e9, COST_MARGIN 4: far
    decisions assume 1e9-1.6e10), and counted / timed growth of the counted fuzzing recipes (time
    decides a growth only above 3x the threshold, so time may not overstate growth 3x)."""
    args = list(args)
    only = None
    if "--tasks" in args:  # only these tasks (N: the first N, or ID,ID,...), to compare runs on the same ones
        k = args.index("--tasks")
        only = set(task_ids(args[k + 1]))
        del args[k:k + 2]
    rates, growths = [], []
    for out in args:
        for t in json.load(open(os.path.join(out, "report.json")))["tasks"]:
            if only is not None and t["task_id"] not in only:
                continue
            w = t.get("worker") or {}
            for step in w.get("search") or []:
                if step.get("costs") and step.get("seconds") and step["seconds"][0] > 0:
                    rates.append((step["costs"][0] / step["seconds"][0], t["task_id"], step["scale"]))
            for r in w.get("recipes") or []:
                if r.get("decided") == "count" and r.get("timed_growth") and r.get("growth"):
                    growths.append((r["growth"] / r["timed_growth"], t["task_id"], r["recipe"]))
    rates.sort()
    growths.sort()
    if rates:
        print("counted scale steps: %d; instructions per CPU second %.3g .. %.3g (median %.3g)"
              % (len(rates), rates[0][0], rates[-1][0], rates[len(rates) // 2][0]))
        print("  lowest: %s; highest: %s" % (rates[:3], rates[-3:]))
    if growths:
        print("counted recipes: %d; counted growth / timed growth %.3g .. %.3g (median %.3g)"
              % (len(growths), growths[0][0], growths[-1][0], growths[len(growths) // 2][0]))
        print("  lowest: %s" % (growths[:3],))
    return 0


def whole_chunks(out):
    return {p for p in os.listdir(out) if p.startswith("chunk-") and os.path.exists(os.path.join(out, p, "report.json"))}


def compare(a, b):
    """The whole chunks both runs have (so runs still going, or stopped, compare on what they
    share), joined in order as `tasks.jsonl` joins them; the runs' own tasks.jsonl without chunks."""
    common = sorted(whole_chunks(a) & whole_chunks(b))
    if common:
        la, lb = (b"".join(open(os.path.join(o, p, "tasks.jsonl"), "rb").read() for p in common) for o in (a, b))
        print("%d whole chunks in both runs (%d and %d in all)" % (len(common), len(whole_chunks(a)), len(whole_chunks(b))))
    else:
        la = open(os.path.join(a, "tasks.jsonl"), "rb").read()
        lb = open(os.path.join(b, "tasks.jsonl"), "rb").read()
        n = min(la.count(b"\n"), lb.count(b"\n"))  # a run stopped early: its whole chunks
        la, lb = b"".join(la.splitlines(True)[:n]), b"".join(lb.splitlines(True)[:n])
    print("tasks.jsonl: %d and %d bytes, %s" % (len(la), len(lb), "byte-identical" if la == lb else "DIFFERENT"))
    rows_a, rows_b = la.splitlines(), lb.splitlines()
    same = sum(x == y for x, y in zip(rows_a, rows_b))
    print("lines identical: %d of %d" % (same, max(len(rows_a), len(rows_b))))
    for x, y in zip(rows_a, rows_b):
        if x != y:
            print("differs:", json.loads(x)["task_id"])
    return 0 if la == lb else 1


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    if what == "run" and len(sys.argv) >= 3:
        sys.exit(run(sys.argv[2], sys.argv[3:]))
    if what == "table" and len(sys.argv) in (3, 4):
        sys.exit(table(*sys.argv[2:]))
    if what == "margins" and len(sys.argv) >= 3:
        sys.exit(margins(*sys.argv[2:]))
    if what == "compare" and len(sys.argv) == 4:
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    sys.exit(__doc__)
