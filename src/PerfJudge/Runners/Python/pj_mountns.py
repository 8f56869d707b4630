"""Builds the sandbox's file-system view without bubblewrap, then execs the worker.

Run as the first process of the `namespaces` level, inside `unshare --mount --pid --fork ...`
(as real root, or as root of a new user namespace). It is trusted code and the only code that
runs before the view exists. It does what bubblewrap does for the `bubblewrap` level, from the
same list of operations the engine builds for bubblewrap (WorkerCommand.MountPlan):

    ["ro", src, dst] / ["ro-try", src, dst]  read-only bind mount (-try: skip a missing source)
    ["rw", src, dst]                         writable bind mount (cgroup folders of the worker)
    ["dir", path, mode]                      a directory in the new root
    ["symlink", target, path]                a symbolic link (merged-/usr systems: /bin -> usr/bin)
    ["proc", dst] / ["dev", dst]             a fresh procfs of the new pid namespace / a minimal /dev
    ["tmpfs", dst, size_bytes]               a private tmpfs (/tmp; /dev/shm lives in /dev)

The new root is a tmpfs; after the mounts it is made read-only, `pivot_root` moves into it and
the old root is detached, so no path of the host stays reachable. Then the capability bounding
set is cut to what the trusted harness needs and the worker command (argv after `--`) is exec'd.
Usage: python -s -S pj_mountns.py PLAN_JSON -- command args...
"""
import ctypes
import json
import os
import sys

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MNT_DETACH = 2
# statvfs flags that a bind remount in a user namespace must keep (they are locked).
_LOCKED = {os.ST_NOSUID: MS_NOSUID, os.ST_NODEV: MS_NODEV, os.ST_NOEXEC: MS_NOEXEC}
# Kept in the bounding set (as bubblewrap's --cap-add does at that level): chown, dac_override,
# fowner, kill, setgid, setuid, sys_ptrace, sys_admin (the zygote gives each candidate a new IPC
# namespace; candidates lose every capability when they change uid).
KEEP_CAPS = {0, 1, 3, 5, 6, 7, 19, 21}
PR_CAPBSET_DROP = 24

_libc = ctypes.CDLL(None, use_errno=True)
_libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
_libc.umount2.argtypes = [ctypes.c_char_p, ctypes.c_int]


def _check(ret, what):
    if ret != 0:
        err = ctypes.get_errno()
        raise OSError(err, "%s: %s" % (what, os.strerror(err)))


def mount(src, dst, fstype, flags, data=None):
    enc = lambda s: s.encode() if s is not None else None  # noqa: E731
    _check(_libc.mount(enc(src), enc(dst), enc(fstype), flags, enc(data)),
           "mount %s on %s" % (src, dst))


def bind(src, dst, readonly):
    if os.path.isdir(src):
        os.makedirs(dst, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        open(dst, "a").close()
    mount(src, dst, None, MS_BIND | MS_REC)
    if readonly:
        flags = MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV
        vfs = os.statvfs(dst).f_flag
        for st, ms in _LOCKED.items():
            if vfs & st:
                flags |= ms
        mount(None, dst, None, flags)


def make_dev(dev):
    """bubblewrap's --dev: the harmless device nodes (bound, since mknod needs privilege)."""
    mount("tmpfs", dev, "tmpfs", MS_NOSUID, "mode=0755,size=65536")
    for node in ("null", "zero", "full", "random", "urandom", "tty"):
        if os.path.exists("/dev/" + node):
            bind("/dev/" + node, dev + "/" + node, False)
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"),
                         ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2"),
                         ("ptmx", "pts/ptmx")):
        os.symlink(target, dev + "/" + name)
    # /dev/shm: a directory of root's, mode 0755, as under bubblewrap: candidates cannot write it.
    os.mkdir(dev + "/shm", 0o755)
    os.mkdir(dev + "/pts", 0o755)


def build(root, plan):
    for op in plan:
        kind, dst = op[0], root + op[2 if kind_has_src(op[0]) else 1]
        if kind in ("ro", "ro-try", "rw"):
            if not os.path.lexists(op[1]):
                if kind == "ro-try":
                    continue
                raise OSError("mount source %s does not exist" % op[1])
            bind(op[1], dst, kind != "rw")
        elif kind == "dir":
            os.makedirs(dst, exist_ok=True)
            os.chmod(dst, int(op[2], 8))
        elif kind == "symlink":
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            os.symlink(op[1], dst)
        elif kind == "proc":
            os.makedirs(dst, exist_ok=True)
            mount("proc", dst, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
        elif kind == "dev":
            os.makedirs(dst, exist_ok=True)
            make_dev(dst)
        elif kind == "tmpfs":
            os.makedirs(dst, exist_ok=True)
            mount("tmpfs", dst, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=%d" % op[2])
        else:
            raise ValueError("unknown mount operation %r" % (kind,))


def kind_has_src(kind):
    return kind in ("ro", "ro-try", "rw", "symlink")


def new_root_parent(plan):
    """A host folder to mount the new root's tmpfs on: one no source of the plan lies under
    (covering a source would hide it). Covering it is harmless: this mount namespace is ours."""
    sources = [op[1] for op in plan if kind_has_src(op[0]) and op[0] != "symlink"]
    for cand in ("/mnt", "/media", "/srv", "/run", "/tmp", "/var", "/home", "/opt"):
        if os.path.isdir(cand) and not os.path.islink(cand) and \
                not any(s == cand or s.startswith(cand + "/") for s in sources):
            return cand
    raise OSError("no folder to build the sandbox root on")


def main():
    sep = sys.argv.index("--")
    plan = json.loads(sys.argv[1])
    command = sys.argv[sep + 1:]
    # Nothing mounted here may propagate back to the host's mount namespace.
    mount(None, "/", None, MS_REC | MS_PRIVATE)
    root = new_root_parent(plan)
    mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=1048576")
    build(root, plan)
    mount(None, root, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
    os.chdir(root)
    number = {"x86_64": 155, "aarch64": 41}.get(os.uname().machine)
    if number is None:
        raise OSError("pivot_root: unknown system call number on %s" % os.uname().machine)
    _check(_libc.syscall(number, b".", b"."), "pivot_root")  # pivot_root(".", "."), man 2 pivot_root
    _check(_libc.umount2(b".", MNT_DETACH), "detach old root")
    os.chdir("/")
    for cap in range(64):
        if cap not in KEEP_CAPS:
            _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)  # EINVAL past the last cap: harmless
    try:
        os.setsid()  # as bubblewrap's --new-session: no TIOCSTI into the engine's terminal
    except OSError:
        pass
    os.execv(command[0], command)


if __name__ == "__main__":
    try:
        main()
    except BaseException as exc:
        sys.stderr.write("perfjudge sandbox setup: %s\n" % (exc,))
        os._exit(71)
