#!/usr/bin/env bash
# Runs COMMAND alone on the last CPU while every other process on the machine is confined to the
# others (cgroup v1 cpuset; root). For figures on a shared 2-core VM: caches and the memory bus stay
# shared, but no other process runs on the benchmark's core (docs/enamel-fidelity.md). Everything is
# put back when COMMAND ends, however it ends.
# Usage: sudo bench/quiet_core.sh COMMAND [ARGS...]   (e.g. bench/quiet_core.sh bench/enamel_side_by_side.sh 2 --jobs 1)
set -euo pipefail
cs=/sys/fs/cgroup/cpuset
[ -w "$cs/tasks" ] || { echo "quiet_core: needs root and a cgroup v1 cpuset hierarchy at $cs" >&2; exit 2; }
last=$(( $(nproc --all) - 1 ))
[ "$last" -ge 1 ] || { echo "quiet_core: needs at least 2 CPUs" >&2; exit 2; }
mems=$(cat "$cs/cpuset.mems")
mkdir -p "$cs/pj-others" "$cs/pj-quiet"
echo "0-$((last - 1))" > "$cs/pj-others/cpuset.cpus"; echo "$mems" > "$cs/pj-others/cpuset.mems"
echo "$last" > "$cs/pj-quiet/cpuset.cpus"; echo "$mems" > "$cs/pj-quiet/cpuset.mems"
restore() {
  for p in $(cat "$cs/pj-others/tasks" "$cs/pj-quiet/tasks"); do echo "$p" > "$cs/tasks" 2>/dev/null || true; done
  rmdir "$cs/pj-others" "$cs/pj-quiet" 2>/dev/null || true
}
trap restore EXIT
for p in $(cat "$cs/tasks"); do
  [ "$p" = "$$" ] || echo "$p" > "$cs/pj-others/tasks" 2>/dev/null || true  # kernel threads stay
done
echo "$$" > "$cs/pj-quiet/tasks"
echo "quiet_core: CPU $last for: $*; $(wc -l < "$cs/pj-others/tasks") other tasks on CPUs 0-$((last - 1))" >&2
"$@"
