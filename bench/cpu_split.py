#!/usr/bin/env python3
"""Runs one command in its own cpuacct cgroup and splits its CPU time by process role.

Usage: cpu_split.py [--json OUT] -- COMMAND...

The cgroup (cgroup v1 cpuacct, or v2 if mounted so) counts every descendant, including the
short-lived candidate processes and processes nobody reaps. Long-lived processes (the engine,
bubblewrap, the zygote and the checker of each worker) are sampled every 20 ms from
/proc/PID/stat; the candidates are what is left (cgroup total minus the long-lived ones).
Prints wall time, the cgroup's user/sys CPU, the machine's idle share (other users of the
machine show up as busy CPU not in our cgroup), and per-role CPU and minor faults.
Needs root (to create the cgroup); the poller itself runs outside the cgroup.
"""
import json
import os
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")
V1 = "/sys/fs/cgroup/cpuacct"


def make_cgroup():
    name = "pjbench-%d" % os.getpid()
    path = os.path.join(V1, name)
    os.mkdir(path)
    return path


def cgroup_cpu(path):
    def ns(f):
        with open(os.path.join(path, f)) as fh:
            return int(fh.read()) / 1e9
    return ns("cpuacct.usage_user"), ns("cpuacct.usage_sys")


def read_stat(pid):
    with open("/proc/%d/stat" % pid) as f:
        raw = f.read()
    comm = raw[raw.index("(") + 1:raw.rindex(")")]
    rest = raw[raw.rindex(")") + 2:].split()
    # fields after comm: state(0) ppid(1) ... minflt(7) majflt(9) utime(11) stime(12) starttime(19)
    return {"comm": comm, "ppid": int(rest[1]), "minflt": int(rest[7]),
            "utime": int(rest[11]) / TICK, "stime": int(rest[12]) / TICK,
            "start": int(rest[19]) / TICK}


def machine_cpu():
    with open("/proc/stat") as f:
        vals = [int(v) for v in f.readline().split()[1:]]
    return sum(vals) / TICK, (vals[3] + vals[4]) / TICK  # total, idle+iowait


def main():
    argv = sys.argv[1:]
    out = None
    if argv[:1] == ["--json"]:
        out, argv = argv[1], argv[2:]
    if argv[:1] == ["--"]:
        argv = argv[1:]
    cg = make_cgroup()
    seen = {}  # (pid, start) -> last stat
    cmdlines = {}
    m0 = machine_cpu()
    t0 = time.monotonic()
    proc = subprocess.Popen(argv, preexec_fn=lambda: open(os.path.join(cg, "cgroup.procs"), "w").write("0"))
    while proc.poll() is None:
        with open(os.path.join(cg, "cgroup.procs")) as f:
            pids = [int(x) for x in f.read().split()]
        for pid in pids:
            try:
                st = read_stat(pid)
            except (OSError, ValueError, IndexError):
                continue
            key = (pid, st["start"])
            if key not in cmdlines:
                try:
                    with open("/proc/%d/cmdline" % pid, "rb") as f:
                        cmdlines[key] = f.read().replace(b"\0", b" ").decode(errors="replace")[:200]
                except OSError:
                    cmdlines[key] = ""
            st["last_seen"] = time.monotonic() - t0
            st.setdefault("first_seen", st["last_seen"])
            if key in seen:
                st["first_seen"] = seen[key]["first_seen"]
            seen[key] = st
        time.sleep(float(os.environ.get("CPU_SPLIT_PERIOD", "0.02")))
    wall = time.monotonic() - t0
    m1 = machine_cpu()
    user, sys_ = cgroup_cpu(cg)
    os.rmdir(cg)
    by_pid = {pid: (key, st) for key, st in seen.items() for pid in [key[0]]}

    def role(key, st):
        if key[0] == proc.pid:
            return "engine (%s)" % st["comm"]
        if st["comm"] == "bwrap":
            return "bwrap"
        if not st["comm"].startswith("python"):
            return "other: " + st["comm"]
        pythons, ppid = 0, st["ppid"]
        while ppid in by_pid and ppid != proc.pid:
            if by_pid[ppid][1]["comm"].startswith("python"):
                pythons += 1
            ppid = by_pid[ppid][1]["ppid"]
        if pythons == 0:
            return "zygote" if "harness.py" in cmdlines.get(key, "") else "startup python (probe)"
        if pythons == 1 and key in checkers:
            return "checker"
        return "candidate (sampled)"
    # The checker is the zygote's first child; candidates are its later ones.
    firsts = {}
    for key, st in seen.items():
        if st["comm"].startswith("python") and key[0] != proc.pid and (st["ppid"] not in firsts or st["start"] < firsts[st["ppid"]][1]["start"]):
            firsts[st["ppid"]] = (key, st)
    checkers = {k for k, st in firsts.values() if st["last_seen"] - st["first_seen"] > 0.3}
    roles = {}
    for key, st in seen.items():
        r = role(key, st)
        agg = roles.setdefault(r, {"n": 0, "user": 0.0, "sys": 0.0, "minflt": 0})
        agg["n"] += 1
        agg["user"] += st["utime"]
        agg["sys"] += st["stime"]
        agg["minflt"] += st["minflt"]
    long_lived = sum(a["user"] + a["sys"] for r, a in roles.items() if not r.startswith("candidate"))
    total = user + sys_
    mach_total, mach_idle = m1[0] - m0[0], m1[1] - m0[1]
    report = {"wall_s": wall, "exit": proc.returncode, "cgroup_user_s": user, "cgroup_sys_s": sys_,
              "cgroup_cpu_s": total, "our_cores_busy": total / wall,
              "machine_busy_cores": (mach_total - mach_idle) / wall,
              "machine_others_cores": max(0.0, (mach_total - mach_idle) - total) / wall,
              "rest_not_long_lived_s": total - long_lived, "roles": roles,
              "timeline": sorted([[round(st["first_seen"], 3), round(st["last_seen"], 3), role(k, st),
                                   cmdlines.get(k, "")[:80]] for k, st in seen.items()])}
    print("wall %.2f s  cgroup cpu %.2f s (user %.2f sys %.2f) = %.2f cores busy; machine busy %.2f cores, others %.2f"
          % (wall, total, user, sys_, total / wall, report["machine_busy_cores"], report["machine_others_cores"]),
          file=sys.stderr)
    for r, a in sorted(roles.items(), key=lambda kv: -(kv[1]["user"] + kv[1]["sys"])):
        print("  %-26s n=%-5d user %6.2f sys %6.2f minflt %d" % (r, a["n"], a["user"], a["sys"], a["minflt"]),
              file=sys.stderr)
    print("  %-26s       cpu %6.2f (cgroup total minus long-lived processes)" % ("rest (candidates etc.)", total - long_lived),
          file=sys.stderr)
    if out:
        with open(out, "w") as f:
            json.dump(report, f, indent=1)
    sys.exit(proc.returncode)


if __name__ == "__main__":
    main()
