"""Puts the harness modules on sys.path: PERFJUDGE_HARNESS_DIR (the xunit runner passes the
folder the engine writes), else the source folder of this checkout. Run by hand:
    python3 -m unittest discover -s tests/PerfJudge.Tests/Harness/python -v
"""
import os
import shutil
import subprocess
import sys
import tempfile

HARNESS_DIR = os.environ.get("PERFJUDGE_HARNESS_DIR") or os.path.normpath(os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "src", "PerfJudge", "Runners", "Python"))
if HARNESS_DIR not in sys.path:
    sys.path.insert(0, HARNESS_DIR)
if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(0)  # as harness.py sets it for the worker's processes


def modules():
    """Names of the harness's modules."""
    return sorted(f[:-3] for f in os.listdir(HARNESS_DIR) if f.endswith(".py"))


def source(module):
    with open(os.path.join(HARNESS_DIR, module + ".py"), encoding="utf-8") as f:
        return f.read()


def shape(value):
    """A value's exact types and contents, comparable with ==, NaN included."""
    t = type(value)
    if t in (list, tuple):
        return (t.__name__, [shape(v) for v in value])
    if t is dict:
        return ("dict", [(shape(k), shape(v)) for k, v in value.items()])
    if t in (set, frozenset):
        return (t.__name__, sorted(repr(shape(v)) for v in value))
    if t is float and value != value:
        return ("float", "nan")
    if t is complex:
        return ("complex", shape(value.real), shape(value.imag))
    return (t.__name__, repr(value))


def write_files(work, files):
    """Writes a run's files ({name: str or bytes}) into the directory `work`."""
    for name, data in files.items():
        with open(os.path.join(work, name), "wb") as f:
            f.write(data.encode() if type(data) is str else data)


def count_unsandboxed(files, argv, inputs, cap=None, workdir=None):
    """Runs a callgrind batch (pj_cgcount.batch_files, pj_cgcount.callgrind_argv) as the worker
    runs it, without the sandbox: in a fresh temp dir, without address-space randomisation
    (setarch -R, where it exists), with PYTHONHASHSEED=0; returns pj_cgcount.parse_dumps of the
    dumps. With `cap`, pj_cgcount's watcher stops the run as the sandboxed runner would (polled
    every 0.25 s). `workdir`: a folder to create and run in (removed after), instead of a temp
    dir. For the harness tests and bench/stress_counts, which count outside the sandbox (or with
    the interpreter's flags or the script edited) to test the counting itself."""
    import pj_cgcount  # here: importing this module is what puts the harness on sys.path
    work = tempfile.mkdtemp(prefix="pj-cg-") if workdir is None else workdir
    try:
        if workdir is not None:
            os.makedirs(workdir)
        write_files(work, files)
        setarch = shutil.which("setarch")
        proc = subprocess.Popen(([setarch, "-R"] if setarch else []) + list(argv), cwd=work,
                                env={"PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0"},
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        watch = pj_cgcount._watcher(cap) if cap is not None else None
        stopped = False
        while True:
            try:
                proc.wait(timeout=0.25)
                break
            except subprocess.TimeoutExpired:
                if watch is not None and watch(work):
                    proc.kill()
                    proc.wait()
                    stopped = True
                    break
        err = proc.stderr.read()
        proc.stderr.close()
        if proc.returncode != 0 and not stopped:
            raise RuntimeError("callgrind run ended with status %s: %s" % (
                proc.returncode, err.decode("utf-8", "replace")[-800:]))
        dumps = {}
        for name in os.listdir(work):
            if name.startswith("cg.out."):
                with open(os.path.join(work, name), "rb") as f:
                    dumps[name] = f.read()
        return pj_cgcount.parse_dumps(dumps, inputs, cap)
    finally:
        shutil.rmtree(work, ignore_errors=True)
