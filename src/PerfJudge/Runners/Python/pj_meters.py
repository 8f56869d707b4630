"""Meters and the one median. Layer 2 (verdicts and meters): imports pj_cgroup (layer 1).

Costs are read by this trusted process from outside the candidate: the kernel's per-process CPU
clock, or performance counters opened on the candidate's pid before its program is loaded
(perf_event_open(2), user space only, inherited by its threads and children; the candidate never
holds the descriptor, and prctl(PR_TASK_PERF_EVENTS_DISABLE) only stops counters the calling task
created itself: checked, a counter opened by the checker kept counting after the candidate called
it). Counters are read with time_enabled/time_running so that multiplexed counts are scaled.
"""
import ctypes
import os
import struct
import time

import pj_cgroup

PERF_TYPE_HARDWARE = 0
PERF_TYPE_SOFTWARE = 1
PERF_COUNT_HW_INSTRUCTIONS = 1
PERF_COUNT_SW_TASK_CLOCK = 1
_SYS_PERF_EVENT_OPEN = 298  # x86_64
_READ_FORMAT = 1 | 2  # TOTAL_TIME_ENABLED | TOTAL_TIME_RUNNING
_ATTR_SIZE = 128

EVENTS = {
    "instructions": (PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS),
    "task-clock": (PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK),
}

_libc = ctypes.CDLL(None, use_errno=True)


def median(values):
    """The sample median: the middle value, or the mean of the two middle values of an even
    count. The same definition as the engine's (MathNet's Median, R-8, in Statistics), so a
    per-case cost from here and a median computed by the engine mean the same statistic."""
    values = sorted(values)
    n = len(values)
    if not n:
        raise ValueError("median of no values")
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def hodges_lehmann(values):
    """The Hodges-Lehmann estimate: the median of the Walsh averages (x_i + x_j) / 2 over all
    i <= j (each value paired with itself too), as ENAMEL's evaluator estimates a case's time
    from its repetitions. Robust like the median, less noisy for small counts."""
    values = list(values)
    n = len(values)
    return median([(values[i] + values[j]) / 2 for i in range(n) for j in range(i, n)])


def estimator(name):
    """The per-case estimator over rounds: "median" or "hodges-lehmann"."""
    return hodges_lehmann if name == "hodges-lehmann" else median


def cpu_ns(pid):
    """On-CPU nanoseconds of a whole process, from the kernel's per-process CPU clock
    (CPUCLOCK_SCHED of the pid, as clock_getcpuclockid would give). It counts every thread,
    including threads that have already exited; a sum over /proc/PID/task/*/schedstat would miss
    those, so work done in a thread that ends before the reading would cost nothing."""
    try:
        return time.clock_gettime_ns(((~pid) << 3) | 2)
    except OSError:
        return None


def open_counter(event, pid):
    """Returns a file descriptor counting `event` for `pid` (user space only), or raises OSError."""
    type_, config = EVENTS[event]
    attr = bytearray(_ATTR_SIZE)
    struct.pack_into("IIQQQQ", attr, 0, type_, _ATTR_SIZE, config, 0, 0, _READ_FORMAT)
    flags = (1 << 1) | (1 << 5) | (1 << 6)  # inherit, exclude_kernel, exclude_hv
    struct.pack_into("Q", attr, 40, flags)
    buf = (ctypes.c_char * _ATTR_SIZE).from_buffer(attr)
    fd = _libc.syscall(_SYS_PERF_EVENT_OPEN, buf, pid, -1, -1, 0)
    if fd < 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))
    return fd


def read_counter(fd):
    """(value scaled for multiplexing, time_enabled ns, time_running ns)."""
    value, enabled, running = struct.unpack("QQQ", os.read(fd, 24))
    if running and running < enabled:
        value = int(value * enabled / running)
    return value, enabled, running


def make_meter(name, cand):
    """A function returning the candidate's cost so far, in the meter's unit: seconds for
    cpu/wall/task-clock, instructions for instructions, or None when the measured process is gone
    (a verdict, never a cost of 0). Any other name is the cpu meter: the CPU time of the worker's
    cgroup when the candidate runs in it (every process it starts is born there and counts), else
    the candidate process's own CPU clock. Counters are opened with `inherit`, so children count.
    Call before the program is loaded (a counter opened later would miss the load)."""
    if name in EVENTS:
        fd = open_counter(name, cand.pid)
        cand.extra_fds.append(fd)
        scale = 1e-9 if name == "task-clock" else 1.0
        return lambda: read_counter(fd)[0] * scale
    if name == "wall":
        return lambda: time.monotonic_ns() * 1e-9
    def cpu():
        ns = pj_cgroup.cpu_ns() if cand.cgroup_mark is not None else None
        if ns is None:
            ns = cpu_ns(cand.pid)
        return ns * 1e-9 if ns is not None else None
    return cpu


def pin(request):
    """Measured programs of this worker all run on the worker's own core (PERFJUDGE_CPU)."""
    cpu = os.environ.get("PERFJUDGE_CPU")
    if cpu is not None and cpu.isdigit():
        request["limits"]["pin_cpu"] = int(cpu)
