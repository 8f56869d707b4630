#!/usr/bin/env python3
"""Slow stretches of this CPU: N back-to-back chunks of the same pure-Python loop (no memory
traffic beyond L1), each timed with the thread's CPU clock. On a quiet machine every chunk
should cost the same; prints the median, p10 and p90, the share of chunks more than 1.3x the p10,
and how many consecutive chunks such slow stretches last. On this VM the chunks fall in two modes
about 1.8x apart (docs/enamel-fidelity.md, stop 24). docs/enamel-fidelity.md, "Six rounds".

With --spin CPU a child process busy-loops on that CPU (pure arithmetic, nothing shared) for
the whole run: whether work on another CPU moves the figures (it would on hyperthreads of one
host core). Run it without and with --spin, alternating, on an otherwise idle machine.

Usage: taskset -c 1 python3 bench/host_noise/phases.py [N=20000] [--spin CPU]"""
import collections
import os
import signal
import statistics
import sys
import time


def chunk():
    s = 0
    for i in range(20000):
        s += i * i
    return s


def spinner(cpu):
    pid = os.fork()
    if pid == 0:
        os.sched_setaffinity(0, {cpu})
        x = 0
        while True:
            x = (x * 7 + 1) % 1000003
    return pid


def main():
    args = sys.argv[1:]
    spin = cpu = None
    if "--spin" in args:
        i = args.index("--spin")
        cpu = int(args[i + 1])
        spin = spinner(cpu)
        del args[i:i + 2]
    n = int(args[0]) if args else 20000
    times = []
    for _ in range(n):
        t0 = time.thread_time_ns()
        chunk()
        times.append((time.thread_time_ns() - t0) / 1000)
    if spin is not None:
        os.kill(spin, signal.SIGKILL)
        os.waitpid(spin, 0)
    deciles = statistics.quantiles(times, n=10)
    slow = [t > 1.3 * deciles[0] for t in times]
    stretches, current = [], 0
    for s in slow + [False]:
        if s:
            current += 1
        elif current:
            stretches.append(current)
            current = 0
    print("%s%d chunks: median %.0f us, p10 %.0f, p90 %.0f; %.1f%% of chunks over 1.3x p10" % (
        "CPU %d busy-looping; " % cpu if spin is not None else "", n, statistics.median(times), deciles[0], deciles[-1], 100 * sum(slow) / n))
    if stretches:
        lengths = collections.Counter(min(s, 50) for s in stretches)
        print("slow stretches: %d, median %d chunk(s), longest %d; by length (50 = 50 or more): %s" % (
            len(stretches), statistics.median(stretches), max(stretches), dict(sorted(lengths.items()))))


if __name__ == "__main__":
    main()
