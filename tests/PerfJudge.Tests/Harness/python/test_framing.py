"""Framing: the engine's requests on fd 0 ("LENGTH\\n" + JSON) and the checker <-> candidate
frames (4-byte big-endian length + body)."""
import json
import os
import struct
import time
import unittest

import harness_support  # noqa: F401
import pj_wire as W


class Pipe:
    def __enter__(self):
        self.r, self.w = os.pipe()
        return self

    def __exit__(self, *exc):
        for fd in (self.r, self.w):
            try:
                os.close(fd)
            except OSError:
                pass

    def close_writer(self):
        os.close(self.w)


class CandidateFrames(unittest.TestCase):
    def test_a_json_frame_is_a_big_endian_length_and_compact_json(self):
        with Pipe() as p:
            W.send_json(p.w, ["ok", ["l", 1, "é"]])
            raw = os.read(p.r, 1000)
        body = json.dumps(["ok", ["l", 1, "é"]], separators=(",", ":")).encode()
        self.assertEqual(raw, struct.pack(">I", len(body)) + body)

    def test_a_marshal_frame_is_a_big_endian_length_and_marshal(self):
        import marshal
        with Pipe() as p:
            W.send_marshal(p.w, ("call", (1, 2)))
            raw = os.read(p.r, 1000)
        body = marshal.dumps(("call", (1, 2)))
        self.assertEqual(raw, struct.pack(">I", len(body)) + body)

    def test_frames_follow_each_other_without_over_reading(self):
        with Pipe() as p:
            for i in range(3):
                W.send_json(p.w, ["ok", i])
            self.assertEqual([W.recv_json(p.r) for _ in range(3)], [["ok", 0], ["ok", 1], ["ok", 2]])

    def test_a_truncated_frame_is_end_of_file(self):
        for raw in (b"", b"\x00\x00", struct.pack(">I", 10) + b'["ok"', struct.pack(">I", 10)):
            with self.subTest(raw=raw):
                with Pipe() as p:
                    os.write(p.w, raw)
                    p.close_writer()
                    with self.assertRaises(EOFError):
                        W.recv_json(p.r)

    def test_a_frame_over_the_limit_is_refused_before_its_body_is_read(self):
        with Pipe() as p:
            os.write(p.w, struct.pack(">I", W.MAX_FRAME + 1))
            with self.assertRaises(W.BadData):
                W.recv_json(p.r, time.monotonic() + 5)

    def test_a_silent_peer_times_out_at_the_deadline(self):
        with Pipe() as p:
            os.write(p.w, struct.pack(">I", 5) + b"[1")
            started = time.monotonic()
            with self.assertRaises(TimeoutError):
                W.recv_json(p.r, started + 0.2)
            self.assertLess(time.monotonic() - started, 2)

    def test_json_objects_and_non_json_are_refused(self):
        for body in (b'{"a":1}', b'["ok",{"a":1}]'):
            with Pipe() as p:
                os.write(p.w, struct.pack(">I", len(body)) + body)
                with self.assertRaises(W.BadData):
                    W.recv_json(p.r)
        with Pipe() as p:
            os.write(p.w, struct.pack(">I", 3) + b"[1,")
            with self.assertRaises(ValueError):
                W.recv_json(p.r)
        with Pipe() as p:  # Python's JSON tokens NaN/Infinity are read, as plain floats (docs/wire.md)
            os.write(p.w, struct.pack(">I", 3) + b"NaN")
            self.assertIs(type(W.recv_json(p.r)), float)


class EngineRequests(unittest.TestCase):
    """read_request reads fd 0: the tests put a pipe there for a moment."""

    def read_all(self, raw, count):
        saved = os.dup(0)
        r, w = os.pipe()
        try:
            os.write(w, raw)
            os.close(w)
            os.dup2(r, 0)
            out = []
            for _ in range(count):
                try:
                    out.append(W.read_request())
                except Exception as exc:  # noqa: BLE001 - the test looks at which
                    out.append(exc)
            return out
        finally:
            os.dup2(saved, 0)
            os.close(saved)
            os.close(r)

    @staticmethod
    def frame(obj):
        body = json.dumps(obj).encode()
        return str(len(body)).encode() + b"\n" + body

    def test_requests_are_a_decimal_length_line_and_that_many_bytes_of_json(self):
        first, second = {"id": 1, "program": "é" * 3}, {"id": 2, "kind": "perf"}
        got = self.read_all(self.frame(first) + self.frame(second), 3)
        self.assertEqual(got, [first, second, None])  # None: end of input

    def test_the_length_counts_utf8_bytes(self):
        body = json.dumps({"s": "✓✓"}, ensure_ascii=False).encode()
        got = self.read_all(str(len(body)).encode() + b"\n" + body, 1)
        self.assertEqual(got, [{"s": "✓✓"}])

    def test_a_header_without_newline_within_20_bytes_is_bad_data(self):
        got = self.read_all(b"1" * 30 + b"\n{}", 1)
        self.assertIsInstance(got[0], W.BadData)

    def test_a_truncated_request_is_end_of_file(self):
        got = self.read_all(b"100\n{\"id\": 1}", 1)
        self.assertIsInstance(got[0], EOFError)

    def test_a_header_cut_short_is_the_end(self):
        self.assertEqual(self.read_all(b"12", 1), [None])


if __name__ == "__main__":
    unittest.main()
