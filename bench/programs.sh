#!/usr/bin/env bash
# Benchmarks whole-program judging (issue 11) and prints its figures:
#  1. tests judged per second for cached C++ binaries: a generated suite of one C++ task with T tests and
#     P distinct C++ programs; a first run compiles and judges (--rounds 2), a second run (--rounds 1, same
#     store: every compile replays, every test runs again) is timed: tests/s = P*T / its wall time
#     (engine start included);
#  2. compile time of each C++ and C# program of the built-in `programs` suite (its references), over R runs
#     without the store (--no-cache), mean and range;
#  3. per task and language, the slow/fast ratio of the references' CPU time (sum over the inputs of the
#     per-process CPU time from wait4) over K paired rounds (bench/program_ratios.py: fast and slow back to
#     back in each round, in alternating order), on the task's tests and, for C++/C# of tasks with levels, on
#     its largest level's generated inputs: geometric mean and a 95% t-interval of the log ratios.
# Usage: bench/programs.sh [R=3] [T=1000] [P=4] [K=10]   (env: JOBS, default the number of cores)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"; tests="${2:-1000}"; programs="${3:-4}"; pairs="${4:-10}"; jobs="${JOBS:-$(nproc)}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
dotnet build "$here/PerfJudge.slnx" -c Release -v q -nologo >/dev/null
pj="$here/src/PerfJudge.Cli/bin/Release/net10.0/perfjudge"
python3 - "$work" "$tests" "$programs" <<'PY'
import json, os, random, sys
work, tests, programs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(1)
cases = []
for _ in range(tests):
    a, b = rng.randint(-10**9, 10**9), rng.randint(-10**9, 10**9)
    cases.append({"input": "%d %d\n" % (a, b), "output": "%d\n" % (a + b)})
with open(os.path.join(work, "tasks.jsonl"), "w") as f:
    f.write(json.dumps({"task_id": "add", "kind": "program", "time_limit_s": 1, "memory_mb": 64, "checker": "tokens",
                        "tests": cases}) + "\n")
with open(os.path.join(work, "samples.jsonl"), "w") as f:
    for p in range(programs):
        code = "// program %d\n#include <cstdio>\nint main(){long long a,b;scanf(\"%%lld %%lld\",&a,&b);printf(\"%%lld\\n\",a+b);}\n" % p
        f.write(json.dumps({"task_id": "add", "model": "m%d" % p, "language": "cpp", "solution": code}) + "\n")
PY
"$pj" eval --suite "$work/tasks.jsonl" --samples "$work/samples.jsonl" --rounds 2 -j "$jobs" --store "$work/store.db" --json "$work/warm.json" >/dev/null
"$pj" eval --suite "$work/tasks.jsonl" --samples "$work/samples.jsonl" --rounds 1 -j "$jobs" --store "$work/store.db" --json "$work/hot.json" >/dev/null
for i in $(seq 1 "$runs"); do
    "$pj" eval --suite programs --samples canonical --rounds 1 -j "$jobs" --no-cache --json "$work/canonical-$i.json" >/dev/null
done
python3 - "$work" "$runs" "$jobs" <<'PY'
import json, os, statistics, sys
work, runs, jobs = sys.argv[1], int(sys.argv[2]), sys.argv[3]
hot = json.load(open(os.path.join(work, "hot.json")))
rows = hot["results"]
judged = sum(r["tests"] for r in rows)
assert all(r["compile_s"] == 0 for r in rows), "the second run compiled something"
assert all(r["verdict"] == "passed" and not r["cached"] for r in rows)
print("1. cached C++ binaries: %d programs x %d tests = %d tests in %.2f s (jobs %s): %.0f tests/s"
      % (len(rows), rows[0]["tests"], judged, hot["run"]["wall_s"], jobs, judged / hot["run"]["wall_s"]))
docs = [json.load(open(os.path.join(work, "canonical-%d.json" % i))) for i in range(1, runs + 1)]
print("2. compile time per program of the programs suite (s, %d runs without the store: mean [min, max])" % runs)
compile_s = {}
for d in docs:
    for r in d["results"]:
        key = (r["task_id"], r["model"].replace("canonical-", ""), r["language"])
        compile_s.setdefault(key, []).append(r["compile_s"])
for key in sorted(compile_s):
    if key[2] in ("cpp", "csharp"):
        v = compile_s[key]
        print("   %-26s %-5s %-6s %6.2f [%.2f, %.2f]" % (key[0], key[1], key[2], statistics.mean(v), min(v), max(v)))
for language in ("cpp", "csharp"):
    v = [x for k, xs in compile_s.items() if k[2] == language for x in xs]
    if v:
        print("   all %-6s: mean %.2f s, median %.2f s over %d compiles" % (language, statistics.mean(v), statistics.median(v), len(v)))
PY
echo "3. slow/fast CPU-time ratio of each task's references ($pairs paired rounds, 95% t-interval; load: $(cut -d' ' -f1-3 /proc/loadavg))"
python3 "$here/bench/program_ratios.py" "$pairs"
