"""Correctness grader: one sample against a task's test code (HumanEval style: check(candidate)),
with a proxy in place of the candidate's function. Layer 4 (graders): imports pj_process,
pj_verdicts, pj_cases."""
import time

from pj_cases import compiled, exec_prompt
from pj_process import CandidateGone, NotPlainResult, NotShippable, reply_value
from pj_verdicts import ended_verdict, finalize, harness_error, load_program, raised_verdict


class Proxy:
    """Stands in for the candidate's function inside the checker."""

    def __init__(self, cand, deadline):
        self.cand, self.deadline = cand, deadline
        self.calls = 0
        self.raised = None

    def __call__(self, *args, **kwargs):
        if kwargs:
            args = args + tuple(kwargs.values())
        self.calls += 1
        try:
            return reply_value(self.cand.call(args, self.deadline))
        except Exception as exc:
            raised = getattr(exc, "perfjudge_raised", None)
            if raised is not None and self.raised is None:
                self.raised = raised
            raise


def judge_sample(request, source):
    """The request without a kind: one program against the task's test, in a fresh process."""
    limits = request["limits"]
    cand = source.spawn()
    try:
        result = run_tests(request, cand, limits)
    except BaseException as exc:
        result = harness_error(exc)
    return finalize(result, cand, limits)


def run_tests(request, cand, limits, proxy_type=Proxy):
    deadline = time.monotonic() + limits["wall_seconds"]
    failure = load_program(cand, request["program"], request["entry_point"], limits, deadline)
    if failure is not None:
        return failure
    proxy = proxy_type(cand, deadline)
    namespace = {"__name__": "__checker__"}
    exec_prompt(request, namespace)
    # Tests may call the function by name (HumanEval/33 compares with sort_third itself).
    namespace[request["entry_point"]] = proxy
    try:
        exec(compiled(request["test"], "<test>"), namespace)
        namespace[request.get("check_name") or "check"](proxy)
    except CandidateGone as gone:
        return ended_verdict(cand, str(gone), limits)
    except NotPlainResult as bad:
        return {"verdict": "failed", "detail": str(bad), "calls": proxy.calls}
    except NotShippable as bad:
        return {"verdict": "sandbox_error", "detail": "the test passes data that cannot be sent: %s" % bad}
    except AssertionError as exc:
        if proxy.raised is not None:
            return raised_verdict(*proxy.raised, proxy.calls)
        text = str(exc)
        return {"verdict": "failed", "detail": ("assertion failed: " + text) if text
                else "assertion failed", "calls": proxy.calls}
    except Exception as exc:
        if proxy.raised is not None:
            return raised_verdict(*proxy.raised, proxy.calls)
        return {"verdict": "failed", "detail": "test raised %s: %s" % (type(exc).__name__, exc),
                "calls": proxy.calls}
    return {"verdict": "passed", "calls": proxy.calls}
