#!/usr/bin/env python3
"""What more rounds buy (docs/enamel-fidelity.md, stop 26): from two runs' raw per-round dumps with
many rounds (run.sh OUT SET ROUNDS), per-task efficiency under ENAMEL's protocol re-scored from
disjoint blocks of k rounds, and the mean absolute difference (MAD) between block j of run 1 and
block j of run 2, averaged over the blocks; the same between the two halves of ONE run (if they
differ as much as two runs do, the noise is round to round and more rounds reduce it); and the
protocol's extra rounds (after 6, more while the rounds after the first fit a budget per measured
program) simulated from the dumped wall time of each round; and the share of a round's wall time
spent in measured windows.
Tasks whose sample failed in some round are left out (counted).
Usage: blocks.py ROUNDS1.jsonl ROUNDS2.jsonl"""
import statistics
import sys

from estimators import ESTIMATORS, efficiency, load


def block(task, idx):
    """The task's dump restricted to the rounds in idx, in that order."""
    out = dict(task)
    out["refs"] = [[r[i] for i in idx] for r in task["refs"]]
    out["samples"] = [[r[i] for i in idx] for r in task["samples"]]
    out["null"] = [task["null"][i] for i in idx] if task["null"] else task["null"]
    for key in ("samples_exceeded", "samples_verdict"):
        out[key] = [[r[i] for i in idx] for r in task[key]]
    return out


def mad(a, b, tasks, idx_a, idx_b, estimate):
    return statistics.mean(abs(efficiency(block(a[t], idx_a), estimate, len(idx_a)) -
                               efficiency(block(b[t], idx_b), estimate, len(idx_b))) for t in tasks)


def window_seconds(task):
    """Per round, the seconds of all measured windows: every program's (references, null program,
    samples) per-call time on each case times the case's calls in its window."""
    sizes = task.get("batch_sizes") or [1] * len(task["levels"])
    programs = list(task["refs"]) + ([task["null"]] if task["null"] else []) + list(task["samples"])
    return [sum(sum((t or 0.0) * n for t, n in zip((p[r] if r < len(p) else None) or [], sizes)) for p in programs)
            for r in range(len(task["round_wall"]))]


def time_shares(name, run):
    """Where a round's wall time goes (docs/enamel-fidelity.md, stop 26, item 3): the measured
    windows against the round's wall time, over the rounds after the first (the first also
    calibrates and generates batch inputs), and the tasks with the costliest rounds."""
    rows = []
    for t, task in run.items():
        if "round_wall" not in task or len(task["round_wall"]) < 2:
            continue
        rows.append((statistics.mean(task["round_wall"][1:]), statistics.mean(window_seconds(task)[1:]), t))
    if not rows:
        return
    wall, windows = sum(r[0] for r in rows), sum(r[1] for r in rows)
    print("%s: measured windows %.1f of %.1f s per round summed over %d tasks (%.0f%%); costliest rounds: %s"
          % (name, windows, wall, len(rows), 100 * windows / wall,
             ", ".join("%s %.2f s (windows %.3f s)" % (t, w, x) for w, x, t in sorted(rows, reverse=True)[:4])))


def main():
    a, b = load(sys.argv[1]), load(sys.argv[2])
    time_shares("run 1", a)
    time_shares("run 2", b)
    rounds = min(len(t["refs"][0]) for t in list(a.values()) + list(b.values()))
    both = sorted(set(a) & set(b))
    tasks = [t for t in both if all(len(x[t]["samples"][0]) >= rounds for x in (a, b))]
    print("%d tasks with %d rounds in both runs (%d left out: a sample failed)" % (len(tasks), rounds, len(both) - len(tasks)))
    half = rounds // 2
    first, second = list(range(half)), list(range(half, 2 * half))
    hl = ESTIMATORS["hodges-lehmann"]
    print("%d-round blocks, Hodges-Lehmann: within run 1 (first vs second half) %.4f, within run 2 %.4f; "
          "between the runs, first halves %.4f, second halves %.4f"
          % (half, mad(a, a, tasks, first, second, hl), mad(b, b, tasks, first, second, hl),
             mad(a, b, tasks, first, first, hl), mad(a, b, tasks, second, second, hl)))
    for name, estimate in ESTIMATORS.items():
        row = []
        for k in (3, 6, 9, 12, 18, 24):
            if k > rounds:
                continue
            blocks = [list(range(j * k, (j + 1) * k)) for j in range(rounds // k)]
            row.append("k=%d %.4f (%d)" % (k, statistics.mean(mad(a, b, tasks, x, x, estimate) for x in blocks), len(blocks)))
        print("%-15s MAD over disjoint blocks of k rounds (blocks): %s" % (name, "  ".join(row)))
    if all("round_wall" in a[t] for t in tasks):
        wall = {t: statistics.median(a[t]["round_wall"][1:]) for t in tasks}
        print("extra rounds simulated (6, then more while the rounds after the first fit the budget for 3 programs):")
        for budget in (1.0, 2.0, 3.0):
            ks = {t: max(6, min(rounds, 1 + int(3 * budget / max(wall[t], 1e-3)))) for t in tasks}
            m = statistics.mean(abs(efficiency(block(a[t], list(range(ks[t]))), hl, ks[t]) -
                                    efficiency(block(b[t], list(range(ks[t]))), hl, ks[t])) for t in tasks)
            cost = sum(ks[t] * wall[t] for t in tasks) / sum(6 * wall[t] for t in tasks)
            print("  %.1f s per program: MAD %.4f, mean rounds %.1f, round time x%.2f of 6 rounds"
                  % (budget, m, statistics.mean(ks.values()), cost))


if __name__ == "__main__":
    main()
