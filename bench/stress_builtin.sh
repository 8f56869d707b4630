#!/usr/bin/env bash
# Runs `perfjudge stress` on the built-in stress suite and prints, per task, the slow/fast cost
# ratio of its references on the task's own tests and on the selected inputs.
# Usage: bench/stress_builtin.sh [OUT_DIR] [extra stress options...]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-/tmp/perfjudge-stress}"
shift || true
dotnet build "$here/PerfJudge.slnx" -c Release -v q -nologo >/dev/null
"$here/src/PerfJudge.Cli/bin/Release/net10.0/perfjudge" stress --suite stress --seed 0 --out "$out" "$@"
python3 - "$out/report.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
print("%-34s %-6s %8s %12s %14s  %s" % ("task", "method", "scale", "tests ratio", "selected ratio", "slow/fast >= 10x"))
for t in doc["tasks"]:
    o, s = t["original_ratio"], t["selected_ratio"]
    print("%-34s %-6s %8s %12s %14s  %s" % (t["task_id"], t["method"] or "-", t["scale"],
          "-" if o is None else "%.2fx" % o, "-" if s is None else "%.1fx" % s,
          "yes" if s is not None and s >= 10 else "no"))
print("meter %s, environment %s, wall %.1f s" % (doc["run"]["meter"], doc["run"]["environment"], doc["run"]["wall_s"]))
PY
