#!/usr/bin/env python3
"""Would two programs measured in lockstep (case i of A, then case i of B, back to back) give a
steadier cost ratio than each program's cases in a block (all of A's, then all of B's), as the
efficiency grader does today (one process per program per round)? Two forked processes do the same
pure-Python work per case, each timing itself with its process CPU clock; prints the median, the
p10-p90 width and the standard deviation of log(A/B) per case under both orders, alternated round
by round (docs/enamel-fidelity.md, stop 26).
Usage: taskset -c 1 bench/host_noise/lockstep.py [LOOP_COUNT=20000] [ROUNDS=30]"""
import os, sys, time, math, statistics as st
def work(n):
    s = 0
    for i in range(n):
        s += (i * i) % 7
    return s
def child(r, w):
    while True:
        msg = os.read(r, 64)
        if not msg: return
        n = int(msg)
        t0 = time.process_time_ns(); work(n); t1 = time.process_time_ns()
        os.write(w, b"%d\n" % (t1 - t0))
def spawn():
    a, b = os.pipe(); c, d = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(b); os.close(c); child(a, d); os._exit(0)
    os.close(a); os.close(d)
    return b, c
def call(p, n):
    os.write(p[0], b"%d" % n); return int(os.read(p[1], 64))
n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000   # ~1-2 ms
cases, rounds = 12, int(sys.argv[2]) if len(sys.argv) > 2 else 30
A, B = spawn(), spawn()
for _ in range(5): call(A, n); call(B, n)
lock, block = [], []
for rnd in range(rounds):
    # lockstep: per case A then B
    for i in range(cases):
        a = call(A, n); b = call(B, n); lock.append(math.log(a / b))
    # block: all cases of A, then all of B
    xa = [call(A, n) for i in range(cases)]; xb = [call(B, n) for i in range(cases)]
    block += [math.log(a / b) for a, b in zip(xa, xb)]
def spread(v):
    q = st.quantiles(v, n=10); return "median %+.3f  p10-p90 %.3f  sd %.3f" % (st.median(v), q[-1] - q[0], st.stdev(v))
print("n=%d lockstep: %s" % (n, spread(lock)))
print("n=%d block:    %s" % (n, spread(block)))
