# PerfJudge Python worker. Runs inside the sandbox; written by PerfJudge, not by a candidate.
#
# Processes of one worker (see docs/security.md):
#   zygote    - started once, clean: it never reads a request, so nothing it forks holds tests.
#               It forks one candidate per sample, hands the candidate's pipe ends (and a pidfd)
#               to the checker over a socket, reaps the candidate with wait4 and reports its
#               exit status and rusage to the checker.
#   checker   - trusted, long-lived: reads requests from fd 0, runs the task's test code with a
#               proxy in place of the candidate's function, writes one result line to fd 1.
#   candidate - untrusted, one per sample: receives only the program text, drops to a per-sample
#               uid (when the worker may), applies rlimits, runs the program, serves calls as
#               plain data, and is killed after the verdict.
# Forks are expensive where page faults are (~10-25 us each on small VMs), so the zygote imports
# only modules whose import leaves no fork-time cost (threading and random add >100 faults).
import builtins
import gc
import json
import math
import os
import resource
import select
import signal
import socket
import struct
import sys
import time

for _name in ("typing", "collections", "itertools", "functools", "heapq", "bisect", "string",
              "re", "operator", "copy", "fractions", "decimal", "hashlib", "array", "abc",
              "enum", "numbers", "cmath", "dataclasses", "datetime"):
    try:
        __import__(_name)
    except Exception:  # an interpreter without one of them still works
        pass

PROTOCOL = 2
try:
    import sysconfig
    for _key in ("purelib", "platlib"):
        _path = sysconfig.get_paths()[_key]
        if _path not in sys.path:
            sys.path.append(_path)
except Exception:
    pass
sys.set_int_max_str_digits(0)
MAX_FRAME = 64 << 20


# ---------------------------------------------------------------- plain-data codec
# Containers are tagged arrays, scalars are JSON scalars. Encoding checks exact types, decoding
# only ever builds built-in types: a candidate can send any bytes, never an object of its own.

def encode(value, depth=0):
    if depth > 200:
        raise TypeError("value nested deeper than 200 levels")
    t = type(value)
    if value is None or t is bool or t is str:
        return value
    if t is int:
        return value
    if t is float:
        if value != value:
            return ["nan"]
        if value in (math.inf, -math.inf):
            return ["inf", 1 if value > 0 else -1]
        return value
    if t is list:
        return ["l"] + [encode(v, depth + 1) for v in value]
    if t is tuple:
        return ["t"] + [encode(v, depth + 1) for v in value]
    if t is dict:
        out = ["d"]
        for k, v in value.items():
            out.append(encode(k, depth + 1))
            out.append(encode(v, depth + 1))
        return out
    if t is set:
        return ["s"] + [encode(v, depth + 1) for v in value]
    if t is frozenset:
        return ["f"] + [encode(v, depth + 1) for v in value]
    if t is bytes:
        return ["b", value.hex()]
    if t is complex:
        return ["c", encode(value.real), encode(value.imag)]
    raise TypeError("not plain data: %s" % t.__name__)


class BadData(Exception):
    """The peer sent something that is not a well-formed plain-data value."""


def decode(obj, depth=0):
    if depth > 200:
        raise BadData("nested deeper than 200 levels")
    t = type(obj)
    if obj is None or t is bool or t is str or t is int or t is float:
        return obj
    if t is not list or not obj or type(obj[0]) is not str:
        raise BadData("unexpected %s" % t.__name__)
    tag = obj[0]
    items = obj[1:]
    if tag == "l":
        return [decode(v, depth + 1) for v in items]
    if tag == "t":
        return tuple(decode(v, depth + 1) for v in items)
    if tag == "s":
        return set(decode(v, depth + 1) for v in items)
    if tag == "f":
        return frozenset(decode(v, depth + 1) for v in items)
    if tag == "d":
        if len(items) % 2:
            raise BadData("odd dict")
        return {decode(items[i], depth + 1): decode(items[i + 1], depth + 1)
                for i in range(0, len(items), 2)}
    if tag == "nan" and not items:
        return math.nan
    if tag == "inf" and len(items) == 1 and items[0] in (1, -1):
        return math.inf * items[0]
    if tag == "b" and len(items) == 1 and type(items[0]) is str:
        return bytes.fromhex(items[0])
    if tag == "c" and len(items) == 2:
        re_, im = decode(items[0], depth + 1), decode(items[1], depth + 1)
        if type(re_) is not float or type(im) is not float:
            raise BadData("bad complex")
        return complex(re_, im)
    raise BadData("unknown tag")


def _reject_objects(_pairs):
    raise BadData("JSON objects are not part of the protocol")


def loads_strict(raw):
    return json.loads(raw, object_pairs_hook=_reject_objects)


# ---------------------------------------------------------------- framing over raw fds

def write_all(fd, data):
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def send_frame(fd, message):
    body = json.dumps(message, separators=(",", ":"), allow_nan=False).encode()
    write_all(fd, struct.pack(">I", len(body)) + body)


def read_exact(fd, n, deadline=None):
    chunks = []
    while n:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError()
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                raise TimeoutError()
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise EOFError()
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def recv_frame(fd, deadline=None, strict=True):
    (size,) = struct.unpack(">I", read_exact(fd, 4, deadline))
    if size > MAX_FRAME:
        raise BadData("frame of %d bytes exceeds the limit" % size)
    raw = read_exact(fd, size, deadline)
    return loads_strict(raw) if strict else json.loads(raw)


def read_request():
    """Reads one 'LENGTH\\n' + JSON request from fd 0 without buffering past it."""
    header = b""
    while not header.endswith(b"\n"):
        b = os.read(0, 1)
        if not b:
            return None
        header += b
        if len(header) > 20:
            raise BadData("bad request header")
    return json.loads(read_exact(0, int(header)))


# ---------------------------------------------------------------- candidate side

def exception_info(exc):
    try:
        message = str(exc)[:500]
    except BaseException:
        message = "<unprintable>"
    return [type(exc).__name__ if type(type(exc).__name__) is str else "?", message]


def candidate_main(rfd, wfd, uid, scratch):
    # Wait for the program before doing anything else: until now this process holds nothing
    # but the harness.
    try:
        setup = recv_frame(rfd, strict=False)  # from the trusted checker
    except BaseException:
        os._exit(70)
    limits = setup["limits"]
    os.mkdir(scratch, 0o755)
    workdir = os.path.join(scratch, "w")
    outpath = os.path.join(scratch, "out")
    os.mkdir(workdir, 0o700)
    os.chdir(workdir)  # before the chown: this root has no CAP_DAC_OVERRIDE
    out = os.open(outpath, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    if uid is not None:
        os.chown(workdir, uid, uid)
        os.chown(outpath, uid, uid)
    null = os.open("/dev/null", os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(out, 1)
    os.dup2(out, 2)
    os.dup2(rfd, 3)
    os.dup2(wfd, 4)
    rfd, wfd = 3, 4
    os.closerange(5, 1 << 16)
    # The zygote's environment is already minimal; clearing os.environ here would cost ~70
    # page faults, so only the per-sample entries change.
    os.environ["HOME"] = workdir
    os.environ["TMPDIR"] = workdir
    cpu = int(math.ceil(limits["cpu_seconds"]))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_AS, (limits["memory_bytes"], limits["memory_bytes"]))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["file_bytes"], limits["file_bytes"]))
    resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if uid is not None:
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
    # Per-uid process count: only meaningful once the uid is ours alone.
    resource.setrlimit(resource.RLIMIT_NPROC, (limits["processes"], limits["processes"]))
    # sys.stdin/stdout/stderr of the zygote already sit on fds 0-2 and have never been written.
    sys.argv = ["candidate"]
    namespace = {"__name__": "__candidate__", "__builtins__": builtins}
    try:
        code = compile(setup["program"], "<candidate>", "exec")
        exec(code, namespace)
        fn = namespace.get(setup["entry_point"])
        if not callable(fn):
            send_frame(wfd, ["loaderr", "NameError",
                             "entry point %r is not defined" % setup["entry_point"]])
            os._exit(0)
        send_frame(wfd, ["ready"])
    except BaseException as exc:
        send_frame(wfd, ["loaderr"] + exception_info(exc))
        os._exit(0)
    _flush_output()
    while True:
        try:
            msg = recv_frame(rfd)
        except BaseException:
            os._exit(0)
        if msg[0] != "call":
            os._exit(0)
        try:
            args = decode(msg[1])
            result = fn(*args)
        except BaseException as exc:
            _flush_output()
            send_frame(wfd, ["raise"] + exception_info(exc))
            continue
        _flush_output()
        try:
            payload = encode(result)
        except TypeError:
            send_frame(wfd, ["notplain", type(result).__name__])
            continue
        except RecursionError:
            send_frame(wfd, ["notplain", "deeply nested value"])
            continue
        send_frame(wfd, ["ok", payload])


def _flush_output():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass


# ---------------------------------------------------------------- checker side

class CandidateGone(BaseException):
    """The candidate process ended or stopped answering; tests cannot catch this."""


class NotPlainResult(BaseException):
    """The candidate returned something that is not plain data (e.g. an always-equal object)."""


_BUILTIN_EXC = {name: obj for name, obj in vars(builtins).items()
                if isinstance(obj, type) and issubclass(obj, Exception)}


class Proxy:
    """Stands in for the candidate's function inside the checker."""

    def __init__(self, rfd, wfd, deadline, pid, meter):
        self.rfd, self.wfd, self.deadline, self.pid, self.meter = rfd, wfd, deadline, pid, meter
        self.calls = 0
        self.raised = None
        self.cpu_ns = 0

    def __call__(self, *args, **kwargs):
        if kwargs:
            args = args + tuple(kwargs.values())
        payload = encode(list(args))
        self.calls += 1
        before = self.meter(self.pid)
        try:
            send_frame(self.wfd, ["call", payload])
            reply = recv_frame(self.rfd, self.deadline)
        except TimeoutError:
            raise CandidateGone("timeout")
        except (EOFError, OSError, BadData, ValueError):
            raise CandidateGone("ended")
        after = self.meter(self.pid)
        if before is not None and after is not None:
            self.cpu_ns += after - before
        kind = reply[0]
        if kind == "ok":
            try:
                return decode(reply[1])
            except (BadData, ValueError, TypeError, IndexError):
                raise NotPlainResult("malformed value")
        if kind == "raise":
            name, message = str(reply[1]), str(reply[2])
            self.raised = (name, message)
            cls = _BUILTIN_EXC.get(name, RuntimeError)
            try:
                raise cls(message)
            except TypeError:
                raise RuntimeError("%s: %s" % (name, message))
        if kind == "notplain":
            raise NotPlainResult("returned a %s, which is not plain data" % str(reply[1])[:100])
        raise CandidateGone("protocol")


def schedstat_ns(pid):
    try:
        with open("/proc/%d/schedstat" % pid, "rb") as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


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


def remove_tree(path):
    """Deletes a scratch directory without following symbolic links the candidate planted."""
    try:
        st = os.lstat(path)
    except OSError:
        return
    if os.path.stat.S_ISDIR(st.st_mode):
        for name in os.listdir(path):
            remove_tree(os.path.join(path, name))
        os.rmdir(path)
    else:
        os.unlink(path)


def describe_status(status):
    if os.WIFSIGNALED(status):
        return "signal %d" % os.WTERMSIG(status)
    return "exit %d" % os.WEXITSTATUS(status)


class Candidate:
    """The checker's handle on one candidate process forked by the zygote."""

    def __init__(self, ctrl, serial, pid, pidfd, wfd, rfd, uid, scratch):
        self.ctrl, self.serial, self.pid, self.pidfd = ctrl, serial, pid, pidfd
        self.wfd, self.rfd, self.uid, self.scratch = wfd, rfd, uid, scratch
        self.exit = None

    def kill(self):
        try:
            signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
        except OSError:
            pass

    def wait(self):
        """Status and rusage of the candidate, as reaped by the zygote with wait4."""
        if self.exit is None:
            self.kill()
            msg = json.loads(self.ctrl.recv(4096))
            if msg[0] != "exit" or msg[1] != self.serial:
                raise RuntimeError("zygote out of sequence: %r" % (msg,))
            self.exit = msg[2:]
        return self.exit

    def close(self):
        for fd in (self.wfd, self.rfd, self.pidfd):
            try:
                os.close(fd)
            except OSError:
                pass


_code_cache = {}


def compiled(source, name):
    key = (name, source)
    code = _code_cache.get(key)
    if code is None:
        if len(_code_cache) > 512:
            _code_cache.clear()
        code = _code_cache[key] = compile(source, name, "exec")
    return code


def checker_main(ctrl, uid_base, scratch_root):
    import random  # the checker may use anything; it is never forked
    while True:
        request = read_request()
        if request is None:
            return
        data, fds, _, _ = socket.recv_fds(ctrl, 4096, 3)
        header = json.loads(data)
        serial, pid = header[1], header[2]
        uid = uid_for(uid_base, serial)
        cand = Candidate(ctrl, serial, pid, fds[2], fds[0], fds[1], uid,
                         os.path.join(scratch_root, "s%d" % serial))
        random.seed(0)  # tests that draw random inputs see the same ones for every sample
        result = {"id": request.get("id")}
        started = time.monotonic()
        try:
            result.update(judge(request, cand))
        except BaseException as exc:  # a harness bug must still produce exactly one line
            result.update({"verdict": "sandbox_error", "detail": "harness: %r" % (exc,)})
        cand.kill()
        if uid is not None:
            kill_uid(uid)
        status, utime, stime, maxrss, minflt = cand.wait()
        cand.close()
        result["minor_faults"] = minflt
        result.setdefault("status", describe_status(status))
        finish(result, request["limits"], cand.scratch)
        result["cpu_user_s"] = utime
        result["cpu_sys_s"] = stime
        result["max_rss_kb"] = maxrss
        result["wall_s"] = time.monotonic() - started
        try:
            remove_tree(cand.scratch)
        except OSError as exc:
            sys.stderr.write("perfjudge harness: cannot clean %s: %r\n" % (cand.scratch, exc))
        write_all(1, (json.dumps(result) + "\n").encode())


def finish(result, limits, scratch):
    try:
        out_size = os.path.getsize(os.path.join(scratch, "out"))
    except OSError:
        out_size = 0
    if out_size >= limits["output_bytes"] and result.get("verdict") != "sandbox_error":
        result["verdict"] = "output_limit"
        result["detail"] = "wrote %d bytes or more to stdout/stderr (limit %d)" % (
            out_size, limits["output_bytes"])


def ended_verdict(cand, reason, limits):
    """Decides why the candidate stopped answering, from its exit status."""
    if reason == "timeout":
        return {"verdict": "timeout", "detail": "no answer within %.3g s" % limits["wall_seconds"]}
    status, utime, stime, _maxrss, _minflt = cand.wait()
    desc = describe_status(status)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL) \
            and utime + stime >= limits["cpu_seconds"] - 0.05:
        return {"verdict": "timeout", "detail": "CPU time limit", "status": desc}
    return {"verdict": "crashed", "detail": "candidate process ended (%s)" % desc, "status": desc}


def judge(request, cand):
    limits = request["limits"]
    deadline = time.monotonic() + limits["wall_seconds"]
    try:
        send_frame(cand.wfd, {"program": request["program"], "entry_point": request["entry_point"],
                              "limits": limits})
        hello = recv_frame(cand.rfd, deadline)
    except TimeoutError:
        return ended_verdict(cand, "timeout", limits)
    except (EOFError, OSError, BadData, ValueError):
        return ended_verdict(cand, "ended", limits)
    if hello[0] == "loaderr":
        return load_error(str(hello[1]), str(hello[2]))
    if hello[0] != "ready":
        return {"verdict": "crashed", "detail": "protocol violation"}
    meter = schedstat_ns if request.get("measure") else (lambda _pid: None)
    proxy = Proxy(cand.rfd, cand.wfd, deadline, cand.pid, meter)
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
    result = {"verdict": "passed", "calls": proxy.calls}
    if request.get("measure"):
        result["cpu_ns"] = proxy.cpu_ns
    return result


def load_error(name, message):
    if name == "MemoryError":
        return {"verdict": "memory_limit", "detail": "MemoryError while loading"}
    return {"verdict": "error", "detail": "%s: %s" % (name, message), "exception": name}


def raised_verdict(proxy):
    name, message = proxy.raised
    if name == "MemoryError":
        return {"verdict": "memory_limit", "detail": "MemoryError", "calls": proxy.calls}
    if name == "OSError" and "File too large" in message:
        return {"verdict": "output_limit", "detail": message, "calls": proxy.calls}
    return {"verdict": "error", "detail": "%s: %s" % (name, message), "exception": name,
            "calls": proxy.calls}


# ---------------------------------------------------------------- zygote

def uid_for(uid_base, serial):
    return uid_base + 1 + serial % 999_999 if uid_base else None


def prctl(option, value):
    try:
        import ctypes
        return ctypes.CDLL(None).prctl(option, value, 0, 0, 0)
    except Exception:
        return -1


def zygote_main():
    uid_base = int(os.environ.get("PERFJUDGE_UID_BASE", "0"))
    scratch_root = os.environ.get("PERFJUDGE_SCRATCH", "/tmp")
    if uid_base and os.geteuid() != 0:
        uid_base = 0
    for key in list(os.environ):
        if key not in ("PATH", "LANG", "PYTHONHASHSEED"):
            del os.environ[key]
    prctl(4, 0)   # PR_SET_DUMPABLE=0: no ptrace, no /proc/PID/fd of ours for candidates
    prctl(36, 1)  # PR_SET_CHILD_SUBREAPER: orphans of candidates are reaped here
    ctrl_zygote, ctrl_checker = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    checker = os.fork()
    if checker == 0:
        ctrl_zygote.close()
        code = 0
        try:
            checker_main(ctrl_checker, uid_base, scratch_root)
        except BaseException as exc:
            sys.stderr.write("perfjudge harness: checker: %r\n" % (exc,))
            code = 1
        os._exit(code)
    ctrl_checker.close()
    # The zygote (and so every candidate) never holds the request or result channels.
    null = os.open("/dev/null", os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    os.close(null)
    gc.collect()
    gc.freeze()  # collections in candidates then leave the shared pages alone
    serial = 0
    while True:
        serial += 1
        uid = uid_for(uid_base, serial)
        to_cand_r, to_cand_w = os.pipe()
        from_cand_r, from_cand_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            ctrl_zygote.close()
            os.close(to_cand_w)
            os.close(from_cand_r)
            try:
                candidate_main(to_cand_r, from_cand_w, uid, os.path.join(scratch_root, "s%d" % serial))
            finally:
                os._exit(0)
        os.close(to_cand_r)
        os.close(from_cand_w)
        pidfd = os.pidfd_open(pid)
        try:
            socket.send_fds(ctrl_zygote, [json.dumps(["cand", serial, pid]).encode()],
                            [to_cand_w, from_cand_r, pidfd])
        except OSError:
            return  # the checker is gone: the engine closed our input
        finally:
            os.close(to_cand_w)
            os.close(from_cand_r)
            os.close(pidfd)
        while True:
            wpid, status, usage = os.wait4(-1, 0)
            if wpid == checker:
                os.kill(pid, signal.SIGKILL)
                return
            if wpid == pid:
                break
        try:
            ctrl_zygote.send(json.dumps(["exit", serial, status, usage.ru_utime, usage.ru_stime,
                                         usage.ru_maxrss, usage.ru_minflt]).encode())
        except OSError:
            return


def main():
    write_all(1, (json.dumps({"hello": PROTOCOL, "python": sys.version.split()[0],
                              "uid_drop": bool(int(os.environ.get("PERFJUDGE_UID_BASE", "0"))
                                               and os.geteuid() == 0)}) + "\n").encode())
    zygote_main()


if __name__ == "__main__":
    main()
