#!/usr/bin/env bash
# Judges a suite written by `perfjudge stress` with each task's own fast and slow references as the
# samples of two "models" (linear, quadratic): eff@1, DPS and speedup show whether the written
# levels separate them. Usage: bench/stress_judge.sh STRESS_OUT_DIR (e.g. from bench/stress_builtin.sh)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: bench/stress_judge.sh STRESS_OUT_DIR}"
python3 - "$out/tasks.jsonl" "$out/two-models.jsonl" <<'PY'
import json, sys
with open(sys.argv[2], "w") as f:
    for line in open(sys.argv[1]):
        task = json.loads(line)
        refs = task["references"]
        for model, completion in (("linear", refs[0]), ("quadratic", refs[-1])):
            f.write(json.dumps({"task_id": task["task_id"], "model": model, "completion": completion}) + "\n")
PY
dotnet build "$here/PerfJudge.slnx" -c Release -v q -nologo >/dev/null
"$here/src/PerfJudge.Cli/bin/Release/net10.0/perfjudge" eval --suite "$out/tasks.jsonl" \
    --samples "$out/two-models.jsonl" --rounds 1 --timeout 10 --no-cache
