"""Deterministic costs for the stress search: the instructions of each call of a program, counted
by valgrind's callgrind in a sandboxed candidate process (pj_program.run_process), for every
decision of the search where the machine has no hardware instruction counter (docs/stress.md,
"Deterministic costs"). Layer 4 (graders): imports pj_program.

One process runs all inputs of a batch (pj_cg_batch.py): callgrind dumps a profile before each
call of the marker os.getppid, so each measured call gets its own dump and one interpreter start
(~1-2 s under valgrind) serves the whole batch. Counts repeat exactly run to run because the
worker runs without address-space randomisation (setarch -R) and the program with a fixed
PYTHONHASHSEED. A program that calls os.getppid itself makes more dumps than markers: its counts
are refused rather than misattributed."""
import json
import os
import re
import sys

from pj_program import run_process

VALGRIND = "/usr/bin/valgrind"
SLOWDOWN = 100  # wall and CPU limits of a callgrind run: this many times the task's limits
SAMPLE_CPU = 60  # CPU seconds a sample's callgrind run may take (~3e9 instructions counted)
DUMP_BYTES = 16 << 20
_SUMMARY = re.compile(rb"^summary:\s*(\d+)\s*$", re.M)
_HERE = os.path.dirname(os.path.abspath(__file__))


def available():
    return os.path.exists(VALGRIND)


def _batch_script():
    with open(os.path.join(_HERE, "pj_cg_batch.py"), encoding="utf-8") as f:
        return f.read()


def callgrind_argv(python, stop_at=None):
    """The command that counts a batch (pj_cg_batch.py and request.json in the work dir)."""
    argv = [VALGRIND, "--tool=callgrind", "--callgrind-out-file=cg.out", "--dump-before=os_getppid"]
    if stop_at is not None:
        argv.append("--zero-before=os_getpid")
    return argv + ["--dump-line=no", "--dump-instr=no", "--compress-strings=no", "--compress-pos=no",
                   python, "-I", "-S", "pj_cg_batch.py"]


def batch_files(program, entry_point, warm_literal, literals, stop_at=None):
    """The work dir's files of a batch: the script and its request."""
    request = {"program": program, "entry_point": entry_point, "warm": warm_literal, "inputs": list(literals),
               "stop_at": stop_at}
    return {"pj_cg_batch.py": _batch_script(), "request.json": json.dumps(request)}


def parse_dumps(dumps, inputs, stop_at=None):
    """(counts, None) from callgrind's dump files {name: bytes} of a batch of `inputs` calls, or
    (None, why) when the dumps do not match the markers."""
    expected = ["cg.out.%d" % k for k in range(1, inputs + 2)]
    if stop_at is not None and 2 <= len(dumps) < len(expected):
        expected = expected[:len(dumps)]
    if sorted(dumps) != sorted(expected):
        return None, "callgrind wrote %d dumps for %d markers (does the program call os.getppid?)" % (
            len(dumps), len(expected))
    counts = []
    for name in expected[1:]:
        found = _SUMMARY.search(dumps[name])
        if found is None:
            return None, "no summary in %s" % name
        counts.append(int(found.group(1)))
    return counts, None


def count_calls(source, program, entry_point, warm_literal, literals, limits, stop_at=None, cpu_cap=None):
    """([instructions per input], None), or (None, detail) when the run failed (exit status,
    limits, missing or extra dumps). With stop_at (trusted references only: the program could
    otherwise end its own run early), the run stops after the first call costing more than
    stop_at, and the list is that long. cpu_cap: CPU seconds of the run (samples: a quadratic
    sample on a reference's budget-sized input can need hours under valgrind)."""
    setup = {"argv": callgrind_argv(sys.executable, stop_at),
             "files": batch_files(program, entry_point, warm_literal, literals, stop_at),
             "env": {"PYTHONHASHSEED": "0"}, "open_files": 1024}
    run_limits = dict(limits)
    run_limits["wall_seconds"] = limits["wall_seconds"] * SLOWDOWN
    run_limits["cpu_seconds"] = cpu_cap or limits["cpu_seconds"] * SLOWDOWN
    run_limits["memory_bytes"] = 0  # valgrind reserves far more address space than it uses
    run = run_process(source, setup, run_limits, output_cap=0, cgroup_memory=4 * limits["memory_bytes"],
                      read_files=("cg.out.", len(literals) + 2, DUMP_BYTES))
    if run.timed_out or run.cpu >= run_limits["cpu_seconds"]:
        return None, "callgrind run over its limits (%g s wall, %g s CPU)" % (run_limits["wall_seconds"],
                                                                             run_limits["cpu_seconds"])
    if run.status != 0:
        return None, "callgrind run ended with status %s: %s" % (run.status, run.err[-400:].decode("utf-8", "replace"))
    return parse_dumps(run.files or {}, len(literals), stop_at)
