#!/usr/bin/env bash
# ENAMEL's time correction inside PerfJudge, measured and not adopted (docs/enamel-fidelity.md, "The
# time correction"). Builds a throwaway copy of HEAD with time_correction.patch applied (`--protocol
# enamel` then re-times the reference's slowest scored case after the rounds and scales the samples'
# times by its first estimate over the new one, as ENAMEL's evaluator does before a task's samples;
# `enamel-interleaved` is the protocol without it; rows carry `time_correction`), and runs the side by
# side with it (bench/enamel_side_by_side.sh, both cores should be idle), then rescore.py on the
# documents. The patch is against 433414d; if pj_perf.py has changed since, refresh it.
# Usage: bench/enamel_correction/run.sh OUT [humaneval|humaneval+] [eval flags]   PERFJUDGE_DATA=datasets
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$1"; set_name="${2:-humaneval}"; shift 2 || shift $#
mkdir -p "$out"; out="$(cd "$out" && pwd)"
export PERFJUDGE_DATA="$(cd "${PERFJUDGE_DATA:-$root/../shared/data}" && pwd)"
tree="$(mktemp -d)/perfjudge"
git -C "$root" worktree add -q --detach "$tree" HEAD
trap 'git -C "$root" worktree remove --force "$tree"' EXIT
git -C "$tree" apply "$here/time_correction.patch"
KEEP="$out" SET="$set_name" "$root/bench/quiet_core.sh" "$tree/bench/enamel_side_by_side.sh" 2 --jobs 1 "$@"
python3 "$here/rescore.py" "$out" 2
