"""Mbpp/255, plus input 85 (combinations_colors(5 colours, 77): 1,663,740 tuples of 77 strings),
as EvalPlus's evaluator would hold it, modelled (written from EvalPlus's documented behaviour,
none of its code): the ground truth computed in the evaluating process with no memory limit, and
the sample run in a forked child that inherits the expected output and then limits its own
address space (RLIMIT_AS and RLIMIT_DATA) to 4 GiB before running the sample.

  python3 bench/mbpp255_upstream_model.py [COPIES]

COPIES: how many copies of the expected output the parent holds when it forks (1: the ground
truth only; 2: also the copy a process-pool worker unpickles from its task arguments).
Prints the parent's peak RSS, the child's verdict (pass, or the MemoryError) and its peak RSS."""
import os
import resource
import sys
import time
from itertools import combinations_with_replacement

COLOURS = ["Dog", "Cat", "CatBird", "Bird", "Fish"]
LIMIT = 4 << 30


def canonical(l, n):
    return list(combinations_with_replacement(l, n))


def main():
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    try:
        import numpy  # noqa: F401  (EvalPlus's evaluator imports it; it reserves address space)
        numpy_note = "numpy imported"
    except ImportError:
        numpy_note = "no numpy here"
    started = time.monotonic()
    held = [canonical(COLOURS, 77)]
    for _ in range(copies - 1):
        held.append([tuple(list(t)) for t in held[0]])  # new tuples, as unpickling makes
    parent_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("parent: %d copies of %d tuples held, peak RSS %.0f MiB (%s), %.0f s"
          % (copies, len(held[0]), parent_rss, numpy_note, time.monotonic() - started), flush=True)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))
        resource.setrlimit(resource.RLIMIT_DATA, (LIMIT, LIMIT))
        try:
            out = canonical(COLOURS, 77)
            verdict = "pass" if out == held[0] else "fail"
        except MemoryError:
            verdict = "MemoryError"
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        os.write(write_end, ("%s, child peak RSS %.0f MiB" % (verdict, peak)).encode())
        os._exit(0)
    os.close(write_end)
    answer = os.read(read_end, 1000).decode()
    _, status = os.waitpid(pid, 0)
    print("child under RLIMIT_AS 4 GiB: %s (wait status %d)" % (answer or "no answer", status))


if __name__ == "__main__":
    main()
