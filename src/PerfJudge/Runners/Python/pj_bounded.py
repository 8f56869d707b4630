"""Input generators run in a forked child of the checker with time and memory bounds, so a hang,
a crash or a memory blow-up of a suite's generator costs only the child. Layer 3 (cases): imports
pj_literal."""
import math
import os
import resource
import select
import signal
import time

from pj_literal import dumps


def run_bounded(fn, args, seed_text, timeout, memory_bytes, max_bytes):
    """Calls fn(*args) in a forked child (random seeded with seed_text, memory capped, output to
    /dev/null) and returns ("ok", literal of the argument tuple it returns) or (reason, detail)
    with reason "raised", "timeout" or "too large" (a literal over max_bytes, not read past
    that). The checker never runs a generator in its own process, so a hang, a crash or a memory
    blow-up costs only the child."""
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:
        status = 0
        try:
            os.close(rfd)
            null = os.open("/dev/null", os.O_RDWR)
            os.dup2(null, 0)
            os.dup2(null, 1)  # fd 1 is the checker's result channel
            resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
            cpu = int(math.ceil(timeout)) + 1
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
            import random
            random.seed(seed_text)
            try:
                value = fn(*args)
                if type(value) is not tuple:
                    value = (value,)
                payload = "ok\n" + dumps(value)
            except BaseException as exc:
                payload = "raised\n%s: %s" % (type(exc).__name__, str(exc)[:300])
            data = payload.encode("utf-8", "backslashreplace")
            view = memoryview(data)
            while view:
                view = view[os.write(wfd, view):]
        except BaseException:
            status = 1
        os._exit(status)
    os.close(wfd)
    chunks = []
    size = 0
    deadline = time.monotonic() + timeout
    timed_out = too_large = False
    try:
        while True:
            left = deadline - time.monotonic()
            ready = select.select([rfd], [], [], max(0.0, left))[0] if left > 0 else []
            if not ready:
                timed_out = True
                break
            chunk = os.read(rfd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes + 1024:
                too_large = True
                break
    finally:
        os.close(rfd)
        if timed_out or too_large:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        _, status = os.waitpid(pid, 0)
    if timed_out:
        return "timeout", "no input within %.3g s" % timeout
    if too_large:
        return "too large", "an input over %d bytes" % max_bytes
    text = b"".join(chunks).decode("utf-8", "replace")
    kind, _, body = text.partition("\n")
    if kind == "ok":
        return "ok", body
    if kind == "raised":
        return "raised", body
    if os.WIFSIGNALED(status):
        return "raised", "generator process ended by signal %d" % os.WTERMSIG(status)
    return "raised", "generator process ended without an input (memory?)"
