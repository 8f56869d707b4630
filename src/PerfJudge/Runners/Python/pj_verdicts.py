"""Verdicts: what a candidate's behaviour, as the process handle reports it, means. Layer 2
(verdicts and meters): imports only pj_cgroup (what the kernel says about a candidate's memory),
pj_wire (the largest reply a candidate may send)
and pj_zygote (whether candidates get their own IPC namespace);
works on a pj_process.Candidate passed in.

The verdict words are the engine's (Runners/Verdict.cs): a result dict always has "verdict", one
of VERDICTS, and usually "detail"."""
import os
import signal

import pj_cgroup
import pj_zygote
from pj_wire import MAX_FRAME

DETAIL_CHARS = 2000  # a detail longer than this is cut: a candidate may forge megabytes of message
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
    if why in ("timeout", "ended", "output"):
        return ended_verdict(cand, why, limits)
    if why == "loaderr":
        return load_error(name, message)
    if why == "sandbox":
        return {"verdict": "sandbox_error", "detail": "%s: %s" % (name, message)}
    return {"verdict": "crashed", "detail": "protocol violation"}


def ended_verdict(cand, reason, limits):
    """Decides why the candidate stopped answering ("timeout", or else from its exit status)."""
    if reason == "timeout":
        return {"verdict": "timeout", "detail": "no answer within %.3g s" % limits["wall_seconds"]}
    if reason == "too_large":
        return {"verdict": "output_limit", "detail": "its reply is larger than the %d MiB a reply may take"
                % (MAX_FRAME >> 20)}
    if reason == "output":
        return {"verdict": "output_limit", "detail": "wrote %d bytes or more to stdout/stderr (limit %d)" % (
            cand.output.count, limits["output_bytes"])}
    status, utime, stime = cand.wait()[:3]
    desc = describe_status(status)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL and pj_cgroup.oom_since(cand.cgroup_mark):
        return {"verdict": "memory_limit", "detail": "killed by the kernel at the memory limit",
                "status": desc}
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL) \
            and utime + stime >= limits["cpu_seconds"] - 0.05:
        return {"verdict": "timeout", "detail": "CPU time limit", "status": desc}
    return {"verdict": "crashed", "detail": "candidate process ended (%s)" % desc, "status": desc}


def stray_processes(cand, when):
    """None while the candidate's process is alive and, as far as the worker's cgroup shows, its
    only process; else its verdict. A measured program must not hand its work to a process the
    meter does not watch: a child that serves the calls after the measured process ended, or a
    helper still running after a call returned (started at import or in a call)."""
    import select
    if select.select([cand.pidfd], [], [], 0)[0]:
        return {"verdict": "crashed", "detail": "the measured process ended %s; a process it started "
                "answered instead" % when}
    pids = pj_cgroup.members() if cand.cgroup_mark is not None else None
    if pids:
        others = sorted(set(pids) - {cand.pid, os.getppid()})  # the zygote is the checker's parent
        if others:
            return {"verdict": "error", "detail": "%d process(es) started by the program still ran %s; "
                    "a measured program's processes must end before its call returns" % (len(others), when)}
    return None


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
    if "detail" in result:
        result["detail"] = cut_detail(result["detail"])
    if out_size >= limits["output_bytes"] and result.get("verdict") != "sandbox_error":
        result["verdict"] = "output_limit"
        result["detail"] = "wrote %d bytes or more to stdout/stderr (limit %d)" % (
            out_size, limits["output_bytes"])
    result["cpu_user_s"] = utime
    result["cpu_sys_s"] = stime
    result["max_rss_kb"] = maxrss
    result["minor_faults"] = minflt
    result.update(control_fields(cand, maxrss))
    return result


def cut_detail(detail):
    """A detail of at most DETAIL_CHARS characters (None stays None)."""
    if type(detail) is str and len(detail) > DETAIL_CHARS:
        return detail[:DETAIL_CHARS] + "... (%d characters cut)" % (len(detail) - DETAIL_CHARS)
    return detail


def control_fields(cand, maxrss_kb):
    """Peak memory, and how each limit was enforced for this candidate (docs/security.md)."""
    cg = cand.cgroup
    kind = pj_cgroup.version() if cg else None
    peak = cg.get("peak_memory_bytes") if cg else None
    fields = {
        "peak_memory_bytes": peak if peak is not None else maxrss_kb * 1024,
        "controls": {"memory": kind or "rlimit", "processes": kind or "rlimit",
                     "cpu_time": "rlimit", "cpu_accounting": kind or "none",
                     "peak_memory": kind or "rusage", "uid": "own" if cand.uid is not None else "shared",
                     "ipc": "own-namespace" if pj_zygote.OWN_IPC else "shared"},
    }
    if cg:
        fields["cgroup_cpu_s"] = (cg["cgroup_cpu_ns"] or 0) / 1e9 if cg.get("cgroup_cpu_ns") is not None else None
        fields["leftover_processes"] = cg.get("leftover_processes", 0)
    return fields
