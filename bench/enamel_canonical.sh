#!/usr/bin/env bash
# Full-run benchmark (efficiency issue): the 164 HumanEval canonical solutions as samples on the
# ENAMEL suite, computed RUNS times from scratch (--no-cache). Prints pass@1, eff@1 and wall time
# of each run. ENAMEL's own evaluator gives pass@1 0.908 / eff@1 0.458 on these samples.
# Usage: bench/enamel_canonical.sh [RUNS] [extra eval flags...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
runs="${1:-2}"; shift || true
data="${PERFJUDGE_DATA:-$root/../shared/data}"
out="$(mktemp -d)"
dotnet build "$root/src/PerfJudge.Cli" -c Release -v q -nologo >/dev/null
cli="$root/src/PerfJudge.Cli/bin/Release/net10.0/perfjudge.dll"
python3 "$here/make_humaneval_samples.py" "$data/humaneval/HumanEval.jsonl.gz" 1 "$out/samples.jsonl" >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), kernel $(uname -r)"
for i in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  dotnet "$cli" eval --suite "$data/enamel/enamel.csv" --samples "$out/samples.jsonl" --no-cache \
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
rm -rf "$out"
