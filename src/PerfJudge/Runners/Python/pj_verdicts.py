"""Verdicts: what a candidate's behaviour, as the process handle reports it, means. Layer 2
(verdicts and meters): imports nothing of the harness; works on a pj_process.Candidate passed in.

The verdict words are the engine's (Runners/Verdict.cs): a result dict always has "verdict", one
of VERDICTS, and usually "detail"."""
import os
import signal

VERDICTS = ("passed", "failed", "error", "timeout", "memory_limit", "output_limit", "crashed",
            "sandbox_error")


def describe_status(status):
    """A wait4 status as text: "exit N" or "signal N"."""
    if os.WIFSIGNALED(status):
        return "signal %d" % os.WTERMSIG(status)
    return "exit %d" % os.WEXITSTATUS(status)


def load_program(cand, program, entry_point, limits, deadline):
    """Loads the program into the candidate: None when it is ready, else the verdict."""
    failure = cand.load(program, entry_point, limits, deadline)
    if failure is None:
        return None
    why, name, message = failure
    if why == "timeout" or why == "ended":
        return ended_verdict(cand, why, limits)
    if why == "loaderr":
        return load_error(name, message)
    return {"verdict": "crashed", "detail": "protocol violation"}


def ended_verdict(cand, reason, limits):
    """Decides why the candidate stopped answering ("timeout", or else from its exit status)."""
    if reason == "timeout":
        return {"verdict": "timeout", "detail": "no answer within %.3g s" % limits["wall_seconds"]}
    status, utime, stime = cand.wait()[:3]
    desc = describe_status(status)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL) \
            and utime + stime >= limits["cpu_seconds"] - 0.05:
        return {"verdict": "timeout", "detail": "CPU time limit", "status": desc}
    return {"verdict": "crashed", "detail": "candidate process ended (%s)" % desc, "status": desc}


def load_error(name, message):
    """The program raised `name: message` while loading (or lacks its entry point)."""
    if name == "MemoryError":
        return {"verdict": "memory_limit", "detail": "MemoryError while loading"}
    return {"verdict": "error", "detail": "%s: %s" % (name, message), "exception": name}


def raised_verdict(name, message, calls):
    """The candidate raised `name: message` in a call and the test did not survive it."""
    if name == "MemoryError":
        return {"verdict": "memory_limit", "detail": "MemoryError", "calls": calls}
    if name == "OSError" and "File too large" in message:
        return {"verdict": "output_limit", "detail": message, "calls": calls}
    return {"verdict": "error", "detail": "%s: %s" % (name, message), "exception": name,
            "calls": calls}


def harness_error(exc):
    """A failure of the harness itself, not of the candidate."""
    return {"verdict": "sandbox_error", "detail": "harness: %r" % (exc,)}


def finalize(result, cand, limits):
    """Ends the candidate and adds its exit status, rusage and the output-limit check."""
    (status, utime, stime, maxrss, minflt), out_size = cand.finish()
    result.setdefault("status", describe_status(status))
    if out_size >= limits["output_bytes"] and result.get("verdict") != "sandbox_error":
        result["verdict"] = "output_limit"
        result["detail"] = "wrote %d bytes or more to stdout/stderr (limit %d)" % (
            out_size, limits["output_bytes"])
    result["cpu_user_s"] = utime
    result["cpu_sys_s"] = stime
    result["max_rss_kb"] = maxrss
    result["minor_faults"] = minflt
    return result
