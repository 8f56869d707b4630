#!/usr/bin/env python3
"""A/B of two builds of the CLI on the same samples, runs interleaved (A B A B ...), each in its
own cgroup (bench/cpu_split.py). On a shared machine compare CPU per sample first: wall time
depends on what the other users do at that moment (shown as "others", in cores).

Usage: ab_eval.py --a A.dll --b B.dll --samples F.jsonl [--suite S] [--reps 3] [--jobs 2] [--a-env K=V,..] [--b-env ..]
                  [--eval-args "--rounds 6 ..."]
--suite: default $PERFJUDGE_DATA/humaneval/HumanEval.jsonl.gz. Each run's verdicts are compared
with the first run's (a change that saves time must not change them).

The decoding fast path of stop 26 (docs/enamel-fidelity.md, item 3), ten HumanEval tasks:
  make_humaneval_samples.py $PERFJUDGE_DATA/humaneval/HumanEval.jsonl.gz 1 S10.jsonl \
      HumanEval/0,HumanEval/12,HumanEval/29,HumanEval/32,HumanEval/49,HumanEval/67,HumanEval/83,HumanEval/130,HumanEval/101,HumanEval/87
  ab_eval.py --a BEFORE.dll --b AFTER.dll --suite $PERFJUDGE_DATA/enamel/enamel.csv --samples S10.jsonl \
      --jobs 1 --reps 2 --eval-args "--rounds 6"
"""
import argparse, json, os, statistics, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--a", required=True)
ap.add_argument("--b", required=True)
ap.add_argument("--a-env", default="")
ap.add_argument("--b-env", default="")
ap.add_argument("--samples", required=True)
ap.add_argument("--reps", type=int, default=3)
ap.add_argument("--jobs", default="2")
ap.add_argument("--python", default=None)
ap.add_argument("--suite", default=None)
ap.add_argument("--eval-args", default="")
a = ap.parse_args()
data = a.suite or os.path.join(os.environ["PERFJUDGE_DATA"], "humaneval", "HumanEval.jsonl.gz")
first_verdicts = None
tmp = tempfile.mkdtemp()
res = {"A": [], "B": []}
for rep in range(a.reps):
    for name, dll, envs in (("A", a.a, a.a_env), ("B", a.b, a.b_env)):
        env = dict(os.environ)
        for kv in filter(None, envs.split(",")):
            k, v = kv.split("=", 1)
            env[k] = v
        split = os.path.join(tmp, "split.json")
        cmd = [sys.executable, os.path.join(here, "cpu_split.py"), "--json", split, "--", "dotnet", dll, "eval",
               "--suite", data, "--samples", a.samples, "--no-cache", "--jobs", a.jobs, "--json", os.path.join(tmp, "r.json")]
        if a.python:
            cmd += ["--python", a.python]
        cmd += a.eval_args.split()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        s = json.load(open(split))
        doc = json.load(open(os.path.join(tmp, "r.json")))
        n = len(doc["results"])
        ok = sum(r["verdict"] == "passed" for r in doc["results"])
        verdicts = sorted((r["task_id"], r["verdict"]) for r in doc["results"])
        first_verdicts = first_verdicts or verdicts
        same = "same verdicts" if verdicts == first_verdicts else "VERDICTS DIFFER from the first run"
        eng = s["roles"].get("engine (dotnet)", {"user": 0, "sys": 0})
        r = {"wall": s["wall_s"], "rate": n / s["wall_s"], "cpu_ms": 1000 * s["cgroup_cpu_s"] / n,
             "engine_s": eng["user"] + eng["sys"], "others": s["machine_others_cores"], "busy": s["our_cores_busy"]}
        res[name].append(r)
        print("%s n=%d passed=%d (%s) wall %.2f s = %.0f/s; cpu %.2f ms/sample; engine %.2f s; our cores %.2f; others %.2f"
              % (name, n, ok, same, r["wall"], r["rate"], r["cpu_ms"], r["engine_s"], r["busy"], r["others"]), flush=True)
for name in ("A", "B"):
    rs = res[name]
    f = lambda k: "%.2f [%.2f-%.2f]" % (statistics.median(x[k] for x in rs), min(x[k] for x in rs), max(x[k] for x in rs))
    print("%s median [range]: rate %s/s; cpu %s ms/sample; engine %s s; others %s" % (name, f("rate"), f("cpu_ms"), f("engine_s"), f("others")))
