#!/usr/bin/env bash
# Raw per-round times of two `perfjudge eval` runs of a canonical set on the ENAMEL suite, then the
# per-task repeatability (MAD between the two runs) of several estimators over the first 3 or all 6
# rounds of the SAME measurements (docs/enamel-fidelity.md, "Six rounds"); with ROUNDS=18 (and
# TASKS=N, a seeded random N of the set's samples, to keep it short) also blocks.py: disjoint blocks
# of k rounds, the two halves of one run, and the protocol's extra rounds simulated (stop 26). The worker does not
# report raw rounds, so this builds a throwaway copy of HEAD with dump_rounds.patch applied (it
# appends every task's raw times to /tmp/pjrounds/PID.jsonl; --isolation rlimits, as a sandboxed
# worker cannot write there). If pj_perf.py has changed since, refresh the patch.
# Usage: [ROUNDS=6] [TASKS=N] bench/enamel_rounds/run.sh OUT [humaneval|humaneval+]     PERFJUDGE_DATA=the datasets' folder
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$1"; set_name="${2:-humaneval+}"
data="${PERFJUDGE_DATA:-$root/../shared/data}"
case "$set_name" in
  humaneval) src="$data/humaneval/HumanEval.jsonl.gz" ;;
  humaneval+) src="$data/evalplus/HumanEvalPlus.jsonl.gz" ;;
  *) echo "set must be humaneval or humaneval+, not $set_name" >&2; exit 2 ;;
esac
mkdir -p "$out"; out="$(cd "$out" && pwd)"
tree="$(mktemp -d)/perfjudge"
git -C "$root" worktree add -q --detach "$tree" HEAD
trap 'git -C "$root" worktree remove --force "$tree"' EXIT
git -C "$tree" apply "$here/dump_rounds.patch"
dotnet build "$tree/src/PerfJudge.Cli" -c Release -v q -nologo >/dev/null
python3 "$root/bench/make_humaneval_samples.py" "$src" 1 "$out/samples.jsonl" >/dev/null
if [ -n "${TASKS:-}" ]; then
  python3 -c "import random, sys; lines = open(sys.argv[1]).readlines(); random.seed(14); open(sys.argv[1], 'w').writelines(random.sample(lines, int(sys.argv[2])))" \
    "$out/samples.jsonl" "$TASKS"
fi
rounds="${ROUNDS:-6}"
mkdir -p /tmp/pjrounds; chmod 1777 /tmp/pjrounds
for i in 1 2; do
  rm -f /tmp/pjrounds/*.jsonl
  echo "run $i: load before $(cut -d' ' -f1-3 /proc/loadavg)"
  dotnet "$tree/src/PerfJudge.Cli/bin/Release/net10.0/perfjudge.dll" eval --suite "$data/enamel/enamel.csv" \
    --samples "$out/samples.jsonl" --no-cache --jobs 1 --rounds "$rounds" --isolation rlimits --json "$out/run$i.json" > "$out/run$i.log" 2>&1
  cat /tmp/pjrounds/*.jsonl > "$out/rounds$i.jsonl"
done
python3 "$here/estimators.py" "$out/rounds1.jsonl" "$out/rounds2.jsonl" "$out/run1.json"
if [ "$rounds" -ge 12 ]; then python3 "$here/blocks.py" "$out/rounds1.jsonl" "$out/rounds2.jsonl"; fi
