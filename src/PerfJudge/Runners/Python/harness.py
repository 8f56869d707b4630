# PerfJudge Python worker. Runs inside the sandbox; written by PerfJudge, not by a candidate.
#
# Processes of one worker (see docs/security.md; the wire contract is docs/wire.md):
#   zygote    - this process (pj_zygote): started once, clean: it never reads a request, so
#               nothing it forks holds tests. It forks the checker, then on the checker's request
#               forks candidates, hands their pipe ends and a pidfd to the checker, reaps them
#               with wait4 and reports their exit status and rusage.
#   checker   - trusted, long-lived (checker_main below): reads requests from fd 0, dispatches
#               each by its kind to a grader, writes one reply line to fd 1.
#   candidate - untrusted, one per sample (pj_candidate): receives only the program text, drops
#               to a per-sample uid (when the worker may), applies rlimits, runs the program,
#               serves calls as plain data, and is killed after the verdict.
#
# The harness in layers, each module importing only its own or lower layers (a test reads the
# import graph); this entry, with the checker's main loop, is imported by nothing:
#   0 wire and literals  pj_wire, pj_literal
#   1 processes          pj_candidate, pj_zygote, pj_process
#   2 verdicts, meters   pj_verdicts, pj_meters, pj_margin
#   3 cases              pj_cases, pj_bounded, pj_enamel_helpers, pj_checkers, pj_toolchains,
#                        pj_evalplus
#   4 graders            pj_tests, pj_run, pj_perf, pj_measure, pj_refcosts, pj_fuzz, pj_stress,
#                        pj_program, pj_evalplus_grade, pj_mutants, pj_cgcount, pj_hybrid
#   5 entry              harness (pj_cg_run, the callgrind meter's script, stands alone)
# The zygote imports only layers 0-1 (forks are expensive where page faults are, ~10-25 us each on
# small VMs, so its heap stays small); the graders are imported by the checker after it is forked.
import json
import os
import sys
import time

_here = os.path.dirname(os.path.abspath(__file__))
if _here not in sys.path:
    sys.path.insert(0, _here)
if hasattr(sys, "set_int_max_str_digits"):  # 3.11+ limits int<->str conversions
    sys.set_int_max_str_digits(0)

for _name in ("typing", "collections", "itertools", "functools", "heapq", "bisect", "string",
              "re", "operator", "copy", "fractions", "decimal", "hashlib", "array", "abc",
              "enum", "numbers", "cmath", "math", "dataclasses", "datetime"):
    try:
        __import__(_name)
    except Exception:  # an interpreter without one of them still works
        pass

try:
    import sysconfig  # site-packages without running site (site imports threading here)
    for _key in ("purelib", "platlib"):
        _path = sysconfig.get_paths()[_key]
        if _path not in sys.path:
            sys.path.append(_path)
except Exception:
    pass

import pj_cgroup  # noqa: E402,F401  (reads PERFJUDGE_CGROUPS before the zygote clears the environment)
import pj_zygote  # noqa: E402
from pj_wire import read_request, write_all  # noqa: E402

PROTOCOL = 3


def handlers():
    """The dispatch table: request kind -> grader(request, source) -> reply dict. A request
    without a kind (or with kind null) is a correctness judgement. Imported here, in the checker
    only: the zygote never loads the graders."""
    import pj_evalplus_grade
    import pj_measure
    import pj_mutants
    import pj_perf
    import pj_program
    import pj_program_levels
    import pj_stress
    import pj_tests
    return {None: pj_tests.judge_sample, "perf": pj_perf.judge_task,
            "measure": pj_measure.measure_program, "stress": pj_stress.stress_task,
            "compile": pj_program.compile_source, "program": pj_program.judge_program,
            "run": pj_program.run_code,
            "program_perf": pj_program_levels.judge_program_task,
            "evalplus_expected": pj_evalplus_grade.expected_outputs,
            "evalplus": pj_evalplus_grade.judge, "mutants": pj_mutants.mutants_request}


def dispatch(request, source, table):
    """The reply to one request: the grader's result with "id" (the request's, echoed) and
    "wall_s" added. Never raises: an unknown kind, a request that is not an object, and a failure
    of the harness itself are sandbox_error replies."""
    started = time.monotonic()
    if type(request) is not dict:
        result = {"verdict": "sandbox_error", "detail": "a request must be a JSON object"}
        request = {}
    else:
        try:
            kind = request.get("kind")
            grader = table.get(kind) if kind is None or type(kind) is str else None
            if grader is None:
                result = {"verdict": "sandbox_error", "detail": "unknown request kind %r" % (kind,)}
            else:
                result = grader(request, source)
        except BaseException as exc:  # a harness bug must still produce exactly one line
            result = {"verdict": "sandbox_error", "detail": "harness: %r" % (exc,)}
    result["id"] = request.get("id")
    result["wall_s"] = time.monotonic() - started
    return result


def checker_main(ctrl, uid_base, scratch_root):
    """The checker's main loop: one reply line per request, until fd 0 ends. The first request
    may be "input_secret" (the engine's input secret, pj_cases.keep_secret); no later one."""
    import random  # the checker may use anything; it is never forked to run candidate code
    import pj_cases
    from pj_process import CandidateSource
    table = handlers()
    first = dict(table, input_secret=pj_cases.keep_secret)
    source = CandidateSource(ctrl, uid_base, scratch_root)
    while True:
        request = read_request()
        if request is None:
            return
        random.seed(0)  # tests that draw random inputs see the same ones for every sample
        write_all(1, (json.dumps(dispatch(request, source, first or table)) + "\n").encode())
        first = None


def start_checker(ctrl, uid_base, scratch_root):
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            checker_main(ctrl, uid_base, scratch_root)
        except BaseException as exc:
            sys.stderr.write("perfjudge harness: checker: %r\n" % (exc,))
            code = 1
        os._exit(code)
    return pid


def main():
    write_all(1, (json.dumps({"hello": PROTOCOL, "python": sys.version.split()[0],
                              "uid_drop": bool(int(os.environ.get("PERFJUDGE_UID_BASE", "0"))
                                               and os.geteuid() == 0)}) + "\n").encode())
    pj_zygote.run(start_checker)
    # Nothing is left to flush (fds 0 and 1 are /dev/null by now): skip the interpreter's
    # finalisation, which the engine otherwise waits for when it stops its workers.
    os._exit(0)


if __name__ == "__main__":
    main()
