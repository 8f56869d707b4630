"""Kernel control of candidates through the worker's cgroups: limits on all of a candidate's
processes together, its peak memory and CPU from the kernel, and nothing of it left behind.

The engine (trusted, outside the sandbox) creates one group per worker in each hierarchy it uses
and binds it writable into the sandbox (Sandbox/CgroupTree.cs); the worker learns the folders
from PERFJUDGE_CGROUPS ("v1:memory=/cgroup/memory,pids=...", or "v2:unified=/cgroup/unified"),
read here at import time, before the zygote clears its environment.

    join_worker()      the zygote moves itself into the worker's groups once, after it started
                       the checker (which stays outside). Every candidate it forks is born inside
                       (a fork inherits the group): no candidate is ever migrated. Migration was
                       measured at ~1 ms per v1 hierarchy and takes a system-wide lock that stalls
                       every fork on the machine (cgroup_threadgroup_rwsem), which cut throughput
                       by ~30% when each candidate moved into a group of its own.
    prepare(limits)    the checker, before a candidate's program is sent: writes its limits
                       (memory, processes; no CPU bandwidth: see Sandbox/CgroupTree.cs) and resets the peak and
                       CPU counters, so what they read afterwards is this candidate's. A worker
                       runs one candidate at a time; the idle zygote is the only other member.
    collect(uid, mark) the checker, after reaping the candidate: kills every member of the
                       groups running under the candidate's uid (a process that changed session
                       or process group is still a member, and cannot leave: the groups' files
                       are root's), then reads peak memory, CPU and OOM kills.

Used only when candidates run under a uid of their own (the engine runs as root), so a candidate
can neither change its limits nor move itself out. A later cost meter can read cpuacct / cpu.stat
around a call the same way prepare/collect do.
"""
import os
import signal

_VERSION = None
_DIRS = {}
HEADROOM = 32 << 20  # the zygote's own pages charged after it joined


def _configure(spec):
    global _VERSION
    if not spec or ":" not in spec:
        return
    version, _, rest = spec.partition(":")
    dirs = dict(item.split("=", 1) for item in rest.split(",") if "=" in item)
    if version in ("v1", "v2") and dirs and all(os.path.isdir(d) for d in dirs.values()):
        _VERSION = version
        _DIRS.update(dirs)


_configure(os.environ.get("PERFJUDGE_CGROUPS", ""))


def version():
    """'cgroup-v1', 'cgroup-v2' or None."""
    return "cgroup-" + _VERSION if _VERSION else None


_WRITTEN = {}  # limit file -> value last written: limits rarely change between candidates


def _set(path, value):
    if _WRITTEN.get(path) != value:
        _write(path, value)
        _WRITTEN[path] = value


def _write(path, value):
    fd = os.open(path, os.O_WRONLY | os.O_NOFOLLOW)
    try:
        os.write(fd, str(value).encode())
    finally:
        os.close(fd)


def _read(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode()
    except OSError:
        return None


def _number(path):
    text = _read(path)
    try:
        return int(text.split()[0]) if text else None
    except ValueError:
        return None


def _field(text, key):
    for line in (text or "").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == key:
            return int(parts[1])
    return None


def join_worker():
    """Moves the calling process (the zygote) into the worker's groups; on failure cgroups are
    not used by this worker (limits fall back to rlimits, as the reply's controls then say)."""
    global _VERSION
    if not _VERSION:
        return None
    try:
        for path in _DIRS.values():
            _write(path + "/cgroup.procs", os.getpid())
    except OSError as exc:
        _VERSION = None
        return "cannot join the worker's cgroups: %s" % (exc,)
    return None


def _counters():
    if _VERSION == "v1":
        return {"oom": _field(_read(_DIRS["memory"] + "/memory.oom_control"), "oom_kill") or 0,
                "usage": _number(_DIRS["memory"] + "/memory.usage_in_bytes") or 0}
    u = _DIRS["unified"]
    return {"oom": _field(_read(u + "/memory.events"), "oom_kill") or 0,
            "usage": _number(u + "/memory.current") or 0,
            "cpu_us": _field(_read(u + "/cpu.stat"), "usage_usec") or 0}


def _zygote_joined():
    """Whether the checker's parent, the zygote, is in the groups (it may have failed to join)."""
    global _VERSION
    if _VERSION and not _JOINED:
        zygote = str(os.getppid())
        if all(zygote in (_read(p + "/cgroup.procs") or "").split() for p in _DIRS.values()):
            _JOINED.append(True)
        else:
            _VERSION = None
    return bool(_VERSION)


_JOINED = []


def prepare(limits):
    """Sets the limits for the next candidate and starts its counters; returns a mark for collect."""
    if not _zygote_joined():
        return None
    mem = limits["memory_bytes"] + HEADROOM
    procs = limits["processes"] + 1  # and the zygote
    mark = {}
    if _VERSION == "v1":
        d = _DIRS
        _set(d["memory"] + "/memory.limit_in_bytes", mem)
        _write(d["memory"] + "/memory.max_usage_in_bytes", 0)  # peak := current usage
        _set(d["pids"] + "/pids.max", procs)
        if "cpuacct" in d:
            _write(d["cpuacct"] + "/cpuacct.usage", 0)
    else:
        u = _DIRS["unified"]
        _set(u + "/memory.max", mem)
        _set(u + "/pids.max", procs)
        try:
            _set(u + "/memory.swap.max", 0)
        except OSError:
            pass
        try:  # memory.peak is reset per open file (Linux 6.12+): keep this one for collect
            fd = os.open(u + "/memory.peak", os.O_RDWR)
            os.write(fd, b"reset")
            mark["peak_fd"] = fd
        except OSError:
            pass
    mark.update(_counters())
    return mark


def _kill_uid_members(uid):
    """Kills every member of the groups that runs under UID; they cannot leave, so it ends."""
    found = 0
    for _ in range(100):
        left = 0
        for path in _DIRS.values():
            for pid in (_read(path + "/cgroup.procs") or "").split():
                try:
                    if os.stat("/proc/" + pid).st_uid == uid:
                        left += 1
                        os.kill(int(pid), signal.SIGKILL)
                except OSError:
                    pass
        found = max(found, left)
        if not left:
            break
        os.sched_yield()
    return found


def collect(uid, mark):
    """After the candidate was reaped: kills what is left of it, reads what it used."""
    if not _VERSION or mark is None:
        return {}
    result = {"leftover_processes": _kill_uid_members(uid)}
    now = _counters()
    if _VERSION == "v1":
        peak = _number(_DIRS["memory"] + "/memory.max_usage_in_bytes")
        cpu_ns = _number(_DIRS["cpuacct"] + "/cpuacct.usage") if "cpuacct" in _DIRS else None
    else:
        peak = None
        fd = mark.pop("peak_fd", None)
        if fd is not None:
            try:
                peak = int(os.pread(fd, 64, 0).split()[0])
            except (OSError, ValueError, IndexError):
                pass
            os.close(fd)
        cpu_ns = (now["cpu_us"] - mark["cpu_us"]) * 1000
    # The group's high-water mark less what was charged before the candidate's program arrived.
    result["peak_memory_bytes"] = max(0, peak - mark["usage"]) if peak is not None else None
    result["cgroup_cpu_ns"] = cpu_ns
    result["oom_kills"] = now["oom"] - mark["oom"]
    return result


_KEPT = {}  # counter file -> an fd kept open: pread costs ~2 us where an open+read costs ~15


def _pread(path):
    fd = _KEPT.get(path)
    if fd is None:
        fd = _KEPT[path] = os.open(path, os.O_RDONLY)
    return os.pread(fd, 4096, 0).decode()


def cpu_ns():
    """CPU time used so far by every process in the worker's group (the candidate, all it
    started, the idle zygote), in ns; None without cgroup CPU accounting. A per-call meter over
    this counts work done by a forked child or a helper process, which a per-process clock misses."""
    if _VERSION == "v1" and "cpuacct" in _DIRS:
        return int(_pread(_DIRS["cpuacct"] + "/cpuacct.usage").split()[0])
    if _VERSION == "v2":
        usage = _field(_pread(_DIRS["unified"] + "/cpu.stat"), "usage_usec")
        return usage * 1000 if usage is not None else None
    return None


def cpu_since(mark):
    """CPU ns of the worker's group since prepare(mark) (v1 resets the counter there), or None."""
    if mark is None or not _VERSION:
        return None
    now = cpu_ns()
    if now is None:
        return None
    return now if _VERSION == "v1" else now - mark.get("cpu_us", 0) * 1000


def members():
    """Pids of the processes in the worker's group (the zygote, the candidate and whatever it
    started), or None without cgroups."""
    if not _VERSION:
        return None
    path = (_DIRS.get("pids") or _DIRS.get("memory") or _DIRS.get("unified") or next(iter(_DIRS.values())))
    return [int(p) for p in _pread(path + "/cgroup.procs").split()]


def oom_since(mark):
    """OOM kills in the groups since prepare."""
    if not _VERSION or mark is None:
        return 0
    return _counters()["oom"] - mark["oom"]
