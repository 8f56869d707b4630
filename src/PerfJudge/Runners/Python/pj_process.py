"""The checker's handle on candidate processes: asks the zygote for one, loads the program into
it, sends calls and turns replies into plain values or the exceptions a test should see, and
ends it. Layer 1 (processes): imports pj_wire and pj_zygote (for the one uid mapping).
It decides no verdict: it reports what happened (pj_verdicts decides what that means)."""
import builtins
import json
import os
import signal
import socket
import sys

import pj_cgroup
from pj_cleanup import remove_tree
from pj_wire import BadData, decode, recv_json, send_marshal
from pj_zygote import scratch_for, uid_for


class CandidateGone(BaseException):
    """The candidate process ended or stopped answering; tests cannot catch this.
    str() is the reason: "timeout", "ended" or "protocol"."""


class NotPlainResult(BaseException):
    """The candidate returned something that is not plain data (e.g. an always-equal object)."""


class NotShippable(Exception):
    """The test passed an argument that is not plain data, so it cannot reach the candidate."""


_BUILTIN_EXC = {name: obj for name, obj in vars(builtins).items()
                if isinstance(obj, type) and issubclass(obj, Exception)}


def _frame(message):
    """A reply frame's kind, or None when the frame is not a non-empty array led by a string."""
    if type(message) is list and message and type(message[0]) is str:
        return message[0]
    return None


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
        """Sends the program. None when the candidate is ready, else (why, name, message) with
        why "timeout", "ended" (no greeting), "loaderr" (the program raised name: message while
        loading, or lacks the entry point), "protocol" (a greeting that is neither) or "sandbox"
        (the worker's cgroup limits could not be set: not the candidate's fault)."""
        if self.uid is not None:  # cgroups only with a uid of its own: the files are root's
            try:
                self.cgroup_mark = pj_cgroup.prepare(limits)
            except OSError as exc:
                return ("sandbox", "cgroup limits", repr(exc))
        try:
            send_marshal(self.wfd, {"program": program, "entry_point": entry_point, "limits": limits})
            hello = recv_json(self.rfd, deadline)
        except TimeoutError:
            return ("timeout", None, None)
        except (EOFError, OSError, BadData, ValueError):
            return ("ended", None, None)
        kind = _frame(hello)
        if kind == "loaderr" and len(hello) == 3:
            return ("loaderr", str(hello[1]), str(hello[2]))
        if kind != "ready":
            return ("protocol", None, None)
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
        """Kills the candidate and everything of its uid, reaps it, removes its files.
        Returns (exit info as wait() gives it, bytes the candidate wrote to stdout/stderr)."""
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
                return Candidate(self, serial, pid, fds[0], fds[1], fds[2],
                                 uid_for(self.uid_base, serial), scratch_for(self.scratch_root, serial))

    def wait_exit(self, serial):
        while serial not in self.exits:
            self._receive()
        return self.exits.pop(serial)


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


def reply_value(reply):
    """Turns a candidate's reply into a plain value, or raises what the test should see: the
    built-in exception the candidate raised (its (name, message) in .perfjudge_raised; a name
    that is no built-in exception becomes RuntimeError), NotPlainResult, or CandidateGone."""
    kind = _frame(reply)
    if kind == "ok" and len(reply) == 2:
        try:
            return decode(reply[1])
        except (BadData, ValueError, TypeError, IndexError, RecursionError):
            raise NotPlainResult("malformed value")
    if kind == "raise" and len(reply) == 3:
        name, message = str(reply[1]), str(reply[2])
        cls = _BUILTIN_EXC.get(name, RuntimeError)
        try:
            exc = cls(message)
        except TypeError:
            exc = RuntimeError("%s: %s" % (name, message))
        exc.perfjudge_raised = (name, message)
        raise exc
    if kind == "notplain" and len(reply) == 2:
        raise NotPlainResult("returned a %s, which is not plain data" % str(reply[1])[:100])
    raise CandidateGone("protocol")
