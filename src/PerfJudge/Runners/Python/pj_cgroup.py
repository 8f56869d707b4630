"""Per-candidate control groups: limits, peak memory and CPU from the kernel, and no leftovers.

The engine (trusted, outside the sandbox) creates one folder per worker in each hierarchy it
uses and binds it writable into the sandbox (Sandbox/CgroupTree.cs); the worker learns them from
PERFJUDGE_CGROUPS ("v1:memory=/cgroup/memory,pids=...", or "v2:unified=/cgroup/unified"),
read here at import time, before the zygote clears its environment. Only used when candidates run
under a uid of their own: every folder and file here is root's, so a candidate can neither write
its limits nor move itself (or a child) into another group, which needs write access to the
target's cgroup.procs.

    enter(serial, limits)  the forked candidate, still trusted (before its program arrives and
                           before it drops its uid), makes c<serial> in each hierarchy, writes the
                           limits and moves itself in; children it forks later stay inside.
    collect(serial)        the checker, after reaping the candidate: kills whatever is left in the
                           group (processes that left the process group or changed session are
                           still members), reads peak memory, CPU and OOM kills, removes the group.

c<serial> stays available until collect, so a later cost meter can read its cpu.stat / cpuacct.
"""
import os
import signal

_VERSION = None
_DIRS = {}


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


def _groups(serial):
    return {name: os.path.join(d, "c%d" % serial) for name, d in _DIRS.items()}


def enter(serial, limits):
    """Called in the candidate before its program arrives. Returns the controls now in force
    for it (name -> mechanism); raises OSError when the groups cannot be made."""
    if not _VERSION:
        return {}
    groups = _groups(serial)
    for path in groups.values():
        try:
            os.mkdir(path, 0o755)
        except FileExistsError:  # a previous worker with the same serial died before cleaning
            collect(serial)
            os.mkdir(path, 0o755)
    mem, procs = limits["memory_bytes"], limits["processes"]
    if _VERSION == "v1":
        _write(groups["memory"] + "/memory.limit_in_bytes", mem)
        try:
            _write(groups["memory"] + "/memory.memsw.limit_in_bytes", mem)  # no swap beyond it
        except OSError:
            pass
        _write(groups["pids"] + "/pids.max", procs)
        if "cpu" in groups:
            _write(groups["cpu"] + "/cpu.cfs_period_us", 100000)
            _write(groups["cpu"] + "/cpu.cfs_quota_us", 100000)  # one core at most
    else:
        g = groups["unified"]
        _write(g + "/memory.max", mem)
        try:
            _write(g + "/memory.swap.max", 0)
        except OSError:
            pass
        _write(g + "/pids.max", procs)
        try:
            _write(g + "/cpu.max", "100000 100000")
        except OSError:
            pass
    me = str(os.getpid())
    for path in groups.values():
        _write(path + "/cgroup.procs", me)
    kind = version()
    return {"memory": kind, "processes": kind, "cpu": kind}


def _members(path):
    text = _read(path + "/cgroup.procs") or ""
    return [int(p) for p in text.split()]


def _kill_all(path):
    """Kills every member; they cannot leave the group, so repeating until it is empty ends."""
    if os.path.exists(path + "/cgroup.kill"):
        try:
            _write(path + "/cgroup.kill", 1)
        except OSError:
            pass
    for _ in range(100):
        members = _members(path)
        if not members:
            return 0
        for pid in members:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        os.sched_yield()
    return len(_members(path))


def _field(text, key):
    for line in (text or "").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == key:
            return int(parts[1])
    return None


def _number(path):
    text = _read(path)
    try:
        return int(text.split()[0]) if text else None
    except ValueError:
        return None


def stats(serial):
    """Peak memory (bytes), CPU (ns) and OOM kills of the candidate's group, as far as known."""
    if not _VERSION:
        return {}
    g = _groups(serial)
    if _VERSION == "v1":
        return {"peak_memory_bytes": _number(g["memory"] + "/memory.max_usage_in_bytes"),
                "cgroup_cpu_ns": _number(g["cpuacct"] + "/cpuacct.usage") if "cpuacct" in g else None,
                "oom_kills": _field(_read(g["memory"] + "/memory.oom_control"), "oom_kill")}
    u = g["unified"]
    usage = _field(_read(u + "/cpu.stat"), "usage_usec")
    return {"peak_memory_bytes": _number(u + "/memory.peak"),
            "cgroup_cpu_ns": usage * 1000 if usage is not None else None,
            "oom_kills": _field(_read(u + "/memory.events"), "oom_kill")}


def oom_killed(serial):
    return bool(stats(serial).get("oom_kills"))


def collect(serial):
    """Kills what is left of the candidate, reads its statistics and removes its groups."""
    if not _VERSION:
        return {}
    groups = _groups(serial)
    if not all(os.path.isdir(p) for p in groups.values()):
        return {}
    left = max(len(_members(p)) for p in groups.values())
    for path in groups.values():
        _kill_all(path)
    result = stats(serial)
    result["leftover_processes"] = left
    for path in groups.values():
        for _ in range(50):
            try:
                os.rmdir(path)  # a cgroup folder holds no candidate files: rmdir cannot be redirected
                break
            except FileNotFoundError:
                break
            except OSError:
                _kill_all(path)
                os.sched_yield()
    return result
