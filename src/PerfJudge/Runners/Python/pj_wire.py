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
import sys
import time
from collections import Counter

MAX_FRAME = 64 << 20
# Decoding decimal digits is quadratic (CPython 3.11: 3 million digits take minutes), so a
# candidate's JSON may carry integers of at most this many digits (Python's own default limit);
# larger ones travel as ["i", hex text], which decodes in linear time, up to MAX_INT_HEX digits
# (4 Mi hex digits, about 5 million decimal digits, decode in about 15 ms; HumanEval+/83 and 139
# have correct answers of hundreds of thousands of digits).
MAX_INT_DIGITS = 4300
MAX_INT_HEX = 1 << 22
_BIG_BITS = 14000  # encode: ints of more bits than this (> ~4214 decimal digits) go as hex
_BIG = 1 << _BIG_BITS
# A set or dict whose items share one hash takes quadratic time to build (ints k * (2**61 - 1)
# all hash to 0; tuples of small ints can be made to collide too): more than this many items
# with one hash is bad data.
MAX_SAME_HASH = 64
_SCALARS = (type(None), bool, int, float, str)


def encode(value, depth=0):
    if depth > 200:
        raise TypeError("value nested deeper than 200 levels")
    t = type(value)
    if t is int:
        if value.bit_length() > _BIG_BITS:
            return ["i", format(value, "x")]
        return value
    if value is None or t is bool or t is str:
        return value
    if t is float:
        if value != value:
            return ["nan"]
        if value in (math.inf, -math.inf):
            return ["inf", 1 if value > 0 else -1]
        return value
    if t is list or t is tuple:
        tag = "l" if t is list else "t"
        # Fast path: a flat sequence of finite scalars is sent as is.
        if all(type(v) in _SCALARS and (type(v) is not float or math.isfinite(v))
               and (type(v) is not int or -_BIG < v < _BIG) for v in value):
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


_HEX = re.compile(r"-?[0-9a-f]+")


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
    if tag == "s" or tag == "f":
        values = _hashable([decode(v, depth + 1) for v in items])
        return set(values) if tag == "s" else frozenset(values)
    if tag == "d":
        if len(items) % 2:
            raise BadData("odd dict")
        keys = _hashable([decode(items[i], depth + 1) for i in range(0, len(items), 2)])
        return dict(zip(keys, [decode(items[i], depth + 1) for i in range(1, len(items), 2)]))
    if tag == "i" and len(items) == 1 and type(items[0]) is str and 0 < len(items[0]) <= MAX_INT_HEX + 1:
        if not _HEX.fullmatch(items[0]):
            raise BadData("bad integer")
        return int(items[0], 16)
    if tag == "nan" and not items:
        return math.nan
    if tag == "inf" and len(items) == 1 and items[0] in (1, -1):
        return math.inf * items[0]
    if tag == "b" and len(items) == 1 and type(items[0]) is str:
        return bytes.fromhex(items[0])
    if tag == "c" and len(items) == 2:
        re_, im = decode(items[0], depth + 1), decode(items[1], depth + 1)
        if type(re_) is not float or type(im) is not float:
            raise BadData("bad complex")
        return complex(re_, im)
    raise BadData("unknown tag")


def _hashable(values):
    """The items of a set or dict to be, refused when too many share one hash (see MAX_SAME_HASH)."""
    if len(values) > MAX_SAME_HASH:
        try:
            worst = max(Counter(map(hash, values)).values())
        except TypeError:
            raise BadData("unhashable item")
        if worst > MAX_SAME_HASH:
            raise BadData("%d items of a set or dict share one hash" % worst)
    return values


def _reject_objects(_pairs):
    raise BadData("JSON objects are not part of the protocol")


# Built once: json.loads with a hook builds a new decoder per call, which was half the cost of
# decoding a typical reply (14.0 -> 7.7 us per call; ~10 replies per sample).
_STRICT = json.JSONDecoder(object_pairs_hook=_reject_objects)


def loads_strict(raw):
    """A candidate's frame: UTF-8 JSON (send_json writes ASCII); anything else is a ValueError,
    and so is an integer of more than MAX_INT_DIGITS digits (refused before it is converted)."""
    text = raw.decode("utf-8") if type(raw) is bytes else raw
    if not hasattr(sys, "get_int_max_str_digits"):  # before 3.9.14 / 3.10.7: no limit to set
        return _STRICT.decode(text)
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(MAX_INT_DIGITS)
    try:
        return _STRICT.decode(text)
    finally:
        sys.set_int_max_str_digits(limit)


def write_all(fd, data, deadline=None):
    """Writes everything; with a deadline (the checker's writes to a candidate, whose pipe end it
    has made non-blocking) a reader that stops reading is a TimeoutError, not a hang."""
    view = memoryview(data)
    while view:
        try:
            view = view[os.write(fd, view):]
        except BlockingIOError:
            pass
        if view and deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([], [fd], [], left)[1]:
                raise TimeoutError()


def send_json(fd, message):
    """Candidate -> checker."""
    body = json.dumps(message, separators=(",", ":"), allow_nan=False).encode()
    write_all(fd, struct.pack(">I", len(body)) + body)


def send_marshal(fd, message, deadline=None):
    """Checker -> candidate."""
    body = marshal.dumps(message)
    write_all(fd, struct.pack(">I", len(body)) + body, deadline)


def read_exact(fd, n, deadline=None, drain=None):
    """n bytes from fd. With a deadline, waits with select; `drain` (an object with .fd and
    .drain()) is served while waiting: the candidate's output pipe, counted as it is written."""
    chunks = []
    while n:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError()
            watch = [fd] if drain is None or drain.fd is None else [fd, drain.fd]
            ready, _, _ = select.select(watch, [], [], left)
            if not ready:
                raise TimeoutError()
            if fd not in ready:
                drain.drain()
                continue
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise EOFError()
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def recv_frame(fd, deadline=None, drain=None):
    """Checker side: the raw bytes of one frame from a candidate."""
    (size,) = struct.unpack(">I", read_exact(fd, 4, deadline, drain))
    if size > MAX_FRAME:
        raise BadData("frame of %d bytes exceeds the limit" % size)
    return read_exact(fd, size, deadline, drain)


def recv_json(fd, deadline=None, drain=None, body=None):
    """Checker side: a strict JSON frame from a candidate (or `body`, a frame already read)."""
    if body is None:
        body = recv_frame(fd, deadline, drain)
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
