"""Load client for `perfjudge serve` (bench/serve_load.sh): N threads post distinct demo samples to
/v1/judge for a given time, then print throughput, latency percentiles and status counts.

Every request is distinct (a trailing comment), so each is judged, not replayed from the store.
Answered requests are appended to a log (one JSON line each: request body, status, verdict), so a
later run can check that nothing answered was lost."""
import http.client
import json
import sys
import threading
import time


def main():
    port, clients, seconds, samples_path, log_path, tag = sys.argv[1:7]
    clients, seconds = int(clients), float(seconds)
    samples = [json.loads(line) for line in open(samples_path)]
    counter = iter(range(10**9))
    lock = threading.Lock()
    latencies, statuses, errors = [], {}, []
    log = open(log_path, "a")
    stop = time.monotonic() + seconds
    nonlocal_stop = [False]

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=300)
        while time.monotonic() < stop and not nonlocal_stop[0]:
            with lock:
                n = next(counter)
            s = samples[n % len(samples)]
            body = {"task_id": s["task_id"], "code": s["completion"] + f"# {tag} {n}\n", "code_kind": "completion"}
            start = time.monotonic()
            try:
                conn.request("POST", "/v1/judge", json.dumps(body), {"Content-Type": "application/json"})
                response = conn.getresponse()
                data = response.read()
            except (OSError, http.client.HTTPException) as e:
                with lock:
                    errors.append(repr(e))
                    if isinstance(e, ConnectionRefusedError):
                        # the server is gone (the kill test): stop instead of hammering a closed port
                        nonlocal_stop[0] = True
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=300)
                time.sleep(0.05)
                continue
            elapsed = time.monotonic() - start
            with lock:
                statuses[response.status] = statuses.get(response.status, 0) + 1
                if response.status == 200:
                    latencies.append(elapsed)
                    answer = json.loads(data)
                    log.write(json.dumps({"body": body, "verdict": answer["verdict"]}) + "\n")
                    log.flush()
            if response.status == 429:
                time.sleep(float(response.getheader("Retry-After", "1")) / 10)

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - started
    latencies.sort()
    pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] if latencies else float("nan")
    answered = statuses.get(200, 0)
    other = {k: v for k, v in statuses.items() if k not in (200, 429)}
    print(f"{clients} clients, {wall:.1f} s: {answered} judged = {answered / wall:.1f} req/s; "
          f"p50 {pct(0.5) * 1000:.0f} ms, p99 {pct(0.99) * 1000:.0f} ms; statuses {dict(sorted(statuses.items()))}; "
          f"connection errors {len(errors)}; errors other than 429: {sum(other.values())}")


if __name__ == "__main__":
    main()
