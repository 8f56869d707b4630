using System.Text;
using System.Text.Json.Nodes;
using PerfJudge.Judging;
using PerfJudge.Runners;
using PerfJudge.Runners.Python;
using PerfJudge.Tasks;

namespace PerfJudge.Tests.Runners;

/// <summary>The engine's side of the wire contract (docs/wire.md); the harness's side is tested by
/// its own unit tests, and both together by every sandbox test.</summary>
public class PythonWireTests
{
    private static readonly ExecutionLimits Limits = ExecutionLimits.Default;

    [Fact]
    public void A_frame_is_the_payload_length_in_ascii_then_a_newline_then_the_json_with_its_id()
    {
        var frame = PythonWire.Frame(new JsonObject { ["program"] = "é" }, 42);
        var text = Encoding.UTF8.GetString(frame);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        var length = int.Parse(text[..newline], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(frame.Length - newline - 1, length);
        var payload = JsonNode.Parse(text[(newline + 1)..])!;
        Assert.Equal(42, payload["id"]!.GetValue<long>());
        Assert.Equal("é", payload["program"]!.GetValue<string>());
    }

    [Fact]
    public void Requests_carry_exactly_the_documented_fields()
    {
        static string[] Keys(JsonObject o) => o.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["entry_point", "limits", "program", "prompt", "test"],
            Keys(PythonWire.Encode(new TestRequest("p", "f", "t", "pr", Limits))));
        Assert.Equal(["cpu_seconds", "file_bytes", "memory_bytes", "output_bytes", "processes", "wall_seconds"],
            Keys(PythonWire.Limits(Limits)));
        var perf = PythonWire.Encode(new PerfRequest("T/0", "pr", "f", "gen", [new EfficiencyLevel(10, 2, 3), new EfficiencyLevel(5, 1, 0, ["(1,)"])],
            7, "chk", ["r1", "r2"], ["s1"], Limits, 2.0, 1, 3, "cpu"));
        Assert.Equal(["alpha", "checker", "entry_point", "generator", "kind", "levels", "limit_references", "limits", "meter", "prompt",
            "references", "rounds", "samples", "seed", "task_id"], Keys(perf));
        Assert.Equal("perf", perf["kind"]!.GetValue<string>());
        Assert.Equal(["count", "size"], Keys(perf["levels"]![0]!.AsObject()));
        Assert.Equal(["count", "inputs", "size"], Keys(perf["levels"]![1]!.AsObject()));
        var enamel = PythonWire.Encode(new PerfRequest("T/0", "pr", "f", "gen", [new EfficiencyLevel(10, 2, 0), new EfficiencyLevel(5, 1, 3)],
            7, "chk", ["r1"], ["s1"], Limits, 2.0, null, 3, "cpu", EfficiencyProtocol.Enamel))["protocol"]!.AsObject();
        Assert.Equal(["estimator", "gc", "limit_scope", "name", "resource_errors", "scored_levels", "warmup", "window"], Keys(enamel));
        Assert.Equal("""{"name":"enamel","limit_scope":"task","estimator":"hodges-lehmann","gc":false,"window":"split","warmup":"level","resource_errors":"censor","scored_levels":[1]}""",
            enamel.ToJsonString());
        Assert.False(PythonWire.Encode(new PerfRequest("T/0", "pr", "f", "gen", [], 7, "chk", ["r1"], ["s1"], Limits, 2.0, null, 3, "cpu",
            EfficiencyProtocol.PerfJudge)).ContainsKey("protocol")); // the default keeps requests (and cache keys) as they were
        // Extra rounds travel with the protocol only when asked for (with fixed rounds the worker's request is as before).
        var extra = PythonWire.Encode(new PerfRequest("T/0", "pr", "f", "gen", [new EfficiencyLevel(10, 2, 0), new EfficiencyLevel(5, 1, 3)],
            7, "chk", ["r1"], ["s1"], Limits, 2.0, null, 6, "cpu", EfficiencyProtocol.Enamel, ExtraRounds: true))["protocol"]!.AsObject();
        Assert.Equal((2.0, 18), (extra["round_budget"]!.GetValue<double>(), extra["max_rounds"]!.GetValue<int>()));
        var noExtra = new PerfRequest("T/0", "pr", "f", "gen", [], 7, "chk", ["r1"], ["s1"], Limits, 2.0, null, 6, "cpu", EfficiencyProtocol.Enamel);
        Assert.True((noExtra with { ExtraRounds = true }).HardSeconds > noExtra.HardSeconds);
        var measure = PythonWire.Encode(new MeasureRequest(["a", "b"], "f", "[[1, 2]]", 5, "wall", Limits));
        Assert.Equal("measure", measure["kind"]!.GetValue<string>());
        Assert.Equal(2, measure["args"]![0]![1]!.GetValue<int>());
        var stress = PythonWire.Encode(new StressRequest("T", "pr", "t", "f", "g", "c", ["fast", "slow"], Limits, "cpu",
            new StressSearch(1, 0.1, 3, 6, 3, 8, 1024, 0, 4096, 10, 128, 2), []));
        Assert.False(stress.ContainsKey("samples"));
        Assert.Equal(["bisect_steps", "budget", "candidates", "fuzz_probe_scale", "generator_timeout", "keep", "level_id",
            "max_input_bytes", "max_scale", "min_scale", "rounds", "seed"], Keys(stress["stress"]!.AsObject()));
    }

    [Fact]
    public void Replies_are_read_into_typed_records()
    {
        var test = PythonWire.Decode(new TestRequest("p", "f", "t", "", Limits),
            JsonNode.Parse("""{"id": 1, "verdict": "memory_limit", "detail": "d", "cpu_user_s": 0.25, "cpu_sys_s": 0.5, "max_rss_kb": 2048}""")!.AsObject(), 1.5);
        Assert.Equal(new TestReply(Verdict.MemoryLimit, "d", 0.75, 2048, 1.5), test);
        var perf = PythonWire.Decode(new PerfRequest("T", "", "f", "", [], 0, "", ["r"], ["s"], Limits, 2, null, 1, "cpu"),
            JsonNode.Parse("""
                {"id": 1, "verdict": "passed", "case_levels": [0, 1], "level_limits": [0.5, 1.0],
                 "references": [{"verdict": "passed", "times": [0.1, 0.2], "max_rss_kb": 10, "cpu_s": 0.3}],
                 "samples": [{"verdict": "timeout", "detail": "slow", "times": [0.1, null], "exceeded_level": 1, "max_rss_kb": 11, "cpu_s": 0.4}]}
                """)!.AsObject(), 2);
        Assert.Equal([0, 1], perf.Measurement!.CaseLevels);
        Assert.Equal(new double?[] { 0.1, null }, perf.Measurement.Samples[0].Times);
        Assert.Equal((Verdict.Timeout, 1), (perf.Measurement.Samples[0].Verdict, perf.Measurement.Samples[0].ExceededLevel));
        Assert.Equal((null, null, null), (perf.Measurement.Window, perf.Measurement.BatchedCases, perf.Measurement.Samples[0].HiddenChargedSeconds));
        // The split window's reply says how it measured (docs/wire.md).
        var split = PythonWire.Decode(new PerfRequest("T", "", "f", "", [], 0, "", ["r"], ["s"], Limits, 2, null, 1, "cpu"),
            JsonNode.Parse("""
                {"id": 1, "verdict": "passed", "case_levels": [0, 1], "level_limits": [0.5, 1.0], "window": "split", "batched_cases": 3,
                 "references": [{"verdict": "passed", "times": [0.1, 0.2], "max_rss_kb": 10, "cpu_s": 0.3, "hidden_charged_s": 0.0}],
                 "samples": [{"verdict": "passed", "times": [0.1, 0.3], "max_rss_kb": 11, "cpu_s": 0.4, "hidden_charged_s": 0.0125}]}
                """)!.AsObject(), 2).Measurement!;
        Assert.Equal(("split", 3, 0.0, 0.0125), (split.Window, split.BatchedCases, split.References[0].HiddenChargedSeconds,
            split.Samples[0].HiddenChargedSeconds));
    }

    [Theory]
    [InlineData("""{"id": 1, "verdict": "passed"}""")]
    [InlineData("""{"id": 1, "verdict": "passed", "case_levels": "x", "level_limits": [], "references": [], "samples": []}""")]
    [InlineData("""{"id": 1, "verdict": "passed", "case_levels": [0], "level_limits": [1], "references": [{"times": [{"a": 1}]}], "samples": []}""")]
    public void A_reply_that_breaks_the_contract_is_a_sandbox_error_not_an_exception(string json)
    {
        var reply = PythonWire.Decode(new PerfRequest("T", "", "f", "", [], 0, "", ["r"], [], Limits, 2, null, 1, "cpu"),
            JsonNode.Parse(json)!.AsObject(), 0);
        Assert.Equal(Verdict.SandboxError, reply.Verdict);
        Assert.Contains("wire contract", reply.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id": 2, "verdict": "passed"}""")]
    [InlineData("""{"verdict": "passed"}""")]
    [InlineData("""[1]""")]
    [InlineData("""{"id": "1"}""")]
    [InlineData("not json")]
    public void Only_a_json_object_answering_the_request_id_is_a_reply(string line) => Assert.Null(PythonWire.ParseReply(line, 1));

    [Fact]
    public void Unknown_verdict_words_are_sandbox_errors() =>
        Assert.Equal(Verdict.SandboxError, PythonWire.Decode(new TestRequest("p", "f", "t", "", Limits),
            JsonNode.Parse("""{"id": 1, "verdict": "pased"}""")!.AsObject(), 0).Verdict);

    [Fact]
    public void A_run_request_carries_its_program_stdin_and_files_and_its_reply_is_read_back()
    {
        var request = new RunCodeRequest("cpp", "QUJD", "1 2\n", new Dictionary<string, string> { ["d/a.txt"] = "aGk=" }, Limits);
        var json = PythonWire.Encode(request);
        Assert.Equal(["files", "kind", "limits", "program", "stdin"], json.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("run", json["kind"]!.GetValue<string>());
        Assert.Equal("aGk=", json["files"]!["d/a.txt"]!.GetValue<string>());
        Assert.Equal("QUJD", json["program"]!["artifact"]!.GetValue<string>());
        var reply = PythonWire.Decode(request, JsonNode.Parse("""
            {"id": 1, "verdict": "crashed", "detail": "runtime error (signal 6)", "exit_code": -6, "timed_out": false, "stdout": "3\n",
             "stdout_truncated": false, "stderr": "boom", "run_s": 0.5, "cpu_s": 0.25, "max_rss_kb": 900, "peak_memory_kb": 600}
            """)!.AsObject(), 0.6);
        Assert.Equal(new RunCodeReply(Verdict.Crashed, "runtime error (signal 6)", -6, "3\n", false, "boom", 0.5, 0.25, 600), reply);
        var timedOut = PythonWire.Decode(request, JsonNode.Parse("""{"id": 1, "verdict": "timeout", "exit_code": null, "stdout": ""}""")!.AsObject(), 1);
        Assert.Null(timedOut.ExitCode);
        var broken = PythonWire.Decode(request, JsonNode.Parse("""{"id": 1, "verdict": "passed"}""")!.AsObject(), 1);
        Assert.Equal(Verdict.SandboxError, broken.Verdict);
        Assert.False(request.Storable(reply with { Verdict = Verdict.Passed }));
    }
}
