#!/usr/bin/env bash
# Precision benchmark (efficiency issue): two programs, one ~2x slower than the other, each
# measured TRIALS times through the engine (perfjudge measure --compare: repetitions alternate
# fast/slow in fresh processes so that drift cancels in the ratio; each measurement repeats until
# its 95% CI is within 1% or 50 repetitions). Prints the coefficient of variation of each absolute cost and of
# the cost ratio, per meter.  Usage: bench/precision.sh [TRIALS] [METERS...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
trials="${1:-10}"; shift || true
meters=("${@:-cpu wall callgrind}")
dotnet build "$root/src/PerfJudge.Cli" -c Release -v q -nologo >/dev/null
cli="$root/src/PerfJudge.Cli/bin/Release/net10.0/perfjudge.dll"
out="$(mktemp -d)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), kernel $(uname -r)"
for meter in ${meters[@]}; do
  for i in $(seq 1 "$trials"); do
    dotnet "$cli" measure "$here/precision/fast.py" --compare "$here/precision/slow.py" --entry work \
      --input '[200000]' --meter "$meter" $([ "$meter" = callgrind ] && echo --min-rounds 1) ${PRECISION_FLAGS:-} \
      --json "$out/$meter-$i.json" > /dev/null
  done
  python3 - "$out" "$meter" "$trials" <<'PY'
import json, statistics, sys
out, meter, trials = sys.argv[1], sys.argv[2], int(sys.argv[3])
docs = [json.load(open(f"{out}/{meter}-{i}.json")) for i in range(1, trials + 1)]
fast = [d["median_s"] for d in docs]
slow = [d["compare"]["median_s"] for d in docs]
reps = [d["repetitions"] for d in docs]
ratio = [d["compare"]["ratio"] for d in docs]


def hodges_lehmann(xs):
    walsh = [(xs[i] + xs[j]) / 2 for i in range(len(xs)) for j in range(i, len(xs))]
    return statistics.median(walsh)


paired = [[b / a for a, b in zip(d["costs_s"], d["compare"]["costs_s"])] for d in docs]
ratio_hl = [hodges_lehmann(p) for p in paired]
cov = lambda xs: statistics.stdev(xs) / statistics.mean(xs) * 100
scale, unit = (1, "instr") if meter == "callgrind" else (1e3, "ms")
print(f"meter={meter}: fast {statistics.mean(fast)*scale:.6g} {unit} CoV {cov(fast):.2f}% | "
      f"slow {statistics.mean(slow)*scale:.6g} {unit} CoV {cov(slow):.2f}% | "
      f"ratio (median of paired) {statistics.mean(ratio):.4f} CoV {cov(ratio):.2f}% | "
      f"ratio (Hodges-Lehmann of paired) {statistics.mean(ratio_hl):.4f} CoV {cov(ratio_hl):.2f}% | "
      f"repetitions per measurement {min(reps)}-{max(reps)}")
PY
done
echo "raw measurements kept in $out"
