#!/usr/bin/env bash
# Cost of sharding (issue #13): the same work (HumanEval canonical solutions x COPIES as distinct
# samples, cache off, full isolation) judged as 1, 2 and 4 shards of 'eval --shard I/N' on this one
# machine, then merged; and the time to merge 100,000 rows of 4 shard documents.
#   sequential: the shards one after another, each with the whole machine (--jobs = cores): the sum
#               is the machine time N machines would spend; the excess over 1 shard is the price of
#               sharding (a start-up per shard: runtime, interpreter, sandbox probe, workers).
#   concurrent: the N shards at once on this machine (--jobs = cores / N each).
# Usage: bench/sharding.sh [COPIES]   (default 2)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
data="${PERFJUDGE_DATA:-$root/../shared/data}/humaneval/HumanEval.jsonl.gz"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
dotnet build "$root/src/PerfJudge.Cli" -c Release -v q -nologo >/dev/null
cli="$root/src/PerfJudge.Cli/bin/Release/net10.0/perfjudge.dll"
python3 "$here/make_humaneval_samples.py" "$data" "${1:-2}" "$out/samples.jsonl" >/dev/null
cores=$(nproc)
echo "machine: $cores cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), kernel $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "work: $(wc -l < "$out/samples.jsonl") samples"
now() { date +%s.%N; }
shard() { # index count jobs
  dotnet "$cli" eval --suite "$data" --samples "$out/samples.jsonl" --no-cache --jobs "$3" --shard "$1/$2" \
    --json "$out/n$2-$1.json" > /dev/null 2>&1
}
base=""
for n in 1 2 4; do
  walls=()
  for ((i = 0; i < n; i++)); do
    s=$(now); shard "$i" "$n" "$cores"; e=$(now)
    walls+=("$(echo "$e - $s" | bc)")
  done
  s=$(now)
  for ((i = 0; i < n; i++)); do shard "$i" "$n" $(( cores / n > 0 ? cores / n : 1 )) & done
  wait
  concurrent=$(echo "$(now) - $s" | bc)
  s=$(now)
  dotnet "$cli" merge "$out"/n$n-*.json --no-record --json "$out/merged-$n.json" > /dev/null
  merge=$(echo "$(now) - $s" | bc)
  python3 - "$n" "$concurrent" "$merge" "$base" "$out/merged-$n.json" "${walls[@]}" <<'PY'
import json, sys
n, concurrent, merge, base = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
walls = [float(w) for w in sys.argv[6:]]
doc = json.load(open(sys.argv[5]))
total = sum(walls)
over = f", +{(total / float(base) - 1) * 100:.0f}% machine time vs 1 shard" if base else ""
print(f"{n} shard(s): sequential sum {total:.1f} s (slowest shard {max(walls):.1f} s{over}); "
      f"all at once here {concurrent:.1f} s; merge {merge:.2f} s; {len(doc['results'])} rows, "
      f"passed {sum(r['verdict'] == 'passed' for r in doc['results'])}")
PY
  [ -n "$base" ] || base=$(printf '%s\n' "${walls[@]}" | paste -sd+ | bc)
done
python3 "$here/make_shard_documents.py" 100000 4 "$out/big" >/dev/null
# Wall and CPU time of the whole merge process (CPU time is what a loaded machine does not inflate).
python3 - "$cli" "$out/big" <<'PY'
import glob, resource, subprocess, sys, time
cli, big = sys.argv[1], sys.argv[2]
start = time.monotonic()
subprocess.run(["dotnet", cli, "merge", *sorted(glob.glob(big + "/shard-*.json")), "--no-record", "--json", big + "/merged.json"],
               check=True, stdout=subprocess.DEVNULL)
wall = time.monotonic() - start
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"merge of 100,000 rows (4 shard documents; 10 models x 10 samples x 1,000 tasks; pass@1,10 with bootstrap CIs): "
      f"{wall:.1f} s wall, {ru.ru_utime + ru.ru_stime:.1f} s CPU, whole process (start-up, read, merge, summaries, write)")
PY
