"""The candidate process: forked from the clean zygote, it runs one untrusted program.
Layer 1 (processes): imports only pj_wire.

Until the program is loaded this is trusted harness code; afterwards the candidate owns the
process and may tamper with anything in it, so nothing here decides a verdict or a cost.
"""
import builtins
import gc
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


def _sandbox_self(rfd, wfd, uid, scratch, limits, out):
    """Private work dir, output into the pipe the checker counts, no other descriptors, rlimits,
    own uid."""
    os.mkdir(scratch, 0o755)
    workdir = os.path.join(scratch, "w")
    os.mkdir(workdir, 0o700)
    os.chdir(workdir)  # before the chown: this root has no CAP_DAC_OVERRIDE
    if uid is not None:
        os.chown(workdir, uid, uid)
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


def candidate_main(rfd, wfd, uid, scratch, out):
    # Wait for the program before doing anything else: until now this process holds nothing
    # but the harness.
    try:
        setup = recv_marshal(rfd)
    except BaseException:
        os._exit(70)
    if "argv" in setup or "script" in setup:
        run_whole_program(setup, rfd, wfd, uid, scratch)  # never returns
    rfd, wfd = _sandbox_self(rfd, wfd, uid, scratch, setup["limits"], out)
    # sys.stdin/stdout/stderr of the zygote already sit on fds 0-2 and have never been written.
    sys.argv = ["candidate"]
    if setup["limits"].get("gc") is False:
        gc.disable()  # ENAMEL's protocol: no cyclic collections while the program runs
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


def _await(rfd, word):
    """The split window: waits for the checker's word; anything else ends the process."""
    try:
        msg = recv_marshal(rfd)
    except BaseException:
        os._exit(0)
    if msg != (word,):
        os._exit(0)


def serve(fn, rfd, wfd):
    while True:
        try:
            msg = recv_marshal(rfd)
        except BaseException:
            os._exit(0)
        if msg[0] not in ("call", "calls"):
            os._exit(0)
        split = len(msg) > 2 and msg[2] == "split"
        if split:
            # The split window (docs/measurement.md): the checker reads its meter after the
            # arguments are decoded and after the call returns, so the call is timed alone.
            send_json(wfd, ["decoded"])
            _await(rfd, "go")
        try:
            if msg[0] == "calls":  # one call per argument tuple, in one window; the results as a list
                result = [fn(*args) for args in msg[1]]
            else:
                result = fn(*msg[1])
        except BaseException as exc:
            _flush_output()
            send_json(wfd, ["raise"] + exception_info(exc))
            continue
        if split:
            send_json(wfd, ["returned"])
            _await(rfd, "send")
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
        if split:
            # Freed here, between calls, not inside the next call's window (ENAMEL frees them
            # after its timer has stopped).
            msg = result = payload = None


def _safe_name(name):
    return type(name) is str and name not in ("", ".", "..") and "/" not in name and "\0" not in name


def _safe_path(path):
    """A relative path below the work dir: safe names joined by single slashes."""
    return type(path) is str and 0 < len(path) <= 1024 and all(_safe_name(p) for p in path.split("/"))


def run_whole_program(setup, rfd, wfd, uid, scratch):
    """A whole program (docs/wire.md, "program"): writes the given files (relative paths; their
    folders are made) into a private work dir,
    puts stdin on the file `stdin` of them (else /dev/null), stdout on scratch/out and stderr on
    scratch/err (both capped by RLIMIT_FSIZE), sets rlimits, drops to the candidate's uid and
    then either executes `argv` (a compiler, a native binary, `dotnet x.dll`) or runs `script` as
    Python's __main__ in this very process (no interpreter start). Nothing is sent back: the
    checker learns everything from the exit status (wait4, by the zygote) and the files."""
    try:
        limits = setup["limits"]
        os.mkdir(scratch, 0o755)
        workdir = os.path.join(scratch, "w")
        os.mkdir(workdir, 0o700)
        os.chdir(workdir)
        for name, data in setup.get("files", {}).items():
            if not _safe_path(name):
                os._exit(71)
            parts = name.split("/")
            folder = workdir
            for part in parts[:-1]:  # a fresh folder of our own: no links to follow in it
                folder = os.path.join(folder, part)
                if not os.path.isdir(folder):
                    os.mkdir(folder, 0o755)
                    if uid is not None:
                        os.chown(folder, uid, uid)
            with open(os.path.join(folder, parts[-1]), "wb") as f:
                f.write(data.encode() if type(data) is str else data)
            if uid is not None:
                os.chown(os.path.join(folder, parts[-1]), uid, uid)
        fds = {}
        for stream, path, flags in ((1, "out", os.O_WRONLY), (2, "err", os.O_WRONLY)):
            full = os.path.join(scratch, path)
            fds[stream] = os.open(full, flags | os.O_CREAT | os.O_TRUNC, 0o600)
            if uid is not None:
                os.chown(full, uid, uid)
        if uid is not None:
            os.chown(workdir, uid, uid)
        stdin_name = setup.get("stdin")
        fds[0] = os.open(stdin_name if _safe_name(stdin_name) else "/dev/null", os.O_RDONLY)
        for target in (0, 1, 2):
            os.dup2(fds[target], target)
        _close_from(3)
        if limits.get("pin_cpu") is not None:
            try:
                os.sched_setaffinity(0, {limits["pin_cpu"]})
            except OSError:
                pass
        cpu = int(math.ceil(limits["cpu_seconds"]))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        memory = limits["memory_bytes"]  # 0: no address-space limit (.NET reserves far more than it uses)
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits["file_bytes"], limits["file_bytes"]))
        files = setup.get("open_files", 64)
        resource.setrlimit(resource.RLIMIT_NOFILE, (files, files))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        stack = setup.get("stack_bytes")
        if stack:
            resource.setrlimit(resource.RLIMIT_STACK, (stack, stack))
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": workdir, "TMPDIR": workdir}
        env.update(setup.get("env", {}))
        if uid is not None:
            os.setgroups([])
            os.setresgid(uid, uid, uid)
            os.setresuid(uid, uid, uid)
        resource.setrlimit(resource.RLIMIT_NPROC, (limits["processes"], limits["processes"]))
    except BaseException:
        os._exit(72)
    if "argv" in setup:
        try:
            import signal
            # Python ignores SIGPIPE and SIGXFSZ, and ignored signals survive execve: a native
            # program must get the default actions (killed at the file size limit, not EFBIG forever).
            for number in (signal.SIGPIPE, signal.SIGXFSZ):
                signal.signal(number, signal.SIG_DFL)
            os.execve(setup["argv"][0], setup["argv"], env)
        except BaseException:
            os._exit(127)
    _run_script(setup["script"], setup.get("args", []), env)


def _run_script(script, args, env):
    """Python's __main__, here: this process already holds an initialised interpreter."""
    import io
    os.environ.clear()
    os.environ.update(env)
    sys.argv = ["main.py"] + list(args)
    sys.stdin = io.TextIOWrapper(io.BufferedReader(io.FileIO(0, "r", closefd=False), 1 << 16),
                                 encoding="utf-8", errors="surrogateescape")
    sys.stdout = io.TextIOWrapper(io.BufferedWriter(io.FileIO(1, "w", closefd=False), 1 << 16),
                                  encoding="utf-8", errors="surrogateescape")
    sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8",
                                  errors="backslashreplace", write_through=True)
    code = 1  # whatever escapes below (even from the error report) is a failure, never exit 0
    try:
        try:
            exec(compile(script, "main.py", "exec"), {"__name__": "__main__", "__builtins__": builtins})
            code = 0
        except SystemExit as exc:
            code = exc.code if type(exc.code) is int else (0 if exc.code is None else 1)
        except BaseException as exc:
            code = 1
            try:
                os.write(2, ("%s: %s\n" % (type(exc).__name__, str(exc)[:500])).encode("utf-8", "replace"))
            except BaseException:
                pass
        try:
            sys.stdout.flush()
        except BaseException:
            code = code or 1
    finally:
        os._exit(code & 0xFF if type(code) is int else 1)
