#!/usr/bin/env python3
"""A tiny call counted between two os.getppid markers (bench/stress_counts/run.sh): argv 1 the input x, 2 how many
earlier calls, 3 how many strings of garbage made and dropped before it."""
import os, sys, gc
def is_simple_power(x, n):
    if n == 1:
        return x == 1
    power = 1
    while power < x:
        power = power * n
    return power == x
before = int(sys.argv[2])
for k in range(before):
    is_simple_power(10 ** (k + 3), 3)
junk = [str(i) * 3 for i in range(int(sys.argv[3]))]
del junk
args = (int(sys.argv[1]), 2)
gc.collect()
os.getppid()
is_simple_power(*args)
os.getppid()
