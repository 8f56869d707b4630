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
import time

import pj_cgroup
from pj_cleanup import remove_tree
from pj_wire import BadData, decode, recv_frame, recv_json, send_marshal
from pj_zygote import scratch_for, uid_for


class CandidateGone(BaseException):
    """The candidate process ended or stopped answering; tests cannot catch this.
    str() is the reason: "timeout", "ended" or "protocol"."""


class NotPlainResult(BaseException):
    """The candidate returned something that is not plain data (e.g. an always-equal object)."""


class NotShippable(Exception):
    """The test passed an argument that is not plain data, so it cannot reach the candidate."""


class Decoded:
    """An "ok" reply whose value was decoded as it arrived (before the deadline was checked);
    `bad` is the reason when the value is malformed."""
    __slots__ = ("value", "bad")

    def __init__(self, value, bad):
        self.value, self.bad = value, bad


class Known:
    """A reply whose frame is byte for byte the one a trusted reference sent for the same call:
    not decoded (it has no value here), and the checker, which accepted the reference's output,
    need not see it again. reply_value refuses it: the caller takes the reference's outcome."""
    __slots__ = ()


KNOWN = Known()


class OutputCounter:
    """The checker's end of the candidate's stdout/stderr pipe: drained whenever the checker waits
    for the candidate, counted and discarded. The cap is enforced as the bytes are written (a
    file's size at the end could be truncated away), and a candidate over it is stopped."""

    def __init__(self, fd):
        self.fd, self.count, self.cap = fd, 0, None
        if fd is not None:
            os.set_blocking(fd, False)

    def drain(self):
        while self.fd is not None:
            try:
                chunk = os.read(self.fd, 1 << 16)
            except BlockingIOError:
                break
            except OSError:
                chunk = b""
            if not chunk:  # every writer closed it
                os.close(self.fd)
                self.fd = None
                break
            self.count += len(chunk)
            if self.cap is not None and self.count >= self.cap:
                raise CandidateGone("output")

    def close(self):
        if self.fd is not None:
            try:
                self.drain()
            except CandidateGone:
                pass
            if self.fd is not None:
                os.close(self.fd)
                self.fd = None


# Exceptions a call may re-raise in the test. Control-flow exceptions are not among them: a
# StopIteration raised inside map()'s function ends the iteration silently (all(map(...)) would be
# True), so a candidate's StopIteration, GeneratorExit, KeyboardInterrupt, SystemExit ... become
# RuntimeError, an error of the candidate.
_CONTROL_FLOW = {"StopIteration", "StopAsyncIteration"}
_BUILTIN_EXC = {name: obj for name, obj in vars(builtins).items()
                if isinstance(obj, type) and issubclass(obj, Exception) and name not in _CONTROL_FLOW}
NAME_CHARS = 100  # a candidate's exception name, as the checker keeps it
MESSAGE_CHARS = 500  # a candidate's exception message, as the checker keeps it


def text_field(value, limit):
    """A text field of a candidate's frame, cut to `limit` characters; anything else (a nested
    array, a huge number) is not text and is never converted."""
    return value[:limit] if type(value) is str else "<%s>" % type(value).__name__


def _frame(message):
    """A reply frame's kind, or None when the frame is not a non-empty array led by a string."""
    if type(message) is list and message and type(message[0]) is str:
        return message[0]
    return None


class Candidate:
    """The checker's handle on one candidate process forked by the zygote."""

    def __init__(self, source, serial, pid, wfd, rfd, pidfd, uid, scratch, out_fd=None):
        self.source, self.serial, self.pid = source, serial, pid
        self.wfd, self.rfd, self.pidfd, self.uid, self.scratch = wfd, rfd, pidfd, uid, scratch
        os.set_blocking(wfd, False)  # writes to the candidate wait with a deadline (pj_wire.write_all)
        self.output = OutputCounter(out_fd)
        self.exit = None
        self.cgroup_mark = None  # pj_cgroup.prepare's counters, when the worker's cgroups are used
        self.cgroup = {}  # what pj_cgroup.collect read about this candidate
        self.extra_fds = []  # e.g. performance counters opened on this candidate
        self.last_frame = None  # the bytes of the last frame received (call)

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
        self.output.cap = limits.get("output_bytes")
        try:
            send_marshal(self.wfd, {"program": program, "entry_point": entry_point, "limits": limits}, deadline)
            hello = recv_json(self.rfd, deadline, self.output)
        except TimeoutError:
            return ("timeout", None, None)
        except CandidateGone as gone:
            return (str(gone), None, None)
        except (EOFError, OSError, BadData, ValueError):
            return ("ended", None, None)
        kind = _frame(hello)
        if kind == "loaderr" and len(hello) == 3:
            return ("loaderr", text_field(hello[1], NAME_CHARS), text_field(hello[2], MESSAGE_CHARS))
        if kind != "ready":
            return ("protocol", None, None)
        return None

    def call(self, args, deadline, between=None, batch=False, known=None):
        """One call; returns the reply (an "ok" value already decoded, as Decoded), or raises
        CandidateGone. Every step is bounded (frame size, digits, depth, hash collisions) and
        inside the deadline: a reply that arrives in time but takes long to decode is late.
        With `between` (the split window, docs/measurement.md): the candidate announces
        "decoded" (arguments decoded) and "returned" (the call returned) and waits after each;
        `between(kind)` runs (it reads the meter) before the checker lets it go on. A candidate
        that answers without announcing simply gets no `between` call for that step. With
        `batch`, `args` is a list of argument tuples called one after the other in one window,
        and the reply's value is the list of their results. With `known` (the frame bytes of a
        trusted reference's reply to the same call), a reply frame equal to those bytes is not
        decoded: it comes back as KNOWN. The last frame's bytes stay in self.last_frame."""
        verb = "calls" if batch else "call"  # batch: args is a list of argument tuples
        self._send((verb, args, "split") if between is not None else (verb, args), deadline)
        reply = self._reply(deadline, known)
        if between is not None:
            for kind, word in (("decoded", "go"), ("returned", "send")):
                if _frame(reply) == kind and len(reply) == 1:
                    between(kind)
                    self._send((word,), deadline)
                    reply = self._reply(deadline, known)
        return reply

    def _send(self, message, deadline):
        try:
            send_marshal(self.wfd, message, deadline)
        except ValueError:
            raise NotShippable("an argument is not plain data")
        except TimeoutError:
            raise CandidateGone("timeout")
        except OSError:
            raise CandidateGone("ended")

    def _reply(self, deadline, known=None):
        try:
            body = self.last_frame = recv_frame(self.rfd, deadline, self.output)
            if known is not None and body == known:
                if time.monotonic() > deadline:
                    raise CandidateGone("timeout")
                return KNOWN
            reply = recv_json(self.rfd, deadline, self.output, body)
        except TimeoutError:
            raise CandidateGone("timeout")
        except BadData as bad:
            raise CandidateGone("too_large" if str(bad).startswith("frame of") else "ended")
        except (EOFError, OSError, ValueError):
            raise CandidateGone("ended")
        if _frame(reply) == "ok" and len(reply) == 2:
            try:
                reply = Decoded(decode(reply[1]), None)
            except (BadData, ValueError, TypeError, IndexError, RecursionError, MemoryError):
                reply = Decoded(None, "malformed value")
            if time.monotonic() > deadline:
                raise CandidateGone("timeout")
        return reply

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
        self.output.close()
        out_size = self.output.count
        try:  # whole programs write their output into a file (pj_program reads it)
            out_size = max(out_size, os.lstat(os.path.join(self.scratch, "out")).st_size)
        except OSError:
            pass
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
        data, fds, _, _ = socket.recv_fds(self.ctrl, 4096, 4)
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
                                 uid_for(self.uid_base, serial), scratch_for(self.scratch_root, serial), fds[3])

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
    if type(reply) is Known:
        raise TypeError("a Known reply is not decoded: its outcome is the reference's")
    if type(reply) is Decoded:
        if reply.bad is not None:
            raise NotPlainResult(reply.bad)
        return reply.value
    kind = _frame(reply)
    if kind == "ok" and len(reply) == 2:  # a frame not decoded by call()
        try:
            return decode(reply[1])
        except (BadData, ValueError, TypeError, IndexError, RecursionError, MemoryError):
            raise NotPlainResult("malformed value")
    if kind == "raise" and len(reply) == 3:
        name, message = text_field(reply[1], NAME_CHARS), text_field(reply[2], MESSAGE_CHARS)
        cls = _BUILTIN_EXC.get(name, RuntimeError)
        try:
            exc = cls(message)
        except TypeError:
            exc = RuntimeError("%s: %s" % (name, message))
        exc.perfjudge_raised = (name, message)
        raise exc
    if kind == "notplain" and len(reply) == 2:
        raise NotPlainResult("returned a %s, which is not plain data" % text_field(reply[1], NAME_CHARS))
    raise CandidateGone("protocol")
