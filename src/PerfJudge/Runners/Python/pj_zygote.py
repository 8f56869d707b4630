"""The zygote: started once, clean (it never reads a request, so nothing it forks holds tests).
On the checker's request it forks a candidate, hands the candidate's pipe ends and a pidfd to the
checker over a socket, reaps the candidate with wait4 and reports its exit status and rusage.
Layer 1 (processes): imports only pj_candidate (the code a forked candidate runs) and pj_cgroup
(the zygote joins the worker's cgroups once, so every candidate is born inside them).

Control messages on the SOCK_SEQPACKET socket (docs/wire.md, "zygote <-> checker"):
checker -> zygote: b"fork"; zygote -> checker: ["cand", serial, pid] with the fds
[to candidate (write end), from candidate (read end), pidfd] attached (SCM_RIGHTS), and
["exit", serial, wait4 status, ru_utime, ru_stime, ru_maxrss, ru_minflt] when a candidate ended.

Forks are expensive where page faults are (~10-25 us each on small VMs), so this module imports
only modules whose import leaves no fork-time cost (threading and random add >100 faults).
"""
import gc
import json
import os
import select
import signal
import socket
import sys

import pj_cgroup
from pj_candidate import candidate_main

KEPT_ENVIRONMENT = ("PATH", "LANG", "PYTHONHASHSEED", "PERFJUDGE_CPU")


def uid_for(uid_base, serial):
    """The uid of candidate number `serial` (1, 2, ...) of this worker; None when uids are not
    dropped (uid_base 0). The only mapping: the zygote drops to it, the checker kills by it."""
    return uid_base + 1 + serial % 999_999 if uid_base else None


def scratch_for(scratch_root, serial):
    """The private folder of candidate number `serial`, its name of one width for every serial
    below 10**8: the path's length (the work dir is the candidate's cwd, HOME and TMPDIR) shifts
    the heap's layout, which moved a counted call by up to 0.3% (docs/stress.md, stop 28)."""
    return os.path.join(scratch_root, "s%08d" % serial)


def prctl(option, value):
    try:
        import ctypes
        return ctypes.CDLL(None).prctl(option, value, 0, 0, 0)
    except Exception:
        return -1


def pin_worker():
    """Keeps the whole worker (zygote, checker, candidates) on the core the engine gave it.

    Its processes take turns (the checker waits while the candidate runs), so one core is all a
    worker uses; spread over two vCPUs, every hand-over is a cross-CPU wake-up, which costs
    ~30 us of CPU on each side here against ~3 us on one core (bench/notes-throughput.md)."""
    cpu = os.environ.get("PERFJUDGE_CPU", "")
    if not cpu.isdigit() or not hasattr(os, "sched_setaffinity"):
        return
    try:
        allowed = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {allowed[int(cpu) % len(allowed)]})
    except (OSError, IndexError):
        pass


def run(start_checker):
    """Becomes the zygote; `start_checker(ctrl, uid_base, scratch_root)` forks the checker and
    returns its pid. Returns when the checker is gone, after killing the live candidates."""
    pin_worker()
    uid_base = int(os.environ.get("PERFJUDGE_UID_BASE", "0"))
    scratch_root = os.environ.get("PERFJUDGE_SCRATCH", "/tmp")
    if uid_base and os.geteuid() != 0:
        uid_base = 0
    for key in list(os.environ):
        if key not in KEPT_ENVIRONMENT:
            del os.environ[key]
    prctl(4, 0)   # PR_SET_DUMPABLE=0: no ptrace, no /proc/PID/fd of ours for candidates
    prctl(36, 1)  # PR_SET_CHILD_SUBREAPER: orphans of candidates are reaped here
    probe_ipc_namespace()
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


def fork_candidate(serial, uid_base, scratch_root, ctrl):
    to_cand_r, to_cand_w = os.pipe()
    from_cand_r, from_cand_w = os.pipe()
    out_r, out_w = os.pipe()  # the candidate's stdout/stderr, counted by the checker as written
    pid = os.fork()
    if pid == 0:
        ctrl.close()
        os.close(to_cand_w)
        os.close(from_cand_r)
        os.close(out_r)
        try:
            if OWN_IPC and not own_ipc_namespace():
                os._exit(73)
            candidate_main(to_cand_r, from_cand_w, uid_for(uid_base, serial),
                           scratch_for(scratch_root, serial), out_w)
        finally:
            os._exit(0)
    os.close(to_cand_r)
    os.close(from_cand_w)
    os.close(out_w)
    pidfd = os.pidfd_open(pid)
    try:
        socket.send_fds(ctrl, [json.dumps(["cand", serial, pid]).encode()],
                        [to_cand_w, from_cand_r, pidfd, out_r])
    finally:
        os.close(to_cand_w)
        os.close(from_cand_r)
        os.close(out_r)
    return pid, pidfd


CLONE_NEWIPC = 0x08000000
_LIBC = []
OWN_IPC = False  # set by probe_ipc_namespace() before the checker is forked (it reads it too)


def own_ipc_namespace():
    """Moves the calling process into a new IPC namespace: SysV shared memory, semaphores and
    message queues and POSIX message queues of earlier candidates are not there, and what this
    one creates dies with it. Needs CAP_SYS_ADMIN over the current one (kept by the trusted
    processes of a sandboxed worker; a candidate loses it when it changes uid)."""
    try:
        return _LIBC[0].unshare(CLONE_NEWIPC) == 0
    except Exception:
        return False


def probe_ipc_namespace():
    """Whether candidates can get an IPC namespace of their own here: tried in a child, once."""
    global OWN_IPC
    try:
        import ctypes  # already loaded by prctl(); the handle is made once, not per candidate
        _LIBC.append(ctypes.CDLL(None, use_errno=True))
    except Exception:
        return False
    pid = os.fork()
    if pid == 0:
        os._exit(0 if own_ipc_namespace() else 1)
    _, status = os.waitpid(pid, 0)
    OWN_IPC = os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    return OWN_IPC


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
