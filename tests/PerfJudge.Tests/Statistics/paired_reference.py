"""Independent reference values for PairedTestTests (standard library only).

Brute force over all 2^n sign assignments with exact fractions, and the textbook normal
approximation written out from its formula. Run: python3 paired_reference.py
"""
from fractions import Fraction
from itertools import product
import math


def midranks(values):
    a = sorted(abs(v) for v in values)
    return [Fraction(sum(i + 1 for i, x in enumerate(a) if x == abs(v)), a.count(abs(v))) for v in values]


def wilcoxon_exact(d):
    d = [x for x in d if x != 0]
    r = midranks(d)
    w = sum(ri for ri, x in zip(r, d) if x > 0)
    lo = hi = 0
    for signs in product((0, 1), repeat=len(d)):
        s = sum(ri for ri, si in zip(r, signs) if si)
        lo += s <= w
        hi += s >= w
    return float(w), min(Fraction(1), Fraction(2 * min(lo, hi), 2 ** len(d)))


def wilcoxon_normal(d):
    d = [x for x in d if x != 0]
    n = len(d)
    r = midranks(d)
    w = float(sum(ri for ri, x in zip(r, d) if x > 0))
    ties = {}
    for x in d:
        ties[abs(x)] = ties.get(abs(x), 0) + 1
    var = n * (n + 1) * (2 * n + 1) / 24 - sum(t ** 3 - t for t in ties.values()) / 48
    z = max(0.0, abs(w - n * (n + 1) / 4) - 0.5) / math.sqrt(var)
    return n, w, min(1.0, math.erfc(z / math.sqrt(2)))


def sign_flip_exact(d):
    d = [Fraction(x) for x in d if x != 0]
    obs = abs(sum(d))
    hits = sum(abs(sum(x if s else -x for x, s in zip(d, signs))) >= obs for signs in product((0, 1), repeat=len(d)))
    return Fraction(hits, 2 ** len(d))


# Hollander & Wolfe (1973), p. 29: Hamilton depression scale before (x) and after (y) tranquilizer;
# the example of R's wilcox.test help page (V = 40, p-value = 0.03906).
x = [Fraction(s) for s in "1.83 0.50 1.62 2.48 1.68 1.88 1.55 3.06 1.30".split()]
y = [Fraction(s) for s in "0.878 0.647 0.598 2.05 1.06 1.29 1.06 3.14 1.29".split()]
print("depression wilcoxon", wilcoxon_exact([a - b for a, b in zip(x, y)]))

# Darwin's Zea mays, crossed minus self-fertilised heights in eighths of an inch, as analysed by
# Fisher (1935), The Design of Experiments, section 21 (two-sided p about 0.053).
darwin = [49, -67, 8, 16, 6, 23, 28, 41, 14, 29, 56, 24, 75, 60, -48]
p = sign_flip_exact(darwin)
print("darwin sign flip", p, float(p))
print("darwin wilcoxon", wilcoxon_exact(darwin))

ties = [1, -1, 2, 2, 3, -3, 3, 0, 4, 5, 5, -5]
w, p = wilcoxon_exact(ties)
print("ties wilcoxon", w, p, float(p))

large = [((i * 7) % 11) - 4 for i in range(60)]
print("large normal", wilcoxon_normal(large))

mc = [((i * 5) % 9) - 3 + 0.5 * (i % 3) for i in range(20)]
p = sign_flip_exact(mc)
print("twenty sign flip", p, float(p))
