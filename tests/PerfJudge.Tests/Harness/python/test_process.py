"""The checker's handle on a candidate (pj_process), with pipes and a socket standing in for the
candidate process and the zygote: the internal framing seen from the checker's side."""
import json
import os
import socket
import time
import unittest

import harness_support  # noqa: F401
import pj_process as P
import pj_wire as W
import pj_zygote


class Handle:
    """A Candidate whose other ends the test holds: it reads what the checker sends on
    `from_checker` and answers on `to_checker`."""

    def __enter__(self):
        self.from_checker, cand_w = os.pipe()
        cand_r, self.to_checker = os.pipe()
        self.cand = P.Candidate(None, 1, 0, cand_w, cand_r, -1, None, "/nonexistent")
        return self

    def __exit__(self, *exc):
        for fd in (self.from_checker, self.to_checker, self.cand.wfd, self.cand.rfd):
            try:
                os.close(fd)
            except OSError:
                pass

    def answer(self, message):
        W.send_json(self.to_checker, message)

    def answer_raw(self, body):
        W.write_all(self.to_checker, len(body).to_bytes(4, "big") + body)


class Loading(unittest.TestCase):
    def load(self, greeting=None, raw=None, close=False, wait=5.0):
        with Handle() as h:
            if greeting is not None:
                h.answer(greeting)
            if raw is not None:
                h.answer_raw(raw)
            if close:
                os.close(h.to_checker)
            outcome = h.cand.load("def f(): pass", "f", {"cpu_seconds": 1}, time.monotonic() + wait)
            sent = W.recv_marshal(h.from_checker)
            self.assertEqual(sent, {"program": "def f(): pass", "entry_point": "f", "limits": {"cpu_seconds": 1}})
            return outcome

    def test_greetings(self):
        self.assertIsNone(self.load(["ready"]))
        self.assertEqual(self.load(["loaderr", "SyntaxError", "x"]), ("loaderr", "SyntaxError", "x"))
        self.assertEqual(self.load(close=True), ("ended", None, None))
        self.assertEqual(self.load(wait=0.1), ("timeout", None, None))
        self.assertEqual(self.load(raw=b"not json"), ("ended", None, None))

    def test_a_greeting_that_is_neither_is_a_protocol_violation(self):
        for greeting in (["ok", 1], 5, "ready", [], [1], ["loaderr"], ["loaderr", "E"], {"a": 1}):
            with self.subTest(greeting=greeting):
                if type(greeting) is dict:
                    self.assertEqual(self.load(raw=json.dumps(greeting).encode()), ("ended", None, None))
                else:
                    self.assertEqual(self.load(greeting), ("protocol", None, None))


class Calls(unittest.TestCase):
    def test_a_call_sends_marshalled_arguments_and_returns_the_decoded_reply(self):
        with Handle() as h:
            h.answer(["ok", ["l", 1, 2]])
            self.assertEqual(P.reply_value(h.cand.call((1, [2]), time.monotonic() + 5)), [1, 2])
            self.assertEqual(W.recv_marshal(h.from_checker), ("call", (1, [2])))

    def test_the_split_window_reads_the_meter_after_decoding_and_after_the_call(self):
        with Handle() as h:
            for frame in (["decoded"], ["returned"], ["ok", 6]):
                h.answer(frame)
            seen = []
            reply = h.cand.call((3,), time.monotonic() + 5, seen.append)
            self.assertEqual(P.reply_value(reply), 6)
            self.assertEqual(seen, ["decoded", "returned"])
            self.assertEqual([W.recv_marshal(h.from_checker) for _ in range(3)],
                             [("call", (3,), "split"), ("go",), ("send",)])

    def test_a_candidate_that_does_not_announce_gets_no_meter_reading(self):
        with Handle() as h:
            h.answer(["ok", 6])
            seen = []
            self.assertEqual(P.reply_value(h.cand.call((3,), time.monotonic() + 5, seen.append)), 6)
            self.assertEqual(seen, [])

    def test_a_reply_equal_to_a_known_frame_is_known_and_not_decoded(self):
        # The bytes a trusted reference sent; the checker accepted its output.
        frame = json.dumps(["ok", ["l", 1, 2]], separators=(",", ":")).encode()
        with Handle() as h:
            h.answer(["ok", ["l", 1, 2]])
            reply = h.cand.call((1,), time.monotonic() + 5, known=frame)
            self.assertIs(type(reply), P.Known)
            with self.assertRaises(TypeError):  # no value: its outcome is the reference's
                P.reply_value(reply)
            self.assertEqual(h.cand.last_frame, frame)

    def test_a_reply_that_differs_by_one_byte_is_decoded_as_usual(self):
        frame = json.dumps(["ok", ["l", 1, 2]], separators=(",", ":")).encode()
        for other in (["ok", ["l", 1, 3]], ["ok", ["t", 1, 2]], ["raise", "ValueError", "x"]):
            with self.subTest(other=other), Handle() as h:
                h.answer(other)
                reply = h.cand.call((1,), time.monotonic() + 5, known=frame)
                self.assertIsNot(type(reply), P.Known)
                if other[0] == "ok":
                    self.assertEqual(P.reply_value(reply), W.decode(other[1]))
                else:
                    with self.assertRaises(ValueError):
                        P.reply_value(reply)

    def test_a_known_frame_in_the_split_window_is_only_the_last_reply(self):
        frame = json.dumps(["ok", 6], separators=(",", ":")).encode()
        with Handle() as h:
            for f in (["decoded"], ["returned"], ["ok", 6]):
                h.answer(f)
            seen = []
            reply = h.cand.call((3,), time.monotonic() + 5, seen.append, known=frame)
            self.assertIs(type(reply), P.Known)
            self.assertEqual(seen, ["decoded", "returned"])

    def test_gone_candidates(self):
        for setup, reason in ((lambda h: None, "timeout"), (lambda h: os.close(h.to_checker), "ended"),
                              (lambda h: h.answer_raw(b"[" * 20000), "ended")):
            with self.subTest(reason=reason), Handle() as h:
                setup(h)
                with self.assertRaises(P.CandidateGone) as caught:
                    h.cand.call((1,), time.monotonic() + 0.2)
                self.assertEqual(str(caught.exception), reason)

    def test_arguments_that_are_not_plain_data_cannot_be_shipped(self):
        with Handle() as h:
            with self.assertRaises(P.NotShippable):
                h.cand.call((object(),), time.monotonic() + 1)

    def test_candidate_gone_is_not_an_exception_a_test_can_catch(self):
        self.assertFalse(issubclass(P.CandidateGone, Exception))
        self.assertFalse(issubclass(P.NotPlainResult, Exception))


class Replies(unittest.TestCase):
    def test_control_flow_exceptions_of_the_candidate_reach_the_test_as_runtime_errors(self):
        # A StopIteration raised into map()'s function would end the iteration as if exhausted.
        for name in ("StopIteration", "StopAsyncIteration", "GeneratorExit", "KeyboardInterrupt", "SystemExit"):
            with self.subTest(name=name), self.assertRaises(RuntimeError) as caught:
                P.reply_value(["raise", name, "m"])
            self.assertEqual(caught.exception.perfjudge_raised, (name, "m"))

    def test_text_fields_of_a_frame_are_cut_and_never_converted(self):
        with self.assertRaises(ValueError) as caught:
            P.reply_value(["raise", "ValueError", "x" * 10_000_000])
        self.assertEqual(len(caught.exception.perfjudge_raised[1]), P.MESSAGE_CHARS)
        deep = []
        for _ in range(900):
            deep = [deep]
        with self.assertRaises(RuntimeError) as caught:
            P.reply_value(["raise", deep, 10 ** 4000])
        self.assertEqual(caught.exception.perfjudge_raised, ("<list>", "<int>"))

    def test_values(self):
        self.assertEqual(P.reply_value(["ok", ["t", 1, ["s", 2]]]), (1, {2}))

    def test_exceptions_the_candidate_raised(self):
        with self.assertRaises(ValueError) as caught:
            P.reply_value(["raise", "ValueError", "bad"])
        self.assertEqual(caught.exception.perfjudge_raised, ("ValueError", "bad"))
        with self.assertRaises(RuntimeError) as caught:  # not a built-in exception
            P.reply_value(["raise", "MyError", "x"])
        self.assertEqual(caught.exception.perfjudge_raised, ("MyError", "x"))
        with self.assertRaises(RuntimeError):  # a built-in that needs other arguments
            P.reply_value(["raise", "UnicodeDecodeError", "x"])
        with self.assertRaises(RuntimeError):  # BaseException subclasses are not raised as such
            P.reply_value(["raise", "SystemExit", "0"])

    def test_not_plain_results(self):
        for reply in (["notplain", "AlwaysEqual"], ["ok", ["x"]], ["ok", {"a": 1}.items()]):
            with self.subTest(reply=reply):
                with self.assertRaises(P.NotPlainResult):
                    P.reply_value(reply)

    def test_malformed_replies_are_a_protocol_violation(self):
        for reply in (5, None, "ok", [], [1], ["ok"], ["ok", 1, 2], ["raise", "E"], ["notplain"], ["hello", 1],
                      ["ready"]):
            with self.subTest(reply=reply):
                with self.assertRaises(P.CandidateGone) as caught:
                    P.reply_value(reply)
                self.assertEqual(str(caught.exception), "protocol")


class ZygoteControl(unittest.TestCase):
    """CandidateSource against a socket on which the test plays the zygote."""

    def test_a_spawned_candidate_gets_the_zygotes_fds_uid_and_scratch(self):
        zygote, checker = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        fds = [os.pipe() for _ in range(4)]
        try:
            source = P.CandidateSource(checker, 100_000, "/scratch")
            # The zygote's reports may arrive before the handle it is asked for.
            zygote.send(json.dumps(["exit", 6, 9, 0.5, 0.25, 1000, 20]).encode())
            socket.send_fds(zygote, [json.dumps(["cand", 7, 4242]).encode()], [r for r, _ in fds])
            cand = source.spawn()
            self.assertEqual(zygote.recv(16), b"fork")
            self.assertEqual((cand.serial, cand.pid, cand.uid, cand.scratch),
                             (7, 4242, pj_zygote.uid_for(100_000, 7), pj_zygote.scratch_for("/scratch", 7)))
            self.assertEqual(source.wait_exit(6), [9, 0.5, 0.25, 1000, 20])
            for fd in (cand.wfd, cand.rfd, cand.pidfd):
                os.close(fd)
            cand.output.close()
        finally:
            zygote.close()
            checker.close()
            for r, w in fds:
                os.close(r)
                os.close(w)


if __name__ == "__main__":
    unittest.main()
