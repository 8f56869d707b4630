# PerfJudge Python worker. Runs inside the sandbox; written by PerfJudge, not by a candidate.
#
# Processes of one worker (see docs/security.md):
#   zygote    - started once, clean: it never reads a request, so nothing it forks holds tests.
#               On the checker's request it forks a candidate, hands the candidate's pipe ends
#               and a pidfd to the checker over a socket, reaps the candidate with wait4 and
#               reports its exit status and rusage to the checker.
#   checker   - trusted, long-lived (pj_checker): reads requests from fd 0, runs the task's test
#               code with a proxy in place of the candidate's function, writes one result line
#               to fd 1.
#   candidate - untrusted, one per sample (pj_candidate): receives only the program text, drops
#               to a per-sample uid (when the worker may), applies rlimits, runs the program,
#               serves calls as plain data, and is killed after the verdict.
# Forks are expensive where page faults are (~10-25 us each on small VMs), so the zygote imports
# only modules whose import leaves no fork-time cost (threading and random add >100 faults).
import gc
import json
import os
import select
import signal
import socket
import sys

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

import pj_cgroup  # noqa: E402  (reads PERFJUDGE_CGROUPS before the zygote clears the environment)
from pj_candidate import candidate_main  # noqa: E402
from pj_wire import write_all  # noqa: E402

PROTOCOL = 3


def prctl(option, value):
    try:
        import ctypes
        return ctypes.CDLL(None).prctl(option, value, 0, 0, 0)
    except Exception:
        return -1


def uid_for(uid_base, serial):
    return uid_base + 1 + serial % 999_999 if uid_base else None


def start_checker(ctrl, uid_base, scratch_root):
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            import pj_checker
            pj_checker.checker_main(ctrl, uid_base, scratch_root)
        except BaseException as exc:
            sys.stderr.write("perfjudge harness: checker: %r\n" % (exc,))
            code = 1
        os._exit(code)
    return pid


def fork_candidate(serial, uid_base, scratch_root, ctrl):
    to_cand_r, to_cand_w = os.pipe()
    from_cand_r, from_cand_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        ctrl.close()
        os.close(to_cand_w)
        os.close(from_cand_r)
        try:
            candidate_main(to_cand_r, from_cand_w, uid_for(uid_base, serial),
                           os.path.join(scratch_root, "s%d" % serial))
        finally:
            os._exit(0)
    os.close(to_cand_r)
    os.close(from_cand_w)
    pidfd = os.pidfd_open(pid)
    try:
        socket.send_fds(ctrl, [json.dumps(["cand", serial, pid]).encode()],
                        [to_cand_w, from_cand_r, pidfd])
    finally:
        os.close(to_cand_w)
        os.close(from_cand_r)
    return pid, pidfd


def zygote_main():
    uid_base = int(os.environ.get("PERFJUDGE_UID_BASE", "0"))
    scratch_root = os.environ.get("PERFJUDGE_SCRATCH", "/tmp")
    if uid_base and os.geteuid() != 0:
        uid_base = 0
    for key in list(os.environ):
        if key not in ("PATH", "LANG", "PYTHONHASHSEED", "PERFJUDGE_CPU"):
            del os.environ[key]
    prctl(4, 0)   # PR_SET_DUMPABLE=0: no ptrace, no /proc/PID/fd of ours for candidates
    prctl(36, 1)  # PR_SET_CHILD_SUBREAPER: orphans of candidates are reaped here
    ctrl, ctrl_checker = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    checker = start_checker(ctrl_checker, uid_base, scratch_root)
    ctrl_checker.close()
    if uid_base:
        # Candidates are born in the worker's cgroups (the checker stays outside): pj_cgroup.
        problem = pj_cgroup.join_worker()
        if problem:
            sys.stderr.write("perfjudge harness: %s\n" % problem)
    # The zygote (and so every candidate) never holds the request or result channels.
    null = os.open("/dev/null", os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    os.close(null)
    checker_fd = os.pidfd_open(checker)
    gc.collect()
    gc.freeze()  # collections in candidates then leave the shared pages alone
    live = {}  # pidfd -> (pid, serial)
    serial = 0
    while True:
        ready, _, _ = select.select([ctrl, checker_fd] + list(live), [], [], 1.0)
        for fd in ready:
            if fd == checker_fd:
                for pid, _ in live.values():
                    os.kill(pid, signal.SIGKILL)
                return
            if fd is ctrl:
                if not ctrl.recv(16):
                    return
                serial += 1
                pid, pidfd = fork_candidate(serial, uid_base, scratch_root, ctrl)
                live[pidfd] = (pid, serial)
            else:
                pid, done = live.pop(fd)
                os.close(fd)
                _, status, usage = os.wait4(pid, 0)
                ctrl.send(json.dumps(["exit", done, status, usage.ru_utime, usage.ru_stime,
                                      usage.ru_maxrss, usage.ru_minflt]).encode())
        reap_orphans(live)


def reap_orphans(live):
    """Reaps processes re-parented to us (we are a subreaper), leaving tracked candidates alone."""
    tracked = {pid for pid, _ in live.values()}
    while True:
        try:
            info = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:
            return
        if info is None or info.si_pid in tracked:
            return
        try:
            os.waitpid(info.si_pid, os.WNOHANG)
        except ChildProcessError:
            return


def main():
    write_all(1, (json.dumps({"hello": PROTOCOL, "python": sys.version.split()[0],
                              "uid_drop": bool(int(os.environ.get("PERFJUDGE_UID_BASE", "0"))
                                               and os.geteuid() == 0)}) + "\n").encode())
    zygote_main()


if __name__ == "__main__":
    main()
