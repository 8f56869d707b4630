"""Built-in output checkers of whole programs, run on the trusted side (docs/suite-format.md).
Layer 3 (cases): imports nothing of the harness.

check(kind, expected, output) -> (verdict, points, detail): verdict "passed" or "failed", points
in [0, 1]. `expected` and `output` are bytes; nothing here executes them."""
import math


def _tokens(data):
    return data.split()


def _lines(data):
    lines = [line.rstrip() for line in data.split(b"\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _show(token):
    text = token[:40].decode("utf-8", "replace")
    return repr(text) + ("..." if len(token) > 40 else "")


def exact(expected, output):
    """Byte-identical, except that a trailing newline may be missing or extra."""
    if expected.rstrip(b"\n") == output.rstrip(b"\n"):
        return None
    limit = min(len(expected), len(output))
    at = next((i for i in range(limit) if expected[i] != output[i]), limit)
    line = expected[:at].count(b"\n") + 1
    return "output differs from the expected output at byte %d (line %d)" % (at, line)


def tokens(expected, output):
    """The same whitespace-separated tokens."""
    want, got = _tokens(expected), _tokens(output)
    for i, (a, b) in enumerate(zip(want, got)):
        if a != b:
            return "token %d: expected %s, got %s" % (i + 1, _show(a), _show(b))
    if len(want) != len(got):
        return "expected %d tokens, got %d" % (len(want), len(got))
    return None


def _number(token):
    try:
        value = float(token)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def floats(epsilon):
    """Tokens; where the expected token is a number, the output's must be within `epsilon`,
    absolute or relative (as testlib's doubleCompare); other tokens compare exactly."""
    def compare(expected, output):
        want, got = _tokens(expected), _tokens(output)
        if len(want) != len(got):
            return "expected %d tokens, got %d" % (len(want), len(got))
        for i, (a, b) in enumerate(zip(want, got)):
            x = _number(a)
            if x is None:
                if a != b:
                    return "token %d: expected %s, got %s" % (i + 1, _show(a), _show(b))
                continue
            y = _number(b)
            if y is None:
                return "token %d: expected a number near %s, got %s" % (i + 1, _show(a), _show(b))
            if abs(x - y) > epsilon * max(1.0, abs(x)) + 1e-15:
                return "token %d: expected %s, got %s (tolerance %g)" % (i + 1, _show(a), _show(b), epsilon)
        return None
    return compare


def lines_unordered(expected, output):
    """The same lines in any order (trailing spaces and trailing empty lines ignored)."""
    want, got = sorted(_lines(expected)), sorted(_lines(output))
    if want == got:
        return None
    if len(want) != len(got):
        return "expected %d lines, got %d" % (len(want), len(got))
    return "the lines differ (compared in any order)"


def builtin(kind):
    """The comparison function of a built-in checker kind, or None when `kind` is not one."""
    if kind == "exact":
        return exact
    if kind == "tokens":
        return tokens
    if kind == "lines-unordered":
        return lines_unordered
    if type(kind) is str and kind.startswith("float:"):
        try:
            epsilon = float(kind[6:])
        except ValueError:
            return None
        return floats(epsilon) if epsilon >= 0 and math.isfinite(epsilon) else None
    return None


TESTLIB_EXIT = {0: "passed", 1: "failed", 2: "failed", 7: "partial"}


def testlib_outcome(status_code, stderr_text):
    """A checker program's verdict by the testlib convention: exit 0 accepted, 1 wrong answer,
    2 presentation error, 7 partial with `points X` (X in [0, 1]) on stderr; anything else is a
    failure of the checker itself (None)."""
    kind = TESTLIB_EXIT.get(status_code)
    if kind is None:
        return None
    message = stderr_text.strip()[:300]
    if kind == "passed":
        return ("passed", 1.0, None)
    if kind == "failed":
        return ("failed", 0.0, ("presentation error: " if status_code == 2 else "wrong answer: ")
                + message if message else ("presentation error" if status_code == 2 else "wrong answer"))
    for line in stderr_text.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] == "points":
            value = _number(parts[1].encode())
            if value is not None and 0 <= value <= 1:
                return ("passed" if value == 1 else "failed", value,
                        None if value == 1 else "partial: points %g" % value)
    return None
