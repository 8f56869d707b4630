"""The trusted checker: long-lived, never forked to run candidate code (stress forks it only to
run a suite's input generator, pj_literal.run_bounded); it asks the zygote for candidate processes,
runs the task's tests against them and decides verdicts and costs."""
import builtins
import json
import os
import signal
import socket
import sys
import time

import pj_cgroup
from pj_cleanup import remove_tree
from pj_wire import BadData, decode, read_request, recv_json, send_marshal, write_all


class CandidateGone(BaseException):
    """The candidate process ended or stopped answering; tests cannot catch this."""


class NotPlainResult(BaseException):
    """The candidate returned something that is not plain data (e.g. an always-equal object)."""


class NotShippable(Exception):
    """The test passed an argument that is not plain data, so it cannot reach the candidate."""


_BUILTIN_EXC = {name: obj for name, obj in vars(builtins).items()
                if isinstance(obj, type) and issubclass(obj, Exception)}


def cpu_ns(pid):
    """On-CPU nanoseconds of a whole process, from the kernel's per-process CPU clock
    (CPUCLOCK_SCHED of the pid, as clock_getcpuclockid would give). It counts every thread,
    including threads that have already exited; a sum over /proc/PID/task/*/schedstat would miss
    those, so work done in a thread that ends before the reading would cost nothing."""
    try:
        return time.clock_gettime_ns(((~pid) << 3) | 2)
    except OSError:
        return None


def describe_status(status):
    if os.WIFSIGNALED(status):
        return "signal %d" % os.WTERMSIG(status)
    return "exit %d" % os.WEXITSTATUS(status)


class Candidate:
    """The checker's handle on one candidate process forked by the zygote."""

    def __init__(self, source, serial, pid, wfd, rfd, pidfd, uid, scratch):
        self.source, self.serial, self.pid = source, serial, pid
        self.wfd, self.rfd, self.pidfd, self.uid, self.scratch = wfd, rfd, pidfd, uid, scratch
        self.exit = None
        self.cgroup_mark = None  # pj_cgroup.prepare's counters, when the worker's cgroups are used
        self.cgroup = {}  # what pj_cgroup.collect read about this candidate
        self.extra_fds = []  # e.g. performance counters opened on this candidate

    def load(self, program, entry_point, limits, deadline):
        """Sends the program; returns None when ready, else a verdict dict."""
        if self.uid is not None:  # cgroups only with a uid of its own: the files are root's
            try:
                self.cgroup_mark = pj_cgroup.prepare(limits)
            except OSError as exc:
                return {"verdict": "sandbox_error", "detail": "cgroup limits: %r" % (exc,)}
        try:
            send_marshal(self.wfd, {"program": program, "entry_point": entry_point, "limits": limits})
            hello = recv_json(self.rfd, deadline)
        except TimeoutError:
            return ended_verdict(self, "timeout", limits)
        except (EOFError, OSError, BadData, ValueError):
            return ended_verdict(self, "ended", limits)
        if hello[0] == "loaderr":
            return load_error(str(hello[1]), str(hello[2]))
        if hello[0] != "ready":
            return {"verdict": "crashed", "detail": "protocol violation"}
        return None

    def call(self, args, deadline):
        """One call; returns the raw reply, or raises CandidateGone."""
        try:
            send_marshal(self.wfd, ("call", args))
        except ValueError:
            raise NotShippable("an argument is not plain data")
        except OSError:
            raise CandidateGone("ended")
        try:
            return recv_json(self.rfd, deadline)
        except TimeoutError:
            raise CandidateGone("timeout")
        except (EOFError, OSError, BadData, ValueError):
            raise CandidateGone("ended")

    def kill(self):
        try:
            signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
        except OSError:
            pass

    def wait(self):
        """(status, utime, stime, maxrss_kb, minflt) as reaped by the zygote with wait4."""
        if self.exit is None:
            self.kill()
            self.exit = self.source.wait_exit(self.serial)
        return self.exit

    def finish(self):
        """Kills the candidate and everything of its uid, reaps it, removes its files."""
        self.kill()
        if self.uid is not None:
            kill_uid(self.uid)
        exit_info = self.wait()
        try:
            self.cgroup = pj_cgroup.collect(self.uid, self.cgroup_mark)
        except OSError as exc:
            sys.stderr.write("perfjudge harness: cgroup of %d: %r\n" % (self.serial, exc))
        for fd in [self.wfd, self.rfd, self.pidfd] + self.extra_fds:
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            out_size = os.lstat(os.path.join(self.scratch, "out")).st_size
        except OSError:
            out_size = 0
        try:
            remove_tree(self.scratch)
        except OSError as exc:
            sys.stderr.write("perfjudge harness: cannot clean %s: %r\n" % (self.scratch, exc))
        return exit_info, out_size


class CandidateSource:
    """Asks the zygote for fresh candidate processes and collects their exit reports."""

    def __init__(self, ctrl, uid_base, scratch_root):
        self.ctrl, self.uid_base, self.scratch_root = ctrl, uid_base, scratch_root
        self.exits = {}

    def _receive(self):
        data, fds, _, _ = socket.recv_fds(self.ctrl, 4096, 3)
        if not data:
            raise RuntimeError("zygote is gone")
        msg = json.loads(data)
        if msg[0] == "exit":
            self.exits[msg[1]] = msg[2:]
            return None
        return msg, fds

    def spawn(self):
        self.ctrl.send(b"fork")
        while True:
            got = self._receive()
            if got is not None:
                (_, serial, pid), fds = got
                uid = uid_for(self.uid_base, serial)
                return Candidate(self, serial, pid, fds[0], fds[1], fds[2], uid,
                                 os.path.join(self.scratch_root, "s%d" % serial))

    def wait_exit(self, serial):
        while serial not in self.exits:
            self._receive()
        return self.exits.pop(serial)


def uid_for(uid_base, serial):
    return uid_base + 1 + serial % 999_999 if uid_base else None


def kill_uid(uid):
    """Kills every process of a per-sample uid, also ones that left the process group.

    Scans /proc of the worker's own pid namespace (a handful of entries) instead of forking a
    killer: forks cost milliseconds on VMs where a page fault costs ~10 us.
    """
    for _ in range(5):
        found = False
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                if os.stat("/proc/" + name).st_uid == uid:
                    found = True
                    os.kill(int(name), signal.SIGKILL)
            except OSError:
                pass
        if not found:
            return


def ended_verdict(cand, reason, limits):
    """Decides why the candidate stopped answering, from its exit status."""
    if reason == "timeout":
        return {"verdict": "timeout", "detail": "no answer within %.3g s" % limits["wall_seconds"]}
    status, utime, stime = cand.wait()[:3]
    desc = describe_status(status)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL and pj_cgroup.oom_since(cand.cgroup_mark):
        return {"verdict": "memory_limit", "detail": "killed by the kernel at the memory limit",
                "status": desc}
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL) \
            and utime + stime >= limits["cpu_seconds"] - 0.05:
        return {"verdict": "timeout", "detail": "CPU time limit", "status": desc}
    return {"verdict": "crashed", "detail": "candidate process ended (%s)" % desc, "status": desc}


def load_error(name, message):
    if name == "MemoryError":
        return {"verdict": "memory_limit", "detail": "MemoryError while loading"}
    return {"verdict": "error", "detail": "%s: %s" % (name, message), "exception": name}


def reply_value(reply):
    """Turns a candidate's reply into a plain value, or raises what the test should see."""
    kind = reply[0]
    if kind == "ok":
        try:
            return decode(reply[1])
        except (BadData, ValueError, TypeError, IndexError):
            raise NotPlainResult("malformed value")
    if kind == "raise":
        name, message = str(reply[1]), str(reply[2])
        cls = _BUILTIN_EXC.get(name, RuntimeError)
        try:
            exc = cls(message)
        except TypeError:
            exc = RuntimeError("%s: %s" % (name, message))
        exc.perfjudge_raised = (name, message)
        raise exc
    if kind == "notplain":
        raise NotPlainResult("returned a %s, which is not plain data" % str(reply[1])[:100])
    raise CandidateGone("protocol")


def finalize(result, cand, limits):
    """Adds exit status, rusage and the output-limit check to a result."""
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
    result.update(control_fields(cand, maxrss))
    return result


def control_fields(cand, maxrss_kb):
    """Peak memory, and how each limit was enforced for this candidate (docs/security.md)."""
    cg = cand.cgroup
    kind = pj_cgroup.version() if cg else None
    peak = cg.get("peak_memory_bytes") if cg else None
    fields = {
        "peak_memory_bytes": peak if peak is not None else maxrss_kb * 1024,
        "controls": {"memory": kind or "rlimit", "processes": kind or "rlimit",
                     "cpu_time": "rlimit", "cpu_accounting": kind or "none",
                     "peak_memory": kind or "rusage", "uid": "own" if cand.uid is not None else "shared"},
    }
    if cg:
        fields["cgroup_cpu_s"] = (cg["cgroup_cpu_ns"] or 0) / 1e9 if cg.get("cgroup_cpu_ns") is not None else None
        fields["leftover_processes"] = cg.get("leftover_processes", 0)
    return fields


def checker_main(ctrl, uid_base, scratch_root):
    import random  # the checker may use anything; it is never forked
    import pj_tests
    source = CandidateSource(ctrl, uid_base, scratch_root)
    while True:
        request = read_request()
        if request is None:
            return
        random.seed(0)  # tests that draw random inputs see the same ones for every sample
        started = time.monotonic()
        try:
            if request.get("kind") == "perf":
                import pj_perf
                result = pj_perf.judge_task(request, source)
            elif request.get("kind") == "stress":
                import pj_stress
                result = pj_stress.stress_task(request, source)
            elif request.get("kind") == "measure":
                import pj_perf
                result = pj_perf.measure_program(request, source)
            else:
                result = pj_tests.judge_sample(request, source)
        except BaseException as exc:  # a harness bug must still produce exactly one line
            result = {"verdict": "sandbox_error", "detail": "harness: %r" % (exc,)}
        result["id"] = request.get("id")
        result["wall_s"] = time.monotonic() - started
        write_all(1, (json.dumps(result) + "\n").encode())
