"""Wire formats: the engine's requests, and the frames between the trusted checker and a
candidate process (docs/wire.md). Layer 0 (wire and literals): imports nothing of the harness.

Engine -> checker: "LENGTH\n" + a JSON request on fd 0 (read_request); replies are written by the
checker's main loop (harness.py), one JSON line each.
Checker -> candidate: marshal frames (fast, exact built-in types; the receiver is the untrusted
side, so it is the one that trusts the bytes). Candidate -> checker: JSON frames whose containers
are tagged arrays; the checker decodes them strictly into built-in plain types by exact type, so a
candidate can send any bytes but never an object of its own (an always-equal object cannot even be
expressed). Both internal frames are a 4-byte big-endian length and the body.
"""
import json
import marshal
import math
import os
import re
import select
import struct
import time

MAX_FRAME = 64 << 20
_SCALARS = (type(None), bool, int, float, str)
# Ints longer than this many bits travel as ["x", hex digits]: int <-> hex text is linear, while
# int <-> decimal text is quadratic in CPython (a million-digit result took minutes).
BIG_INT_BITS = 1 << 14


def encode(value, depth=0):
    if depth > 200:
        raise TypeError("value nested deeper than 200 levels")
    t = type(value)
    if value is None or t is bool or t is str:
        return value
    if t is int:
        return value if value.bit_length() <= BIG_INT_BITS else ["x", format(value, "x")]
    if t is float:
        if value != value:
            return ["nan"]
        if value in (math.inf, -math.inf):
            return ["inf", 1 if value > 0 else -1]
        return value
    if t is list or t is tuple:
        tag = "l" if t is list else "t"
        # Fast path: a flat sequence of finite scalars (and ints of usual size) is sent as is.
        if all(type(v) in _SCALARS and (type(v) is not float or math.isfinite(v))
               and (type(v) is not int or v.bit_length() <= BIG_INT_BITS) for v in value):
            return [tag, *value]
        return [tag] + [encode(v, depth + 1) for v in value]
    if t is dict:
        out = ["d"]
        for k, v in value.items():
            out.append(encode(k, depth + 1))
            out.append(encode(v, depth + 1))
        return out
    if t is set:
        return ["s"] + [encode(v, depth + 1) for v in value]
    if t is frozenset:
        return ["f"] + [encode(v, depth + 1) for v in value]
    if t is bytes:
        return ["b", value.hex()]
    if t is complex:
        return ["c", encode(value.real), encode(value.imag)]
    raise TypeError("not plain data: %s" % t.__name__)


_HEX = re.compile(r"-?[0-9a-f]{1,%d}" % (MAX_FRAME,))


class BadData(Exception):
    """The peer sent something that is not a well-formed plain-data value."""


def decode(obj, depth=0):
    if depth > 200:
        raise BadData("nested deeper than 200 levels")
    t = type(obj)
    if obj is None or t is bool or t is str or t is int or t is float:
        return obj
    if t is not list or not obj or type(obj[0]) is not str:
        raise BadData("unexpected %s" % t.__name__)
    tag = obj[0]
    items = obj[1:]
    if tag == "l" or tag == "t":
        if all(type(v) in _SCALARS for v in items):
            return items if tag == "l" else tuple(items)
        values = [decode(v, depth + 1) for v in items]
        return values if tag == "l" else tuple(values)
    if tag == "s":
        return set(decode(v, depth + 1) for v in items)
    if tag == "f":
        return frozenset(decode(v, depth + 1) for v in items)
    if tag == "d":
        if len(items) % 2:
            raise BadData("odd dict")
        return {decode(items[i], depth + 1): decode(items[i + 1], depth + 1)
                for i in range(0, len(items), 2)}
    if tag == "nan" and not items:
        return math.nan
    if tag == "inf" and len(items) == 1 and items[0] in (1, -1):
        return math.inf * items[0]
    if tag == "x" and len(items) == 1 and type(items[0]) is str and _HEX.fullmatch(items[0]):
        return int(items[0], 16)
    if tag == "b" and len(items) == 1 and type(items[0]) is str:
        return bytes.fromhex(items[0])
    if tag == "c" and len(items) == 2:
        re_, im = decode(items[0], depth + 1), decode(items[1], depth + 1)
        if type(re_) is not float or type(im) is not float:
            raise BadData("bad complex")
        return complex(re_, im)
    raise BadData("unknown tag")


def _reject_objects(_pairs):
    raise BadData("JSON objects are not part of the protocol")


# Built once: json.loads with a hook builds a new decoder per call, which was half the cost of
# decoding a typical reply (14.0 -> 7.7 us per call; ~10 replies per sample).
_STRICT = json.JSONDecoder(object_pairs_hook=_reject_objects)


def loads_strict(raw):
    """A candidate's frame: UTF-8 JSON (send_json writes ASCII); anything else is a ValueError."""
    return _STRICT.decode(raw.decode("utf-8") if type(raw) is bytes else raw)


def write_all(fd, data):
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def send_json(fd, message):
    """Candidate -> checker."""
    body = json.dumps(message, separators=(",", ":"), allow_nan=False).encode()
    write_all(fd, struct.pack(">I", len(body)) + body)


def send_marshal(fd, message):
    """Checker -> candidate."""
    body = marshal.dumps(message)
    write_all(fd, struct.pack(">I", len(body)) + body)


def read_exact(fd, n, deadline=None):
    chunks = []
    while n:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError()
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                raise TimeoutError()
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise EOFError()
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def recv_json(fd, deadline=None):
    """Checker side: a strict JSON frame from a candidate."""
    (size,) = struct.unpack(">I", read_exact(fd, 4, deadline))
    if size > MAX_FRAME:
        raise BadData("frame of %d bytes exceeds the limit" % size)
    body = read_exact(fd, size, deadline)
    try:
        return loads_strict(body)
    except RecursionError:  # JSON nested deeper than the parser's recursion limit
        raise BadData("nested too deeply")


def recv_marshal(fd):
    """Candidate side: a frame from the trusted checker."""
    (size,) = struct.unpack(">I", read_exact(fd, 4))
    return marshal.loads(read_exact(fd, size))


def read_request():
    """Reads one 'LENGTH\\n' + JSON request from fd 0 without buffering past it."""
    header = b""
    while not header.endswith(b"\n"):
        b = os.read(0, 1)
        if not b:
            return None
        header += b
        if len(header) > 20:
            raise BadData("bad request header")
    return json.loads(read_exact(0, int(header)))
