#!/usr/bin/env python3
"""Throughput split into fixed and marginal cost: `perfjudge eval` on the HumanEval canonical
solutions x SMALL and x LARGE copies (default 10 and 30: 1,640 and 4,920 distinct samples),
--no-cache, bubblewrap, whole process timed, each size run REPS times alternately, each run in
its own cpuacct cgroup (bench/cpu_split.py) so that CPU of every process is counted.

  marginal rate = (n_large - n_small) / (t_large - t_small)      (per pair of runs)
  fixed cost    = t_small - n_small / marginal rate

Usage: throughput_split.py [--jobs 2] [--reps 3] [--python EXE] [--copies 10,30] [--no-build]
Prints one line per run and a summary with ranges. Needs root (cgroup), PERFJUDGE_DATA.
"""
import argparse, json, os, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
ap = argparse.ArgumentParser()
ap.add_argument("--jobs", default="2")
ap.add_argument("--reps", type=int, default=3)
ap.add_argument("--python", default=None)
ap.add_argument("--copies", default="10,30")
ap.add_argument("--no-build", action="store_true")
ap.add_argument("--extra", default="", help="extra eval arguments")
a = ap.parse_args()
data = os.path.join(os.environ.get("PERFJUDGE_DATA", os.path.join(root, "..", "shared", "data")),
                    "humaneval", "HumanEval.jsonl.gz")
if not a.no_build:
    subprocess.run(["dotnet", "build", os.path.join(root, "src/PerfJudge.Cli"), "-c", "Release", "-v", "q", "-nologo"],
                   check=True, stdout=subprocess.DEVNULL)
cli = os.path.join(root, "src/PerfJudge.Cli/bin/Release/net10.0/perfjudge.dll")
tmp = tempfile.mkdtemp()
sizes = [int(c) for c in a.copies.split(",")]
files = {}
for c in sizes:
    files[c] = os.path.join(tmp, "s%d.jsonl" % c)
    subprocess.run([sys.executable, os.path.join(here, "make_humaneval_samples.py"), data, str(c), files[c]],
                   check=True, stdout=subprocess.DEVNULL)
runs = {c: [] for c in sizes}
for rep in range(a.reps):
    for c in sizes:
        split = os.path.join(tmp, "split.json")
        cmd = [sys.executable, os.path.join(here, "cpu_split.py"), "--json", split, "--",
               "dotnet", cli, "eval", "--suite", data, "--samples", files[c], "--no-cache", "--jobs", a.jobs,
               "--json", os.path.join(tmp, "r.json")] + (["--python", a.python] if a.python else []) + a.extra.split()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        s = json.load(open(split))
        doc = json.load(open(os.path.join(tmp, "r.json")))
        n = len(doc["results"])
        passed = sum(r["verdict"] == "passed" for r in doc["results"])
        eng = s["roles"].get("engine (dotnet)", {"user": 0, "sys": 0})
        run = {"n": n, "wall": s["wall_s"], "cpu": s["cgroup_cpu_s"], "busy": s["our_cores_busy"],
               "others": s["machine_others_cores"], "engine": eng["user"] + eng["sys"], "passed": passed}
        runs[c].append(run)
        print("n=%d wall %.2f s = %.0f/s; cpu %.2f s (%.2f ms/sample; engine %.2f s), our cores busy %.2f, "
              "others %.2f; passed %d" % (n, run["wall"], n / run["wall"], run["cpu"], 1000 * run["cpu"] / n,
                                          run["engine"], run["busy"], run["others"], passed), flush=True)
small, large = sizes[0], sizes[-1]
rates, fixed, cpu_marg, cpu_fixed = [], [], [], []
for rs, rl in zip(runs[small], runs[large]):
    m = (rl["n"] - rs["n"]) / (rl["wall"] - rs["wall"])
    rates.append(m)
    fixed.append(rs["wall"] - rs["n"] / m)
    cm = (rl["cpu"] - rs["cpu"]) / (rl["n"] - rs["n"])
    cpu_marg.append(cm)
    cpu_fixed.append(rs["cpu"] - rs["n"] * cm)
rng = lambda xs, f="%.0f": (f + "-" + f) % (min(xs), max(xs))
print("SUMMARY jobs=%s python=%s: end-to-end %s/s on %d (best wall %.2f s); marginal %s/s; fixed %s s; "
      "CPU marginal %s ms/sample, CPU fixed %s s"
      % (a.jobs, a.python or "python3", rng([r["n"] / r["wall"] for r in runs[small]]), runs[small][0]["n"],
         min(r["wall"] for r in runs[small]), rng(rates), rng(fixed, "%.2f"), rng(cpu_marg and [1000 * x for x in cpu_marg], "%.2f"),
         rng(cpu_fixed, "%.2f")))
