"""Judging one sample against a task's test code (HumanEval style: check(candidate))."""
import time

from pj_checker import (CandidateGone, NotPlainResult, NotShippable, ended_verdict, finalize,
                        reply_value)

_code_cache = {}


def compiled(source, name):
    key = (name, source)
    code = _code_cache.get(key)
    if code is None:
        if len(_code_cache) > 512:
            _code_cache.clear()
        code = _code_cache[key] = compile(source, name, "exec")
    return code


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
    limits = request["limits"]
    cand = source.spawn()
    try:
        result = run_tests(request, cand, limits)
    except BaseException as exc:
        result = {"verdict": "sandbox_error", "detail": "harness: %r" % (exc,)}
    return finalize(result, cand, limits)


def run_tests(request, cand, limits, proxy_type=Proxy):
    deadline = time.monotonic() + limits["wall_seconds"]
    failure = cand.load(request["program"], request["entry_point"], limits, deadline)
    if failure is not None:
        return failure
    proxy = proxy_type(cand, deadline)
    namespace = {"__name__": "__checker__"}
    if request.get("prompt"):
        try:
            exec(compiled(request["prompt"], "<prompt>"), namespace)
        except Exception:
            pass  # a prompt that is not a complete program only lacks its helpers
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
            return raised_verdict(proxy)
        text = str(exc)
        return {"verdict": "failed", "detail": ("assertion failed: " + text) if text
                else "assertion failed", "calls": proxy.calls}
    except Exception as exc:
        if proxy.raised is not None:
            return raised_verdict(proxy)
        return {"verdict": "failed", "detail": "test raised %s: %s" % (type(exc).__name__, exc),
                "calls": proxy.calls}
    return {"verdict": "passed", "calls": proxy.calls}


def raised_verdict(proxy):
    name, message = proxy.raised
    if name == "MemoryError":
        return {"verdict": "memory_limit", "detail": "MemoryError", "calls": proxy.calls}
    if name == "OSError" and "File too large" in message:
        return {"verdict": "output_limit", "detail": message, "calls": proxy.calls}
    return {"verdict": "error", "detail": "%s: %s" % (name, message), "exception": name,
            "calls": proxy.calls}
