#!/usr/bin/env bash
# Benchmarks whole-program judging (issue 11) and prints its figures:
#  1. tests judged per second for cached C++ binaries: a generated suite of one C++ task with T tests and
#     P distinct C++ programs; a first run compiles and judges (--rounds 2), a second run (--rounds 1, same
#     store: every compile replays, every test runs again) is timed: tests/s = P*T / its wall time
#     (engine start included);
#  2. compile time of each C++ and C# program of the built-in `programs` suite (its references), over R runs
#     without the store (--no-cache), mean and range;
#  3. per task and language, the slow/fast ratio of the references' CPU time (sum over the tests of the
#     per-test CPU time from wait4) over the same R runs: geometric mean and a 95% t-interval of the log ratio.
# Usage: bench/programs.sh [R=3] [T=1000] [P=4]   (env: JOBS, default the number of cores)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"; tests="${2:-1000}"; programs="${3:-4}"; jobs="${JOBS:-$(nproc)}"
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
import json, math, os, statistics, sys
work, runs, jobs = sys.argv[1], int(sys.argv[2]), sys.argv[3]
T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262}
hot = json.load(open(os.path.join(work, "hot.json")))
rows = hot["results"]
judged = sum(r["tests"] for r in rows)
assert all(r["compile_s"] == 0 for r in rows), "the second run compiled something"
assert all(r["verdict"] == "passed" and not r["cached"] for r in rows)
print("1. cached C++ binaries: %d programs x %d tests = %d tests in %.2f s (jobs %s): %.0f tests/s"
      % (len(rows), rows[0]["tests"], judged, hot["run"]["wall_s"], jobs, judged / hot["run"]["wall_s"]))
docs = [json.load(open(os.path.join(work, "canonical-%d.json" % i))) for i in range(1, runs + 1)]
print("2. compile time per program of the programs suite (s, %d runs without the store: mean [min, max])" % runs)
compile_s, cost = {}, {}
for d in docs:
    for r in d["results"]:
        key = (r["task_id"], r["model"].replace("canonical-", ""), r["language"])
        compile_s.setdefault(key, []).append(r["compile_s"])
        cost.setdefault(key, []).append((r["cpu_s"], r["verdict"]))
for key in sorted(compile_s):
    if key[2] in ("cpp", "csharp"):
        v = compile_s[key]
        print("   %-26s %-5s %-6s %6.2f [%.2f, %.2f]" % (key[0], key[1], key[2], statistics.mean(v), min(v), max(v)))
for language in ("cpp", "csharp"):
    v = [x for k, xs in compile_s.items() if k[2] == language for x in xs]
    if v:
        print("   all %-6s: mean %.2f s, median %.2f s over %d compiles" % (language, statistics.mean(v), statistics.median(v), len(v)))
print("3. slow/fast CPU-time ratio of each task's references (geometric mean over %d runs, 95%% t-interval)" % runs)
for task in sorted({k[0] for k in cost}):
    for language in ("cpp", "python", "csharp"):
        fast, slow = cost.get((task, "fast", language)), cost.get((task, "slow", language))
        if not fast or not slow:
            continue
        logs = [math.log(s[0] / f[0]) for f, s in zip(fast, slow) if f[1] == s[1] == "passed" and f[0] > 0 and s[0] > 0]
        verdicts = "" if len(logs) == len(fast) else " (slow: %s)" % ",".join(sorted({s[1] for s in slow}))
        if not logs:
            print("   %-26s %-6s n/a%s" % (task, language, verdicts))
            continue
        mean = statistics.mean(logs)
        half = T975.get(len(logs) - 1, 1.96) * statistics.stdev(logs) / math.sqrt(len(logs)) if len(logs) > 1 else float("nan")
        print("   %-26s %-6s %8.2f  [%.2f, %.2f]%s" % (task, language, math.exp(mean), math.exp(mean - half), math.exp(mean + half), verdicts))
PY
