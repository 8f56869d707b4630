"""Helpers that ENAMEL's input generators call. Written from ENAMEL's description of their
behaviour (see shared/data/enamel/README.md); they only need to produce valid, varied inputs.
Layer 3 (cases): imports nothing of the harness."""
import math
import random


def rand_parens(size, valid=True, par="()", sep=""):
    """A random balanced string of par[0]/par[1] of length size (rounded up to even), built from
    top-level groups joined with sep (sep=None returns the list of groups). With valid=False:
    two random balanced halves with par[1] + par[0] between them."""
    if not valid:
        half = max(size // 2 - 1, 0)
        left = rand_parens(half, True, par, "")
        right = rand_parens(half, True, par, "")
        return left + par[1] + par[0] + right
    pairs = (size + 1) // 2
    groups = []
    while pairs > 0:
        n = random.randint(1, pairs)
        pairs -= n
        groups.append(_balanced(n, par))
    if sep is None:
        return groups
    return sep.join(groups)


def _balanced(pairs, par):
    """One top-level group of the given number of pairs: par[0] + random balanced word + par[1]."""
    out, opens, depth = [], pairs - 1, 0
    while opens or depth:
        if opens and (depth == 0 or random.random() < 0.5):
            out.append(par[0])
            opens -= 1
            depth += 1
        else:
            out.append(par[1])
            depth -= 1
    return par[0] + "".join(out) + par[1]


def miller_rabin(n, k=5):
    """Probabilistic primality test with k random witnesses."""
    if n < 2:
        return False
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for _ in range(k):
        a = random.randint(2, n - 2)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def rand_probably_prime(lb, ub=None):
    """A random probable prime drawn uniformly from [lb, ub]; with ub=None from [lb // 2, lb]."""
    if ub is None:
        lb = max(lb, 3)
        lb, ub = lb // 2, lb
    lb = max(lb, 2)
    while True:
        n = random.randint(lb, ub)
        if miller_rabin(n):
            return n


def rand_primality(size, lid, cid):
    """An integer input for primality-style tasks (fixed corner cases on level 0)."""
    if lid == 0:
        fixed = [30031, 561, 2, 125]
        if cid < len(fixed):
            return fixed[cid]
    root = max(math.isqrt(max(size, 4)), 3)
    kind = cid % 3
    if kind == 0:
        return rand_probably_prime(max(size, 3))
    if kind == 1:
        p = rand_probably_prime(root)
        return p * p
    return rand_probably_prime(root) * rand_probably_prime(root)


def namespace():
    """Globals for an ENAMEL generator: the modules it uses and the four helpers."""
    import string
    return {"random": random, "string": string, "math": math, "rand_parens": rand_parens,
            "miller_rabin": miller_rabin, "rand_probably_prime": rand_probably_prime,
            "rand_primality": rand_primality, "__name__": "__generator__"}
