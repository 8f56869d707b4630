"""Deterministic costs for the stress search: the instructions of each call of a program, counted
by valgrind's callgrind in a sandboxed candidate process (pj_program.run_process), for the
decisions of the search that a timed cost cannot take safely (docs/stress.md, "Deterministic
costs"). Layer 4 (graders): imports pj_program.

One process runs all inputs of a batch (pj_cg_batch.py): callgrind dumps a profile before each
call of the marker os.getppid, so each measured call gets its own dump and one interpreter start
(~1-2 s under valgrind) serves the whole batch. A call's count repeats run to run to the
instruction, because the program runs with a fixed PYTHONHASHSEED (and so must not be started
with -I or -E) and a collected heap (pj_cg_batch); the worker also runs without address-space
randomisation (setarch -R). A program that calls os.getppid itself makes more dumps than
markers: its counts are refused rather than misattributed.

A deterministic cap (samples): with `cap`, callgrind also dumps every `cap // CAP_DUMPS` basic
blocks (--dump-every-bb) and the checker, watching the work dir, stops the run as soon as the
call in progress has reached `cap` instructions in its finished dumps. That call's count is then
censored: reported as exactly `cap` (a lower bound, whatever moment the run was stopped at);
the inputs after it are counted in a fresh run. Which call is censored and the value reported
depend only on the program and the inputs, never on the machine's speed."""
import ast
import json
import marshal
import os
import re
import sys

from pj_program import run_process

VALGRIND = "/usr/bin/valgrind"
SLOWDOWN = 100  # wall and CPU limits of a callgrind run: this many times the task's limits
CAP_DUMPS = 8  # periodic dumps per `cap` instructions (basic blocks are ~4-6 instructions)
DUMP_BYTES = 16 << 20
_SUMMARY = re.compile(rb"^summary:\s*(\d+)\s*$", re.M)
_PERIODIC = b"Trigger: --dump-every-bb"
_HERE = os.path.dirname(os.path.abspath(__file__))


class Censored(int):
    """An instruction count that is a lower bound: the call was stopped at the cap."""

    def __repr__(self):
        return ">=%d" % int(self)


def available():
    return os.path.exists(VALGRIND)


def _batch_script():
    with open(os.path.join(_HERE, "pj_cg_batch.py"), encoding="utf-8") as f:
        return f.read()


def callgrind_argv(python, cap=None):
    """The command that counts a batch (pj_cg_batch.py and request.json in the work dir)."""
    argv = [VALGRIND, "--tool=callgrind", "--callgrind-out-file=cg.out", "--dump-before=os_getppid"]
    if cap is not None:
        argv.append("--dump-every-bb=%d" % max(1000, int(cap) // CAP_DUMPS))
    # -s, not -I: -I implies -E, which ignores PYTHONHASHSEED, so string hashes (and with them
    # the probes of every dict lookup, LOAD_GLOBAL's included) changed run to run: a call of
    # HumanEval/76's shape moved by 216-504 instructions between runs of the same batch
    # (bench/stress_counts/flags.py), and /76's counts flipped a stress decision. The environment
    # is the candidate's own (pj_candidate) and the work dir, sys.path[0], holds only this run's
    # files (its path of one length for every serial: pj_zygote.scratch_for).
    return argv + ["--dump-line=no", "--dump-instr=no", "--compress-strings=no", "--compress-pos=no",
                   python, "-s", "-S", "pj_cg_batch.py"]


def batch_files(program, entry_point, warm_literal, literals):
    """The work dir's files of a batch: the script, its request and the inputs (each literal
    parsed here, in the trusted checker, and marshalled: pj_cg_batch.py)."""
    request = {"program": program, "entry_point": entry_point, "warm": warm_literal}
    inputs = marshal.dumps([marshal.dumps(ast.literal_eval(text)) for text in literals])
    return {"pj_cg_batch.py": _batch_script(), "request.json": json.dumps(request), "inputs.bin": inputs}


def _number(name):
    tail = name.rsplit(".", 1)[-1]
    return int(tail) if tail.isdigit() else -1


def segments(dumps):
    """The dumps {name: bytes} in order, grouped into the segments between markers:
    ([(instructions, closed by a marker)], None) or (None, why). The last segment may be open
    (periodic dumps of a run that was stopped); a dump without its summary (being written when
    the run stopped) ends the list."""
    out, total = [], 0
    names = sorted(dumps, key=_number)
    for k, name in enumerate(names):
        if _number(name) != k + 1:
            return None, "callgrind dumps are not numbered 1..%d" % len(names)
        found = _SUMMARY.search(dumps[name])
        if found is None:
            if k == len(names) - 1:
                break
            return None, "no summary in %s" % name
        total += int(found.group(1))
        if _PERIODIC not in dumps[name][:2048]:
            out.append((total, True))
            total = 0
    if total:
        out.append((total, False))
    return out, None


def parse_dumps(dumps, inputs, cap=None):
    """(counts, None) from callgrind's dump files of a batch of `inputs` calls, or (None, why)
    when the dumps do not match the markers. With `cap`: the first call reaching `cap` is
    Censored(cap) and ends the list (the calls after it are not counted in this run)."""
    segs, why = segments(dumps)
    if segs is None:
        return None, why
    counts = []
    for k in range(inputs):
        at = 2 * k + 2  # segment 0: start-up and warm-up; then parse k, call k
        if at >= len(segs):
            break
        value, closed = segs[at]
        if cap is not None and value >= cap:
            counts.append(Censored(cap))
            return counts, None
        if not closed:
            break
        counts.append(value)
    markers = sum(1 for _, closed in segs if closed)
    if len(counts) < inputs or markers != 1 + 2 * inputs:
        return None, "callgrind wrote %d marker dumps for %d markers (does the program call os.getppid?)" % (
            markers, 1 + 2 * inputs)
    return counts, None


def _watcher(cap):
    """The watch function of a capped run: True once the call in progress has `cap`
    instructions in its finished dumps (a dump is finished when a later one exists)."""
    seen = {}

    def watch(workdir):
        try:
            names = sorted((n for n in os.listdir(workdir) if n.startswith("cg.out.")), key=_number)
        except OSError:
            return False
        for name in names[:-1]:
            if name not in seen:
                try:
                    with open(os.path.join(workdir, name), "rb") as f:
                        seen[name] = f.read(DUMP_BYTES)
                except OSError:
                    return False
        segs, _ = segments({n: seen[n] for n in names[:-1]})
        if len(segs) < 3:  # still in the start-up or the first parse
            return False
        # Open call segments have an even index (0 is the start-up; odd ones are parses).
        value, closed = segs[-1]
        return (not closed and len(segs) % 2 == 1 and value >= cap) or any(
            closed and k % 2 == 0 and k and v >= cap for k, (v, closed) in enumerate(segs))
    return watch


def _run(source, program, entry_point, warm_literal, literals, limits, cap):
    setup = {"argv": callgrind_argv(sys.executable, cap),
             "files": batch_files(program, entry_point, warm_literal, literals),
             "env": {"PYTHONHASHSEED": "0"}, "open_files": 1024}
    run_limits = dict(limits)
    run_limits["wall_seconds"] = limits["wall_seconds"] * SLOWDOWN
    run_limits["cpu_seconds"] = limits["cpu_seconds"] * SLOWDOWN
    run_limits["memory_bytes"] = 0  # valgrind reserves far more address space than it uses
    most = 2 + 2 * len(literals) + (4 * CAP_DUMPS * (len(literals) + 1) + 64 if cap is not None else 0)
    run = run_process(source, setup, run_limits, output_cap=0, cgroup_memory=4 * limits["memory_bytes"],
                      read_files=("cg.out.", most, DUMP_BYTES), watch=_watcher(cap) if cap is not None else None)
    if not run.stopped:
        if run.timed_out or run.cpu >= run_limits["cpu_seconds"]:
            return None, "callgrind run over its limits (%g s wall, %g s CPU)" % (run_limits["wall_seconds"],
                                                                                 run_limits["cpu_seconds"])
        if run.status != 0:
            return None, "callgrind run ended with status %s: %s" % (
                run.status, run.err[-400:].decode("utf-8", "replace"))
    files = run.files or {}
    if len(files) > most:
        return None, "callgrind wrote more than %d dumps" % most
    return parse_dumps(files, len(literals), cap)


def count_calls(source, program, entry_point, warm_literal, literals, limits, cap=None):
    """([instructions per input], None), or (None, detail) when a run failed (exit status,
    limits, missing or extra dumps). With `cap` (samples: a quadratic sample on an input sized for
    a linear reference could need hours under valgrind), a call reaching `cap` instructions is
    Censored(cap), and the inputs after it are counted in a fresh run."""
    counts = []
    while len(counts) < len(literals):
        got, why = _run(source, program, entry_point, warm_literal, literals[len(counts):], limits, cap)
        if got is None:
            return None, why
        counts.extend(got)
        if not got:
            return None, "no call counted"
    return counts, None
