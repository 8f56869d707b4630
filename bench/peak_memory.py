"""Runs a command and reports the peak resident memory (VmHWM, from /proc, polled every 0.2 s) of
its process tree by role, with the wall time and the load average before and after.

  python3 bench/peak_memory.py -- dotnet src/PerfJudge.Cli/bin/Release/net10.0/perfjudge.dll eval ...

Roles: `cli` is the started process itself (the engine); `worker` are the descendants running as
root (bubblewrap, the harness's zygote and its trusted checker); `candidate` are descendants under
other uids (candidates drop to uids of their own when the engine runs as root). A process that
lives less than one poll may be missed; the long-lived CLI and checkers are not. The largest
`worker` figure is the largest checker's (the zygote stays small)."""
import os
import subprocess
import sys
import time


def read_status(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            text = f.read()
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
    hwm = fields.get("VmHWM", " 0 kB").split()[0]
    return int(fields.get("PPid", "0")), int(fields.get("Uid", "0").split()[0]), int(hwm)


def snapshot():
    out = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            status = read_status(int(name))
            if status is not None:
                out[int(name)] = status
    return out


def main():
    argv = sys.argv[1:]
    if argv and argv[0] == "--":
        argv = argv[1:]
    if not argv:
        sys.exit("usage: peak_memory.py -- COMMAND...")
    load_before = os.getloadavg()
    started = time.monotonic()
    proc = subprocess.Popen(argv)
    peaks = {"cli": 0, "worker": 0, "candidate": 0}
    seen = {proc.pid}
    while proc.poll() is None:
        procs = snapshot()
        changed = True
        while changed:  # descendants of the CLI, in any order
            changed = False
            for pid, (ppid, _, _) in procs.items():
                if ppid in seen and pid not in seen:
                    seen.add(pid)
                    changed = True
        for pid in seen & procs.keys():
            _, uid, hwm = procs[pid]
            role = "cli" if pid == proc.pid else ("worker" if uid == 0 else "candidate")
            peaks[role] = max(peaks[role], hwm)
        time.sleep(0.2)
    wall = time.monotonic() - started
    load_after = os.getloadavg()
    sys.stderr.write(
        "peak_memory: exit %d, wall %.1f s, peak RSS cli %.0f MiB, worker %.0f MiB, candidate %.0f MiB; "
        "load average before %.2f %.2f %.2f, after %.2f %.2f %.2f\n"
        % ((proc.returncode, wall) + tuple(peaks[r] / 1024 for r in ("cli", "worker", "candidate"))
           + load_before + load_after))
    sys.exit(proc.returncode)


if __name__ == "__main__":
    main()
