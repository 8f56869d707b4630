#!/usr/bin/env python3
"""Minor page faults and CPU time of one call in a fresh process, after a warm-up call on another
input of the same size (what PerfJudge's per-level warm-up does), with and without glibc keeping
freed memory (mallopt: no mmap for large blocks, no trimming). docs/enamel-fidelity.md: how much of
a fresh process's extra per-call cost page faults explain. HumanEval/37's canonical sort_even.
Usage: fresh_process_faults.py [N=30000] [PROCESSES=3] [CALLS=4]
"""
import ctypes
import gc
import random
import resource
import subprocess
import sys
import time


def sort_even(values):
    evens, odds = sorted(values[::2]), values[1::2]
    out = []
    for e, o in zip(evens, odds):
        out.extend([e, o])
    if len(evens) > len(odds):
        out.append(evens[-1])
    return out


def child(n, mode, calls):
    if mode == "mallopt":
        libc = ctypes.CDLL(None)
        libc.mallopt(-3, 1 << 30)  # M_MMAP_THRESHOLD
        libc.mallopt(-1, 1 << 30)  # M_TRIM_THRESHOLD
    random.seed(1)
    measured = [random.randint(-10 ** 9, 10 ** 9) for _ in range(n)]
    warm = [random.randint(-10 ** 9, 10 ** 9) for _ in range(n)]
    gc.disable()
    row = []
    for _ in range(calls):
        sort_even(warm)
        f0 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        t0 = time.clock_gettime(time.CLOCK_PROCESS_CPUTIME_ID)
        sort_even(measured)
        t1 = time.clock_gettime(time.CLOCK_PROCESS_CPUTIME_ID)
        row.append("%.3f ms/%d faults" % ((t1 - t0) * 1e3, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - f0))
    print("%-7s %s" % (mode, "  ".join(row)))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
        sys.exit(0)
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30000
    procs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    calls = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    print("HumanEval/37 sort_even, n=%d, each line a fresh process; load %s" % (n, open("/proc/loadavg").read().split()[0]))
    for mode in ("plain", "mallopt"):
        for _ in range(procs):
            subprocess.run([sys.executable, __file__, "--child", str(n), mode, str(calls)], check=True)
