"""Run under valgrind's callgrind by the stress search (pj_cgcount): loads a program, calls its
entry point once on the warm-up input (unmeasured, like pj_run), then for each input parses its
input and calls the entry point on it, with a call of the marker os.getppid after the warm-up,
after each parse and after each call. Callgrind is started with --dump-before=os_getppid, so it
writes one profile dump per marker: after the start-up dump, dumps alternate between a parse
(not counted) and a call (input k's instructions). A full garbage collection runs in each parse's
segment, so a call's count does not depend on the calls before it. Each input is parsed just
before its call, so a run stopped early (a capped sample, pj_cgcount) never parses the inputs after it, and a batch
of large inputs never holds them all at once.
Reads request.json ({program, entry_point, warm: the warm-up input's literal}) and inputs.bin
(marshal: a list of the inputs' argument tuples, each marshalled on its own: marshal.loads costs
~6e6 instructions for 32768 floats where ast.literal_eval costs ~1e9, which made parsing most of
a batch's time under valgrind) from the work dir; prints nothing, and refuses to run with
randomized string hashing. Stand-alone: imports nothing of the harness."""
import ast
import gc
import json
import marshal
import os
import sys


def main():
    if sys.flags.hash_randomization:
        # Started with -I or -E (which ignore PYTHONHASHSEED) or without a fixed seed: where a
        # string sits in a dict would change run to run, and with it every count (pj_cgcount).
        sys.exit("pj_cg_batch: string hashing is randomized; counts would not repeat (run with PYTHONHASHSEED=0, not -I/-E)")
    with open("request.json", encoding="utf-8") as f:
        request = json.load(f)
    with open("inputs.bin", "rb") as f:
        texts = marshal.loads(f.read())
    warm = ast.literal_eval(request["warm"]) if request.get("warm") else None
    namespace = {"__name__": "__candidate__"}
    exec(compile(request["program"], "<candidate>", "exec"), namespace)
    fn = namespace[request["entry_point"]]
    del request
    if warm is not None:
        fn(*warm)
    mark = os.getppid
    mark()
    for k in range(len(texts)):
        args = marshal.loads(texts[k])
        texts[k] = None  # only one input is held at a time
        # Every call starts from a collected heap (uncounted: in the parse's dump), so where the
        # collector runs inside it depends on the call alone, not on what the process did before
        # (the start-up, earlier calls): without this, HumanEval/76's counts moved by up to 12%
        # between two runs of the same batch and flipped a stress decision.
        gc.collect()
        mark()
        fn(*args)
        mark()


if __name__ == "__main__":
    main()
