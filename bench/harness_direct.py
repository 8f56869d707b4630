#!/usr/bin/env python3
"""Drives the Python harness directly (no .NET engine): the throughput of the workers alone.

Usage: harness_direct.py [--python EXE] [--workers N] [--copies C] [--isolation bwrap|plain]
                         [--harness DIR] HumanEval.jsonl.gz
Sends the same requests as `perfjudge eval` (program = prompt + completion + a per-copy comment,
HumanEval test, default limits) to N workers from N threads; prints samples/s, the driver's CPU,
and per-sample means of what the harness reports (candidate CPU, minor faults, calls).
Run it under bench/cpu_split.py to split the CPU by process role.
"""
import argparse, gzip, json, os, subprocess, sys, threading, time

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--python", default="/root/.pyenv/versions/3.11.7/bin/python3.11")
ap.add_argument("--workers", type=int, default=2)
ap.add_argument("--copies", type=int, default=10)
ap.add_argument("--isolation", default="bwrap")
ap.add_argument("--harness", default=os.path.join(os.path.dirname(here), "src/PerfJudge/Runners/Python"))
ap.add_argument("--pin", action="store_true", help="pin worker i (all its processes) to CPU i %% ncpu")
ap.add_argument("data")
a = ap.parse_args()
with gzip.open(a.data, "rt") as f:
    tasks = [json.loads(l) for l in f if l.strip()]
limits = {"wall_seconds": 10.0, "cpu_seconds": 10.0, "memory_bytes": 1 << 31, "file_bytes": 1 << 24,
          "output_bytes": 1 << 20, "processes": 64}
requests = [{"program": t["prompt"] + t["canonical_solution"] + "\n# copy %d\n" % c, "entry_point": t["entry_point"],
             "test": t["test"], "prompt": t["prompt"], "limits": limits}
            for c in range(a.copies) for t in tasks]
py = os.path.realpath(a.python)
prefix = os.path.realpath(os.path.join(os.path.dirname(py), ".."))


def command(i):
    inner = ["/usr/bin/setarch", "-R", py, "-s", "-S"]
    env = {"PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
           "PERFJUDGE_UID_BASE": str(2_000_000_000 + i * 1_000_000), "PERFJUDGE_CPU": str(i % os.cpu_count())}
    if a.isolation == "plain":
        scratch = "/tmp/pjdirect-%d-%d" % (os.getpid(), i)
        os.makedirs(scratch, exist_ok=True)
        os.chmod(scratch, 0o755)
        env["PERFJUDGE_SCRATCH"] = scratch
        return inner + [a.harness + "/harness.py"], env
    env["PERFJUDGE_SCRATCH"] = "/tmp"
    args = ["bwrap", "--ro-bind", "/usr", "/usr"]
    for d in ("/bin", "/lib", "/lib64", "/sbin"):
        if os.path.exists(d):
            args += ["--ro-bind", d, d]
    args += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    parts = prefix.split("/")
    for k in range(2, len(parts)):
        args += ["--perms", "0755", "--dir", "/".join(parts[:k])]
    args += ["--ro-bind", prefix, prefix, "--ro-bind", a.harness, "/perfjudge",
             "--proc", "/proc", "--dev", "/dev", "--size", "268435456", "--tmpfs", "/tmp",
             "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
             "--die-with-parent", "--new-session", "--clearenv", "--cap-drop", "ALL"]
    for cap in ("CAP_SETUID", "CAP_SETGID", "CAP_KILL", "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_SYS_PTRACE"):
        args += ["--cap-add", cap]
    for k, v in env.items():
        args += ["--setenv", k, v]
    return args + inner + ["/perfjudge/harness.py"], {}


results = [None] * len(requests)
lock = threading.Lock()
next_i = [0]


def work(i):
    cmd, env = command(i)
    if a.pin:
        cmd = ["taskset", "-c", str(i % os.cpu_count())] + cmd
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env or None)
    hello = p.stdout.readline()
    assert b"hello" in hello, hello
    started[i] = time.perf_counter()
    while True:
        with lock:
            k = next_i[0]
            next_i[0] += 1
        if k >= len(requests):
            break
        body = json.dumps(dict(requests[k], id=k)).encode()
        p.stdin.write(b"%d\n" % len(body) + body)
        p.stdin.flush()
        results[k] = json.loads(p.stdout.readline())
    p.stdin.close()
    p.wait()


started = [0.0] * a.workers
c0, t0 = time.process_time(), time.perf_counter()
threads = [threading.Thread(target=work, args=(i,)) for i in range(a.workers)]
for t in threads:
    t.start()
for t in threads:
    t.join()
t1, c1 = time.perf_counter(), time.process_time()
n = len(requests)
first = min(started) - t0
bad = [r for r in results if r["verdict"] != "passed"]
mean = lambda key: sum(r.get(key, 0) for r in results) / n
print("%s %s workers=%d: %d samples in %.2f s = %.0f/s (start %.2f s; after start %.0f/s); passed %d; driver cpu %.2f s;"
      " per sample: candidate cpu %.2f ms, faults %.0f, calls %.1f, harness wall %.2f ms"
      % (a.isolation, sys.version.split()[0] if False else os.path.basename(py), a.workers, n, t1 - t0, n / (t1 - t0),
         first, n / (t1 - t0 - first), n - len(bad), c1 - c0,
         1000 * (mean("cpu_user_s") + mean("cpu_sys_s")), mean("minor_faults"), mean("calls"), 1000 * mean("wall_s")))
if bad:
    print("not passed:", bad[:3])
