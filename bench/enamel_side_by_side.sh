#!/usr/bin/env bash
# ENAMEL side by side (issue 14; docs/enamel-fidelity.md): the canonical solutions of HumanEval
# (default) or HumanEval+ (SET=humaneval+) judged on the ENAMEL suite RUNS times by `perfjudge eval`
# (its default on this suite: --protocol enamel) and RUNS times by ENAMEL's protocol run in one
# process (bench/enamel_reference.py), all on the very same inputs (the reference script seeds the
# generators with this machine's PerfJudge input secret). Prints, with the load before each run:
# pass@1 and eff@1 of every run; eff@1 differences; per-task efficiency mean absolute differences
# (MAD) between the two runs of each protocol and between the protocols.
# Usage: bench/enamel_side_by_side.sh [RUNS] [extra eval flags...]
#   SET=humaneval|humaneval+   KEEP=dir keeps the documents   PERFJUDGE_DATA=the datasets' folder
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
runs="${1:-2}"; shift || true
data="${PERFJUDGE_DATA:-$root/../shared/data}"
set_name="${SET:-humaneval}"
case "$set_name" in
  humaneval) src="$data/humaneval/HumanEval.jsonl.gz" ;;
  humaneval+) src="$data/evalplus/HumanEvalPlus.jsonl.gz" ;;
  *) echo "SET must be humaneval or humaneval+, not $set_name" >&2; exit 2 ;;
esac
out="${KEEP:-$(mktemp -d)}"; mkdir -p "$out"
dotnet build "$root/src/PerfJudge.Cli" -c Release -v q -nologo >/dev/null
cli="$root/src/PerfJudge.Cli/bin/Release/net10.0/perfjudge.dll"
python3 "$here/make_humaneval_samples.py" "$src" 1 "$out/samples.jsonl" >/dev/null
secret="${PERFJUDGE_INPUT_SECRET:-${XDG_DATA_HOME:-$HOME/.local/share}/perfjudge/input-secret}"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), kernel $(uname -r)"
echo "samples: $set_name canonical solutions; eval flags: ${*:-(none)}"
for i in $(seq 1 "$runs"); do
  echo "  load before perfjudge run $i: $(cut -d' ' -f1-3 /proc/loadavg)"
  start=$(date +%s.%N)
  dotnet "$cli" eval --suite "$data/enamel/enamel.csv" --samples "$out/samples.jsonl" --no-cache \
    --json "$out/perfjudge$i.json" "$@" > "$out/perfjudge$i.log"
  echo "perfjudge run $i: $(python3 - "$out/perfjudge$i.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["models"][0]
print("pass@1 %.3f  eff@1 %.3f (95%% CI %.3f-%.3f)" % (m["metrics"]["pass@1"], m["metrics"]["eff@1"], *m["ci95"]["eff@1"]))
PY
)  wall $(python3 -c "print('%.1f s' % ($(date +%s.%N) - $start))")"
  echo "  load before in-process ENAMEL run $i: $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 "$here/enamel_reference.py" "$data/enamel/enamel.csv" "$out/samples.jsonl" "$out/enamel$i.json" \
    --perfjudge-secret "$secret" --seed 0 2> "$out/enamel$i.log" | sed "s/^/enamel run $i: /"
done
python3 - "$out" "$runs" <<'PY'
import json, sys
out, runs = sys.argv[1], int(sys.argv[2])
def perfjudge(i):
    doc = json.load(open("%s/perfjudge%d.json" % (out, i)))
    return doc["models"][0]["metrics"]["eff@1"], {r["task_id"]: r.get("efficiency") or 0.0 for r in doc["results"]}
def enamel(i):
    doc = json.load(open("%s/enamel%d.json" % (out, i)))
    return doc["eff@1"], {t: (r["efficiency"] if r["passed"] else 0.0) for t, r in doc["results"].items()}
def mad(a, b):
    keys = sorted(set(a) & set(b))
    diffs = sorted(((abs(a[k] - b[k]), k) for k in keys), reverse=True)
    return sum(d for d, _ in diffs) / len(keys), len(keys), ", ".join("%s %.2f" % (k, d) for d, k in diffs[:4])
pj = [perfjudge(i) for i in range(1, runs + 1)]
en = [enamel(i) for i in range(1, runs + 1)]
for i in range(runs):
    print("run %d: eff@1 perfjudge - enamel = %+.3f" % (i + 1, pj[i][0] - en[i][0]))
    print("  per-task MAD perfjudge vs enamel: %.3f over %d tasks (largest: %s)" % mad(pj[i][1], en[i][1]))
for i in range(1, runs):
    print("runs %d-%d: per-task MAD perfjudge %.3f over %d (largest: %s)" % ((i, i + 1) + mad(pj[i - 1][1], pj[i][1])))
    print("runs %d-%d: per-task MAD enamel    %.3f over %d (largest: %s)" % ((i, i + 1) + mad(en[i - 1][1], en[i][1])))
PY
[ -n "${KEEP:-}" ] || rm -rf "$out"
