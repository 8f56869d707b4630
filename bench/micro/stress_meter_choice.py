#!/usr/bin/env python3
"""Why the stress search counts instructions with callgrind rather than Python opcodes
(docs/stress.md, "Deterministic costs"). For two quadratic functions (one a Python loop, one
quadratic inside a C builtin: `x in nums[i + 1:]`) at n and 2n elements, prints:
native CPU time, executed opcodes (sys.settrace + f_trace_opcodes) and its overhead, and
callgrind's instruction count of the call (twice, to show it repeats) and its wall time.
Usage: stress_meter_choice.py [N]   (default 2000)"""
import os
import subprocess
import sys
import tempfile
import time

LOOP = "def f(xs):\n    c = 0\n    for a in xs:\n        for b in xs:\n            c += a < b\n    return c\n"
BUILTIN = "def f(xs):\n    return sum(1 for i, x in enumerate(xs) if x in xs[i + 1:])\n"


def opcodes(fn, args):
    count = [0]

    def tracer(frame, event, arg):
        frame.f_trace_opcodes = True
        if event == "opcode":
            count[0] += 1
        return tracer
    sys.settrace(tracer)
    try:
        fn(*args)
    finally:
        sys.settrace(None)
    return count[0]


def callgrind(program, n):
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "PerfJudge", "Runners", "Python")
    sys.path.insert(0, here)
    import pj_cgcount
    work = tempfile.mkdtemp()
    for name, text in pj_cgcount.batch_files(program, "f", "([1],)", [repr((list(range(n)),))]).items():
        open(os.path.join(work, name), "w").write(text)
    t0 = time.time()
    subprocess.run(["setarch", "-R"] + pj_cgcount.callgrind_argv(sys.executable), cwd=work, check=True,
                   env={"PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0"}, stderr=subprocess.DEVNULL)
    wall = time.time() - t0
    dumps = {x: open(os.path.join(work, x), "rb").read() for x in os.listdir(work) if x.startswith("cg.out.")}
    counts, why = pj_cgcount.parse_dumps(dumps, 1)
    return counts[0], wall


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    print("load average %.2f %.2f %.2f" % os.getloadavg())
    for name, program in (("python loop", LOOP), ("C builtin (x in list)", BUILTIN)):
        ns = {}
        exec(program, ns)
        fn = ns["f"]
        for size in (n, 2 * n):
            args = (list(range(size)),)
            t0 = time.process_time()
            fn(*args)
            native = time.process_time() - t0
            t0 = time.process_time()
            ops = opcodes(fn, args)
            traced = time.process_time() - t0
            c1, w1 = callgrind(program, size)
            c2, _ = callgrind(program, size)
            print("%-22s n=%-6d native %.4f s | opcodes %12d (settrace %.1fx native) | callgrind %12d / %12d "
                  "(%s), %.1f s wall for the whole run" % (name, size, native, ops, traced / native, c1, c2,
                                                          "same" if c1 == c2 else "differ", w1))


if __name__ == "__main__":
    main()
