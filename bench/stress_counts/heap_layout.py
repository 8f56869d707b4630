#!/usr/bin/env python3
"""What still moves a counted call once the hash seed is fixed: the heap's layout (docs/stress.md,
stop 28). One call (a list of 3000 one-element lists) counted alone and after earlier calls left
350 or 600 live lists, in work dirs whose paths differ in length only, with pj_cg_batch's
collection before each call and without it; then in the scratch folders of candidates 7 and
12345678, named as pj_zygote.scratch_for names them today and as it did before ("s%d").
Usage: heap_layout.py"""
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../../tests/PerfJudge.Tests/Harness/python"))
import harness_support  # noqa: E402  (puts the harness on sys.path; counts as the tests count)
import pj_cgcount  # noqa: E402
import pj_literal  # noqa: E402
import pj_zygote  # noqa: E402

KEEPER = ("G = []\ndef f(n, keep=0):\n    if type(n) is list:\n        return 0\n"
          "    G.extend([i] for i in range(keep))\n    return len([[i] for i in range(n)])\n")
CALL = pj_literal.dumps((3000, 0))


def count(literals, workdir, collect=True):
    files = pj_cgcount.batch_files(KEEPER, "f", "([1, 2],)", literals)
    if not collect:
        assert "        gc.collect()\n" in files["pj_cg_batch.py"]
        files["pj_cg_batch.py"] = files["pj_cg_batch.py"].replace("        gc.collect()\n", "")
    got, why = harness_support.count_unsandboxed(files, pj_cgcount.callgrind_argv(sys.executable), len(literals),
                                                 workdir=workdir)
    return got[-1] if got else why


def main():
    root = tempfile.mkdtemp(prefix="pj-heap-")
    try:
        print("path length  collection  alone     after 350  after 600")
        for collect in (True, False):
            for length in (len(root) + 6, len(root) + 9, len(root) + 10, len(root) + 21):
                work = os.path.join(root, "x" * (length - len(root) - 1))
                row = [count(lits, work, collect) for lits in
                       ([CALL], [pj_literal.dumps((0, 350)), CALL], [pj_literal.dumps((0, 600)), CALL])]
                print("%-12d %-11s %s  %s" % (length, "yes" if collect else "no", "  ".join(str(v) for v in row),
                                             " ".join("%+.2f%%" % (100.0 * (v / row[0] - 1)) for v in row[1:])))
        for name, scratch in (("s%08d (today)", pj_zygote.scratch_for), ("s%d (before)", lambda r, s: os.path.join(r, "s%d" % s))):
            got = [count([CALL], os.path.join(scratch(root, serial), "w")) for serial in (7, 12345678)]
            print("scratch %-15s serial 7: %s  serial 12345678: %s  %s" % (name, got[0], got[1],
                                                                           "equal" if got[0] == got[1] else "DIFFER"))
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
