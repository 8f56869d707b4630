"""After a server was killed and restarted: re-posts every request the killed server had answered
(bench/serve_load.py's log) and checks each comes back from the store with the same verdict."""
import http.client
import json
import sys

port, log_path = sys.argv[1:3]
entries = [json.loads(line) for line in open(log_path)]
conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=300)
lost, changed = 0, 0
for e in entries:
    conn.request("POST", "/v1/judge", json.dumps(e["body"]), {"Content-Type": "application/json"})
    answer = json.loads(conn.getresponse().read())
    lost += not answer["cached"]
    changed += answer["verdict"] != e["verdict"]
print(f"answered before the kill: {len(entries)}; not in the store after restart: {lost}; verdict changed: {changed}")
sys.exit(1 if lost or changed else 0)
