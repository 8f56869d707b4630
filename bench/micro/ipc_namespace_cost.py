#!/usr/bin/env python3
"""Cost of giving each candidate an IPC namespace of its own (issue 16): fork + exit against
fork + unshare(CLONE_NEWIPC) + exit, as the zygote does per candidate. Needs CAP_SYS_ADMIN (root).
Prints the median ms per cycle of each over interleaved batches, so machine drift affects both.
    python3 -I -S bench/micro/ipc_namespace_cost.py [cycles_per_batch] [batches]
"""
import ctypes
import os
import statistics
import sys
import time

CLONE_NEWIPC = 0x08000000
libc = ctypes.CDLL(None, use_errno=True)


def batch(n, unshare):
    started = time.perf_counter()
    for _ in range(n):
        pid = os.fork()
        if pid == 0:
            os._exit(0 if not unshare or libc.unshare(CLONE_NEWIPC) == 0 else 1)
        _, status = os.waitpid(pid, 0)
        if status:
            sys.exit("unshare(CLONE_NEWIPC) failed: run as root")
    return (time.perf_counter() - started) / n * 1e3


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    batches = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    plain, ipc = [], []
    for _ in range(batches):
        plain.append(batch(n, False))
        ipc.append(batch(n, True))
    p, q = statistics.median(plain), statistics.median(ipc)
    print("fork+exit %.3f ms, fork+unshare(ipc)+exit %.3f ms: +%.3f ms per candidate (%d x %d cycles)"
          % (p, q, q - p, batches, n))


if __name__ == "__main__":
    main()
