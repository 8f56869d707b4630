"""Hardware (and software) performance counters opened by the trusted checker for a candidate.

perf_event_open(2) on the candidate's pid, user space only, inherited by its threads and children,
opened before the candidate's code is loaded. The candidate never holds the descriptor, and
prctl(PR_TASK_PERF_EVENTS_DISABLE) only stops counters the calling task created itself (checked:
a counter opened by the checker kept counting after the candidate called it). Read with
time_enabled/time_running so that multiplexed counts are scaled.
"""
import ctypes
import os
import struct

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

