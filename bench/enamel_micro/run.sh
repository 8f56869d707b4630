#!/usr/bin/env bash
# Calls of a microsecond (docs/enamel-fidelity.md, stop 25, "Calls of a microsecond"; measured, not
# adopted): the HumanEval canonical solutions of the tasks whose scored calls take under 5 us, judged
# RUNS times alternately with batches of 64 calls only (A: MICRO_BELOW = 0) and with batches of 1024
# for levels under 5 us per call (B: micro_batches.patch), then the per-task MAD between every two
# runs of each variant. Builds a throwaway copy of HEAD with the patch (against c9006df), where
# MICRO_BELOW is read from PJ_MICRO_BELOW; run it with the machine idle (bench/quiet_core.sh).
# Usage: bench/enamel_micro/run.sh OUT [RUNS=4] [TASKS=13,67,79,83,84,139]   PERFJUDGE_DATA=datasets
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$1"; runs="${2:-4}"; tasks="${3:-13,67,79,83,84,139}"
data="${PERFJUDGE_DATA:-$root/../shared/data}"
mkdir -p "$out"; out="$(cd "$out" && pwd)"
tree="$(mktemp -d)/perfjudge"
git -C "$root" worktree add -q --detach "$tree" HEAD
trap 'git -C "$root" worktree remove --force "$tree"' EXIT
git -C "$tree" apply "$here/micro_batches.patch"
sed -i 's/^MICRO_BELOW = 5e-6$/MICRO_BELOW = float(__import__("os").environ.get("PJ_MICRO_BELOW", "5e-6"))/' \
  "$tree/src/PerfJudge/Runners/Python/pj_perf.py"
grep -q PJ_MICRO_BELOW "$tree/src/PerfJudge/Runners/Python/pj_perf.py" || { echo "MICRO_BELOW not found in pj_perf.py" >&2; exit 2; }
dotnet build "$tree/src/PerfJudge.Cli" -c Release -v q -nologo >/dev/null
python3 "$root/bench/make_humaneval_samples.py" "$data/humaneval/HumanEval.jsonl.gz" 1 "$out/all.jsonl" >/dev/null
python3 - "$out/all.jsonl" "$out/samples.jsonl" "$tasks" <<'PY'
import json, sys
keep = {"HumanEval/" + t for t in sys.argv[3].split(",")}
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as o:
    o.writelines(line for line in f if json.loads(line)["task_id"] in keep)
PY
for i in $(seq 1 "$runs"); do
  for v in A B; do
    below=$([ "$v" = A ] && echo 0 || echo 5e-6)
    PJ_MICRO_BELOW=$below dotnet "$tree/src/PerfJudge.Cli/bin/Release/net10.0/perfjudge.dll" eval --suite "$data/enamel/enamel.csv" \
      --samples "$out/samples.jsonl" --no-cache --jobs 1 --json "$out/$v$i.json" > "$out/$v$i.log" 2>&1
  done
done
python3 - "$out" "$runs" <<'PY'
import itertools, json, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
for v, label in (("A", "64 calls per window"), ("B", "1024 under 5 us per call")):
    docs = [{r["task_id"]: r.get("efficiency") or 0.0 for r in json.load(open("%s/%s%d.json" % (out, v, i)))["results"]}
            for i in range(1, runs + 1)]
    tasks = sorted(docs[0])
    pairs = list(itertools.combinations(docs, 2))
    mads = [statistics.mean(abs(a[t] - b[t]) for t in tasks) for a, b in pairs]
    print("%s (%s): per-task MAD over the %d pairs of runs: mean %.3f (%s)" % (v, label, len(pairs), statistics.mean(mads),
          " ".join("%.3f" % m for m in mads)))
    for t in tasks:
        print("  %-13s %s" % (t, " ".join("%.2f" % d[t] for d in docs)))
PY
