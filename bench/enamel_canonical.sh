#!/usr/bin/env bash
# Full-run benchmark (efficiency issue, ENAMEL fidelity): the 164 HumanEval canonical solutions as
# samples on the ENAMEL suite, computed RUNS times from scratch (--no-cache). Prints pass@1, eff@1
# and wall time of each run, and for every pair of consecutive runs the mean absolute difference of
# the per-task efficiencies of the same sample (target: at most 0.03; docs/enamel-fidelity.md).
# ENAMEL's own evaluator gives pass@1 0.908 / eff@1 0.458 on these samples (published).
# Usage: bench/enamel_canonical.sh [RUNS] [extra eval flags...]
#   SAMPLES=path.jsonl to judge another samples file; KEEP=dir to keep the result documents.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
runs="${1:-2}"; shift || true
data="${PERFJUDGE_DATA:-$root/../shared/data}"
out="${KEEP:-$(mktemp -d)}"; mkdir -p "$out"
dotnet build "$root/src/PerfJudge.Cli" -c Release -v q -nologo >/dev/null
cli="$root/src/PerfJudge.Cli/bin/Release/net10.0/perfjudge.dll"
samples="${SAMPLES:-$out/samples.jsonl}"
[ -n "${SAMPLES:-}" ] || python3 "$here/make_humaneval_samples.py" "$data/humaneval/HumanEval.jsonl.gz" 1 "$samples" >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), kernel $(uname -r); flags: $*"
for i in $(seq 1 "$runs"); do
  echo "  load before run $i: $(cut -d' ' -f1-3 /proc/loadavg)"
  start=$(date +%s.%N)
  dotnet "$cli" eval --suite "$data/enamel/enamel.csv" --samples "$samples" --no-cache \
    --json "$out/run$i.json" "$@" > "$out/log$i.txt"
  end=$(date +%s.%N)
  python3 - "$out/run$i.json" "$start" "$end" "$i" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
m = doc["models"][0]
print(f"run {sys.argv[4]}: pass@1 {m['metrics']['pass@1']:.3f}  eff@1 {m['metrics']['eff@1']:.3f} "
      f"(95% CI {m['ci95']['eff@1'][0]:.3f}-{m['ci95']['eff@1'][1]:.3f})  tasks {m['tasks']}  "
      f"wall {float(sys.argv[3]) - float(sys.argv[2]):.1f} s")
PY
done
if [ "$runs" -ge 2 ]; then
  python3 - "$out" "$runs" <<'PY'
import json, sys
def effs(path):
    doc = json.load(open(path))
    return {(r["model"], r["task_id"], r["sample"]): r["efficiency"] for r in doc["results"]
            if r.get("efficiency") is not None}
runs = [effs(f"{sys.argv[1]}/run{i}.json") for i in range(1, int(sys.argv[2]) + 1)]
for i in range(1, len(runs)):
    a, b = runs[i - 1], runs[i]
    keys = sorted(set(a) & set(b))
    diffs = sorted((abs(a[k] - b[k]), k[1]) for k in keys)
    mad = sum(d for d, _ in diffs) / len(diffs)
    worst = ", ".join(f"{t} {d:.2f}" for d, t in reversed(diffs[-5:]))
    print(f"runs {i}-{i + 1}: per-task efficiency mean absolute difference {mad:.4f} over {len(keys)} samples "
          f"(over 0.1: {sum(d > 0.1 for d, _ in diffs)}; largest: {worst})")
PY
fi
[ -n "${KEEP:-}" ] || rm -rf "$out"
