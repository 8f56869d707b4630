#!/usr/bin/env python3
"""The batch script of the stress search's counts (pj_cg_batch.py) started as the harness starts
it, with `-s -S` (today) and with `-I -S` (before stop 27), three fresh runs each: the per-call
instruction counts of a tiny function (HumanEval/76's is_simple_power shape) on three inputs.
-I implies -E, which ignores PYTHONHASHSEED: the counts then move run to run (dict probes of the
globals and builtins looked up by name), with -s they repeat to the instruction. docs/stress.md,
stop 27. Usage: flags.py [PYTHON]   (default: this interpreter)"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../../tests/PerfJudge.Tests/Harness/python"))
import harness_support  # noqa: E402  (puts the harness on sys.path; counts as the tests count)
import pj_cgcount  # noqa: E402

PROGRAM = ("def is_simple_power(x, n):\n    if x == 1: return True\n    if n == 0: return x == 0\n"
           "    if n == 1: return x == 1\n    p = n\n    while abs(p) <= abs(x):\n"
           "        if p == x: return True\n        p = p * n\n    return False\n")
INPUTS = ["(64, 2)", "(1024, 2)", "(16384, 2)"]


def counts(python, flags):
    files = pj_cgcount.batch_files(PROGRAM, "is_simple_power", "(16, 2)", INPUTS)
    # The script refuses randomized hashing since stop 27; its guard is switched off here to
    # show what it guards against.
    guard = "if sys.flags.hash_randomization:"
    assert guard in files["pj_cg_batch.py"]
    files["pj_cg_batch.py"] = files["pj_cg_batch.py"].replace(guard, "if False:")
    argv = pj_cgcount.callgrind_argv(python)
    argv = argv[:-3] + flags + argv[-1:]  # the interpreter's flags replaced, the script kept
    got, why = harness_support.count_unsandboxed(files, argv, len(INPUTS))
    return got if got is not None else why


def main():
    python = sys.argv[1] if len(sys.argv) > 1 else sys.executable
    assert pj_cgcount.callgrind_argv(python)[-4:] == [python, "-s", "-S", "pj_cg_batch.py"]
    for flags in (["-s", "-S"], ["-I", "-S"]):
        runs = [counts(python, flags) for _ in range(3)]
        print("%-6s %s  %s" % (" ".join(flags), "  ".join(str(r) for r in runs),
                               "identical" if runs[0] == runs[1] == runs[2] else "DIFFER"))


if __name__ == "__main__":
    main()
