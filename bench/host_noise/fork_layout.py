#!/usr/bin/env python3
"""Does the process a candidate is forked from (the zygote) give it a lasting speed of its own?
P parent processes stay alive, each with a differently grown heap; R rounds, and in each round
every parent, in shuffled order, forks one child that times a fixed workload (thread CPU time).
Children of all parents alternate in time, so a slow stretch of the machine hits every parent
alike; a per-parent (physical layout) effect shows as a spread of the parents' means beyond what
the spread within one parent predicts (sd / sqrt(R)). docs/enamel-fidelity.md, "Six rounds".

Usage: taskset -c 1 setarch -R python3 bench/host_noise/fork_layout.py [PARENTS=8] [ROUNDS=12]"""
import collections
import json
import os
import random
import statistics
import sys
import time

DATA = [random.Random(1).randrange(10**6) for _ in range(20000)]
WORDS = ["w%d" % (x % 5000) for x in DATA]


def work():
    counts, ordered, lengths = collections.Counter(WORDS), sorted(DATA), {}
    for w in WORDS:
        lengths[w] = lengths.get(w, 0) + len(w)
    return len(counts) + ordered[0] + len(lengths)


def timed_child():
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        work()
        t0 = time.thread_time_ns()
        work()
        os.write(write, str((time.thread_time_ns() - t0) // 1000).encode())
        os._exit(0)
    os.close(write)
    value = os.read(read, 100)
    os.close(read)
    os.waitpid(pid, 0)
    return value


def parent(commands, replies):
    random.seed(os.getpid())
    heap = [bytearray(random.randrange(100, 5000)) for _ in range(random.randrange(100, 3000))]
    while os.read(commands, 1) == b"g":
        os.write(replies, timed_child().ljust(16))
    del heap
    os._exit(0)


def main():
    parents = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    pipes = []
    for _ in range(parents):
        command_r, command_w = os.pipe()
        reply_r, reply_w = os.pipe()
        if os.fork() == 0:
            parent(command_r, reply_w)
        pipes.append((command_w, reply_r))
    times = [[] for _ in range(parents)]
    for _ in range(rounds):
        for p in random.sample(range(parents), parents):
            os.write(pipes[p][0], b"g")
            times[p].append(int(os.read(pipes[p][1], 16)))
    for command_w, _ in pipes:
        os.write(command_w, b"q")
    within = statistics.mean(statistics.pvariance(t) for t in times)
    print(json.dumps(times))
    print("median %d us; sd within a parent %.0f us; sd of the parents' means %.0f us "
          "(no per-parent effect: about %.0f us)" % (statistics.median(sum(times, [])), within ** 0.5,
                                                     statistics.pstdev([statistics.mean(t) for t in times]),
                                                     (within / rounds) ** 0.5))


if __name__ == "__main__":
    main()
