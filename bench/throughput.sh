#!/usr/bin/env bash
# Throughput benchmark (issue: engine foundation): the 164 HumanEval canonical solutions x 10,
# as distinct samples, cache disabled, full isolation, end to end as a whole process.
# Usage: bench/throughput.sh [JOBS...]   (default: the machine's core count)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
data="${PERFJUDGE_DATA:-$root/../shared/data}/humaneval/HumanEval.jsonl.gz"
out="$(mktemp -d)"
dotnet build "$root/src/PerfJudge.Cli" -c Release -v q -nologo >/dev/null
cli="$root/src/PerfJudge.Cli/bin/Release/net10.0/perfjudge.dll"
python3 "$here/make_humaneval_samples.py" "$data" 10 "$out/samples.jsonl"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), kernel $(uname -r)"
for jobs in "${@:-$(nproc)}"; do
  start=$(date +%s.%N)
  dotnet "$cli" eval --suite "$data" --samples "$out/samples.jsonl" --no-cache --jobs "$jobs" \
    --json "$out/results.json" > "$out/log.txt"
  end=$(date +%s.%N)
  python3 - "$out/results.json" "$start" "$end" "$jobs" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
n = len(doc["results"])
wall = float(sys.argv[3]) - float(sys.argv[2])
passed = sum(r["verdict"] == "passed" for r in doc["results"])
iso = sorted({r["isolation"] for r in doc["results"]})
print(f"jobs={sys.argv[4]}: {n} samples in {wall:.2f} s whole process = {n / wall:.1f} samples/s; "
      f"passed {passed}/{n}; isolation {','.join(iso)}")
PY
done
rm -rf "$out"
