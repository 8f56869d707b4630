#!/usr/bin/env python3
"""Cost of one fork per sample on this machine: a child that exits at once, and a child that
compiles a small HumanEval-like program and round-trips a few values through the harness codec.
Prints ms per fork+exit cycle, minor page faults of the child, and the child's CPU ms.
Run two copies at once to see whether page faults scale across cores:
    python3 -I -S bench/micro/fork_cost.py & python3 -I -S bench/micro/fork_cost.py & wait
"""
import gc
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src",
                                "PerfJudge", "Runners", "Python"))
import harness  # noqa: E402,F401  (the worker's entry: the zygote's imports, the zygote's heap)
import pj_wire  # noqa: E402  (the codec candidates and the checker use; already loaded by harness)

gc.collect()
gc.freeze()
PROGRAM = ("from typing import List\n"
           "def f(numbers: List[float], threshold: float) -> bool:\n"
           "    for i, a in enumerate(numbers):\n"
           "        for j, b in enumerate(numbers):\n"
           "            if i != j and abs(a - b) < threshold:\n"
           "                return True\n"
           "    return False\n")


def work():
    ns = {}
    exec(compile(PROGRAM, "<c>", "exec"), ns)
    for _ in range(5):
        value = pj_wire.encode([ns["f"]([1.0, 2.0, 3.0], 0.5)])
        pj_wire.decode(pj_wire.loads_strict(json.dumps(value)))


def measure(busy, n=100):
    start = time.perf_counter()
    faults = cpu = 0
    for _ in range(n):
        pid = os.fork()
        if pid == 0:
            if busy:
                work()
            os._exit(0)
        _, _, usage = os.wait4(pid, 0)
        faults += usage.ru_minflt
        cpu += usage.ru_utime + usage.ru_stime
    return "%.2f ms/cycle, %.0f faults, %.2f ms CPU" % (
        (time.perf_counter() - start) * 1000 / n, faults / n, cpu * 1000 / n)


print("idle child:    ", measure(False))
print("working child: ", measure(True))
