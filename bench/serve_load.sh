#!/usr/bin/env bash
# Load benchmark of `perfjudge serve` (issue: HTTP judge): 64 concurrent clients for 60 s on the demo
# suite (distinct samples, so every request is judged), against the CLI on the same number of
# samples; then a server SIGKILLed mid-load and restarted: nothing it answered may be lost.
# Usage: bench/serve_load.sh [CLIENTS] [SECONDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
clients="${1:-64}"
seconds="${2:-60}"
out="$(mktemp -d)"
dotnet build "$root/src/PerfJudge.Cli" -c Release -v q -nologo >/dev/null
cli="$root/src/PerfJudge.Cli/bin/Release/net10.0/perfjudge.dll"
samples="$root/suites/demo/samples.jsonl"
port=18$((RANDOM % 900 + 100))
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

serve() { dotnet "$cli" serve --urls "http://127.0.0.1:$port" --store "$1" > "$out/server.log" 2>&1 & echo $!; }
# serve runs in a command substitution, so its pid is not this shell's child: poll until it is gone.
gone() { for _ in $(seq 300); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done; }
wait_up() { for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return 0; sleep 0.2; done; echo "server did not start" >&2; cat "$out/server.log" >&2; exit 1; }

pid=$(serve "$out/load.db"); wait_up
python3 "$here/serve_load.py" "$port" "$clients" "$seconds" "$samples" "$out/answered.jsonl" load | tee "$out/load.txt"
kill -TERM "$pid"; gone "$pid"
judged=$(wc -l < "$out/answered.jsonl")

# The CLI on the same number of distinct samples (same store kind, so both write every result).
python3 - "$samples" "$judged" "$out/cli-samples.jsonl" <<'PY'
import json, sys
src = [json.loads(l) for l in open(sys.argv[1])]
with open(sys.argv[3], "w") as f:
    for n in range(int(sys.argv[2])):
        s = dict(src[n % len(src)]); s["completion"] += f"# cli {n}\n"; s["model"] = "m"
        f.write(json.dumps(s) + "\n")
PY
start=$(date +%s.%N)
dotnet "$cli" eval --samples "$out/cli-samples.jsonl" --store "$out/cli.db" > /dev/null
end=$(date +%s.%N)
python3 -c "import sys; n=int(sys.argv[1]); w=float(sys.argv[3])-float(sys.argv[2]); print(f'CLI: {n} samples in {w:.1f} s whole process = {n/w:.1f} samples/s')" "$judged" "$start" "$end"

# Kill test: SIGKILL mid-load, restart on the same store, re-ask everything that was answered.
pid=$(serve "$out/kill.db"); wait_up
python3 "$here/serve_load.py" "$port" "$clients" 600 "$samples" "$out/killed.jsonl" kill > "$out/kill.txt" &
load=$!
sleep 15
kill -KILL "$pid"; gone "$pid"
wait "$load" || true
echo "killed server at 15 s: $(tail -1 "$out/kill.txt")"
pid=$(serve "$out/kill.db"); wait_up
python3 "$here/serve_check.py" "$port" "$out/killed.jsonl" || status=$?
kill -TERM "$pid"; gone "$pid"
rm -rf "$out"
exit "${status:-0}"
