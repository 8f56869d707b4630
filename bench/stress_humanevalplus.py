#!/usr/bin/env python3
"""Stress on HumanEval+ with its canonical solutions as the one reference and two sample sets
(HumanEval's canonical solutions, ENAMEL's reference solutions), read from $PERFJUDGE_DATA at
run time (nothing is copied into the repository). docs/stress.md, "HumanEval+ under load".

  stress_humanevalplus.py run OUT [--tasks N|ID,ID] [--chunk K] [--resume] [--cli PATH] [perfjudge stress options...]
      one fresh run (its own store OUT/store.db), seed 7, K tasks per `perfjudge stress`;
      writes OUT/chunk-NNN/ and joins them into OUT/tasks.jsonl, OUT/report.json;
      --resume keeps the whole chunks an interrupted run of the same tasks and chunk size left
      (each chunk is its own fresh `perfjudge stress`, so a kept chunk is what a rerun would write)
  stress_humanevalplus.py table OUT [LOG..]    per task: reference instructions, spread, decisions, wall
  stress_humanevalplus.py compare OUT_A OUT_B  tasks.jsonl bytes and per-task lines (of the whole chunks both have)
  stress_humanevalplus.py margins OUT [OUT..] [--tasks N|ID,ID]  timed estimates against counts where both exist
  stress_humanevalplus.py assemble OUT SEG [SEG..]  one run's tasks.jsonl and report.json from segments
      (runs of the same build over disjoint task ranges), in task order; fails when a task is
      missing or appears twice; `compare` then compares two assembled runs
"""
import collections
import csv
import gzip
import hashlib
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
    record_build(out, opts["--cli"])
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


def build_of(cli):
    """What decides a run's output besides its options: the git tree of src/ (the engine and the
    Python harness it embeds) the CLI was built from, and the built assembly's hash."""
    def git(*a):
        try:
            return subprocess.check_output(["git", "-C", HERE] + list(a), text=True, stderr=subprocess.DEVNULL).strip()
        except (OSError, subprocess.CalledProcessError):
            return None
    dll = os.path.join(os.path.dirname(cli), "PerfJudge.dll")
    return {"commit": git("rev-parse", "HEAD"), "src_tree": git("rev-parse", "HEAD:src"),
            "src_changed": bool(git("status", "--porcelain", "--", "src")),
            "dll_sha256": hashlib.sha256(open(dll, "rb").read()).hexdigest() if os.path.exists(dll) else None}


def record_build(out, cli):
    """OUT/build.json: the build a run started on; a resumed run must be on the same one."""
    path, now = os.path.join(out, "build.json"), build_of(cli)
    if os.path.exists(path):
        was = json.load(open(path))
        if {k: v for k, v in was.items() if k != "commit"} != {k: v for k, v in now.items() if k != "commit"}:
            sys.exit("%s: this run started on another build (%s), now %s" % (path, was, now))
    else:
        json.dump(now, open(path, "w"), indent=1)


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
    docs = [json.load(open(os.path.join(out, p, "report.json"))) for p in parts]
    rows = [open(os.path.join(out, p, "tasks.jsonl"), "rb").read() for p in parts]
    return write_run(out, rows, docs, [t for d in docs for t in d["tasks"]])


def write_run(out, rows, docs, tasks):
    """OUT/tasks.jsonl (ROWS joined) and OUT/report.json: the first of DOCS with TASKS and the
    wall time of all; returns the file's bytes."""
    body = b"".join(rows)
    with open(os.path.join(out, "tasks.jsonl"), "wb") as w:
        w.write(body)
    doc = dict(docs[0], tasks=tasks, run=dict(docs[0]["run"], wall_s=sum(d["run"]["wall_s"] for d in docs)))
    json.dump(doc, open(os.path.join(out, "report.json"), "w"), indent=1)
    return body


def assemble(out, *segments):
    """OUT/tasks.jsonl and OUT/report.json of one whole run from SEGMENTS, each a finished `run`
    (its joined tasks.jsonl and report.json) over its own range of tasks, on the same build.
    Lines are ordered by task number; all 164 tasks exactly once, or it fails naming them."""
    lines, tasks, docs, builds = {}, {}, [], set()
    for seg in segments:
        doc = json.load(open(os.path.join(seg, "report.json")))
        rows = open(os.path.join(seg, "tasks.jsonl"), "rb").read().splitlines(True)
        ids = [json.loads(x)["task_id"] for x in rows]
        if ids != [t["task_id"] for t in doc["tasks"]]:
            sys.exit("%s: tasks.jsonl and report.json name different tasks" % seg)
        for i, row, t in zip(ids, rows, doc["tasks"]):
            if i in lines:
                sys.exit("%s: %s is also in an earlier segment" % (seg, i))
            lines[i], tasks[i] = row, t
        docs.append(doc)
        b = os.path.join(seg, "build.json")
        build = json.load(open(b)) if os.path.exists(b) else None
        if build:
            if build["src_changed"]:
                sys.exit("%s: ran on a build with uncommitted changes in src/" % seg)
            builds.add(build["src_tree"])
        print("%s: %d tasks (%s..%s), %.0f s, %s" % (seg, len(ids), ids[0], ids[-1], doc["run"]["wall_s"],
                                                   "src tree %s" % build["src_tree"][:12] if build else "build not recorded"))
    missing = [i for i in task_ids("164") if i not in lines]
    if missing or len(lines) != len(task_ids("164")):
        sys.exit("not one whole run: %d tasks, missing %s" % (len(lines), spans(missing) or "none"))
    if len(builds) > 1:
        sys.exit("the segments ran on different builds (src trees %s)" % sorted(builds))
    keys = {json.dumps(dict(d["run"], wall_s=None), sort_keys=True) for d in docs}
    if len(keys) != 1:  # suite, meter, isolation, python and machine must be the same in every segment
        sys.exit("the segments ran differently: %s" % sorted(keys))
    order = sorted(lines, key=lambda i: int(i.split("/")[1]))
    os.makedirs(out, exist_ok=True)
    body = write_run(out, [lines[i] for i in order], docs, [tasks[i] for i in order])
    print("%s: %d tasks, %d bytes, sha256 %s" % (out, len(order), len(body), hashlib.sha256(body).hexdigest()))
    return 0


def spans(ids):
    """HumanEval/0..HumanEval/100, HumanEval/107 for a sorted list of task ids."""
    out, nums = [], [int(i.split("/")[1]) for i in ids]
    for k, n in enumerate(nums):
        if k and n == nums[k - 1] + 1:
            out[-1][1] = n
        else:
            out.append([n, n])
    return ", ".join("HumanEval/%d" % a + ("..HumanEval/%d" % b if b > a else "") for a, b in out)


def table(out, *logs):
    """Per task: method, scale, the reference's instructions on the kept inputs, the samples'
    spread and totals (">=": capped at 10x the budget per input, a lower bound), the decisions
    taken on time / on counts, calls counted under valgrind and the task's wall time (from the
    runs' logs, when given: an assembled run's segments each have one)."""
    doc = json.load(open(os.path.join(out, "report.json")))
    walls = {}
    for log in logs:
        for line in open(log):
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
    tasks = doc["tasks"]
    ok = [t for t in tasks if t["succeeded"]]
    costs = sorted(t["selected_costs"][0] for t in ok if t["selected_costs"])
    spreads = sorted(t["selected_spread"] for t in ok if t.get("selected_spread"))
    methods = collections.Counter(t["method"] for t in ok)
    print("%d of %d tasks got a level (%s)" % (len(ok), len(tasks), ", ".join("%s %d" % kv for kv in sorted(methods.items()))))
    if costs:
        print("reference instructions on the kept inputs: median %.3g, %.3g .. %.3g"
              % (costs[len(costs) // 2], costs[0], costs[-1]))
    if spreads:
        print("samples spread on %d tasks: median %.2fx, >= 1.5x on %d, >= 2x on %d, max %.2fx"
              % (len(spreads), spreads[len(spreads) // 2], sum(x >= 1.5 for x in spreads),
                 sum(x >= 2 for x in spreads), spreads[-1]))
    unstressed = [t["task_id"] + ": " + (t["detail"] or "")[:60] for t in tasks if not t["succeeded"]]
    if unstressed:
        print("no level: " + "; ".join(unstressed))


def margins(*args):
    """How far the timed estimates strayed from the counts where both exist: instructions per CPU
    second on the counted scale steps and candidates (pj_margin.RATE = 4e9, COST_MARGIN 4: far
    decisions assume 1e9-1.6e10), and counted / timed growth of the counted fuzzing recipes (time
    decides a growth only above 3x the threshold, so time may not overstate growth 3x)."""
    args = list(args)
    only = None
    if "--tasks" in args:  # only these tasks (N: the first N, or ID,ID,...), to compare runs on the same ones
        k = args.index("--tasks")
        if k + 1 >= len(args):
            sys.exit("margins: --tasks needs a value (N or ID,ID,...)")
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
    if what == "table" and len(sys.argv) >= 3:
        sys.exit(table(*sys.argv[2:]))
    if what == "margins" and len(sys.argv) >= 3:
        sys.exit(margins(*sys.argv[2:]))
    if what == "assemble" and len(sys.argv) >= 4:
        sys.exit(assemble(*sys.argv[2:]))
    if what == "compare" and len(sys.argv) == 4:
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    sys.exit(__doc__)
