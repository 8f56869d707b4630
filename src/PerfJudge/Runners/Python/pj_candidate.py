"""The candidate process: forked from the clean zygote, it runs one untrusted program.
Layer 1 (processes): imports only pj_wire.

Until the program is loaded this is trusted harness code; afterwards the candidate owns the
process and may tamper with anything in it, so nothing here decides a verdict or a cost.
"""
import builtins
import math
import os
import resource
import sys

from pj_wire import encode, recv_marshal, send_json


def exception_info(exc):
    try:
        message = str(exc)[:500]
    except BaseException:
        message = "<unprintable>"
    name = type(exc).__name__
    return [name if type(name) is str else "?", message]


def _flush_output():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass


def _close_from(low):
    """Closes every descriptor from low up. 3.10+ does a range with one close_range call;
    3.9 calls close() 65,531 times (6.8 ms per candidate here), so there only the descriptors
    listed in /proc/self/fd are closed."""
    if sys.version_info >= (3, 10):
        os.closerange(low, 1 << 16)
        return
    try:
        fds = [int(name) for name in os.listdir("/proc/self/fd")]
    except (OSError, ValueError):
        os.closerange(low, 1 << 16)
        return
    for fd in fds:
        if fd >= low:
            try:
                os.close(fd)
            except OSError:
                pass  # the listing's own descriptor, closed already


def _sandbox_self(rfd, wfd, uid, scratch, limits):
    """Private work dir, capped output file, no other descriptors, rlimits, own uid."""
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
    _close_from(5)
    # The zygote's environment is already minimal; clearing os.environ here would cost ~70
    # page faults, so only the per-sample entries change.
    os.environ["HOME"] = workdir
    os.environ["TMPDIR"] = workdir
    if limits.get("pin_cpu") is not None:
        try:
            os.sched_setaffinity(0, {limits["pin_cpu"]})  # measurements: one core, no migrations
        except OSError:
            pass
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
    return 3, 4


def candidate_main(rfd, wfd, uid, scratch):
    # Wait for the program before doing anything else: until now this process holds nothing
    # but the harness.
    try:
        setup = recv_marshal(rfd)
    except BaseException:
        os._exit(70)
    rfd, wfd = _sandbox_self(rfd, wfd, uid, scratch, setup["limits"])
    # sys.stdin/stdout/stderr of the zygote already sit on fds 0-2 and have never been written.
    sys.argv = ["candidate"]
    namespace = {"__name__": "__candidate__", "__builtins__": builtins}
    try:
        exec(compile(setup["program"], "<candidate>", "exec"), namespace)
        fn = namespace.get(setup["entry_point"])
        if not callable(fn):
            send_json(wfd, ["loaderr", "NameError",
                            "entry point %r is not defined" % setup["entry_point"]])
            os._exit(0)
        send_json(wfd, ["ready"])
    except BaseException as exc:
        send_json(wfd, ["loaderr"] + exception_info(exc))
        os._exit(0)
    _flush_output()
    serve(fn, rfd, wfd)


def serve(fn, rfd, wfd):
    while True:
        try:
            msg = recv_marshal(rfd)
        except BaseException:
            os._exit(0)
        if msg[0] != "call":
            os._exit(0)
        try:
            result = fn(*msg[1])
        except BaseException as exc:
            _flush_output()
            send_json(wfd, ["raise"] + exception_info(exc))
            continue
        _flush_output()
        try:
            payload = encode(result)
        except TypeError:
            send_json(wfd, ["notplain", type(result).__name__])
            continue
        except RecursionError:
            send_json(wfd, ["notplain", "deeply nested value"])
            continue
        send_json(wfd, ["ok", payload])
