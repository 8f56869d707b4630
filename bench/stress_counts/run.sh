#!/usr/bin/env bash
# Is the instruction count of a tiny call (HumanEval/76's is_simple_power(1048576, 2), ~1.1e4
# instructions) the same in every fresh process? Counts it between two os.getppid markers, as the
# stress harness's callgrind runs do (--dump-before=os_getppid), under several conditions: earlier
# calls and garbage in the process, with PYTHONHASHSEED=0 (the harness's), and without a fixed
# hash seed, address randomization on and off. docs/stress.md, stop 26.
# Usage: bench/stress_counts/run.sh [PYTHON]   (a CPython with symbols; default: python3)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
py="${1:-$(command -v python3)}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
count() {  # ENV-ASSIGNMENTS... -- PREFIX... -- ARGS...
  rm -f "$work"/cg.*
  env -i PATH=/usr/bin:/bin "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; return 1; }
  grep -h '^summary' "$work/cg.out.2" | cut -d' ' -f2
}
vg=(valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" --dump-before=os_getppid "$py" "$here/tiny_call.py" 1048576)
line="hash seed 0, earlier calls / garbage:"
for b in "0 0" "5 0" "0 100000" "5 100000"; do set -- $b; line="$line [$1/$2] $(count PYTHONHASHSEED=0 "${vg[@]}" "$1" "$2")"; done; echo "$line"
for seed in 0 random; do for aslr in on off; do
  line="hash seed $seed, address randomization $aslr:"
  for i in 1 2 3 4 5; do
    pre=(); [ "$aslr" = off ] && pre=(setarch -R)
    if [ "$seed" = 0 ]; then line="$line $(count PYTHONHASHSEED=0 "${pre[@]}" "${vg[@]}" 0 0)"; else line="$line $(count "${pre[@]}" "${vg[@]}" 0 0)"; fi
  done; echo "$line"
done; done
