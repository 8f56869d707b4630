#!/usr/bin/env python3
"""How a split-window run (ENAMEL's protocol) read its costs, from its results document: tasks per
window (split, or round-trip when no null-program run succeeded), tasks and cases measured in
batches, and the samples charged for decoding/encoding work beyond the trust margin
(hidden_charged_s), with that charge's share of the sample's cost (docs/measurement.md, "Split
window"; the fields: docs/results-schema.md).
Usage: bench/window_fields.py RUN.json [RUN.json ...]"""
import json
import sys


def quantiles(values):
    values = sorted(values)
    if not values:
        return "-"
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]
    return "median %.3g, p90 %.3g, max %.3g" % (pick(0.5), pick(0.9), values[-1])


def main(path):
    rows = [r for r in json.load(open(path))["results"] if "window" in r]
    if not rows:
        print("%s: no row carries a window (not a split-window run)" % path)
        return
    tasks = {}
    for r in rows:
        tasks.setdefault(r["task_id"], (r["window"], r.get("batched_cases") or 0))
    fell_back = sorted(t for t, (w, _) in tasks.items() if w == "round-trip")
    batched = [b for _, b in tasks.values() if b > 0]
    print("%s: %d tasks, %d samples" % (path, len(tasks), len(rows)))
    print("  window split %d, round-trip %d%s" % (len(tasks) - len(fell_back), len(fell_back),
                                                 (" (" + ", ".join(fell_back) + ")") if fell_back else ""))
    print("  batched: %d tasks, %d cases" % (len(batched), sum(batched)))
    hidden = [r for r in rows if r.get("hidden_charged_s") is not None]
    charged = [r for r in hidden if r["hidden_charged_s"] > 0]
    print("  hidden_charged_s > 0: %d of %d samples; charge %s s" % (
        len(charged), len(hidden), quantiles([r["hidden_charged_s"] for r in charged])))
    shares = [r["hidden_charged_s"] / r["cost"] for r in charged if r.get("cost")]
    print("  share of the sample's cost: %s" % quantiles(shares))
    for r in sorted(charged, key=lambda r: -r["hidden_charged_s"] / (r.get("cost") or 1e-300))[:5]:
        print("    %s sample %d: %.3g s of %.3g s (%s)" % (r["task_id"], r["sample"], r["hidden_charged_s"],
                                                         r.get("cost") or 0, r["verdict"]))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for p in sys.argv[1:]:
        main(p)
