using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerfJudge.Judging;
using PerfJudge.Tasks;

namespace PerfJudge.Runners.Python;

/// <summary>The one place that writes and reads the messages exchanged with the Python harness
/// (docs/wire.md): a request is a length-prefixed JSON object on the worker's stdin, its reply one
/// JSON line on stdout carrying the same <c>id</c>. Every field name of the wire is in this file.</summary>
public static class PythonWire
{
    /// <summary>The request object of <paramref name="request"/> (without its <c>id</c>).</summary>
    public static JsonObject Encode(RunRequest request) => request switch
    {
        TestRequest t => new JsonObject
        {
            ["program"] = t.Program,
            ["entry_point"] = t.EntryPoint,
            ["test"] = t.Test,
            ["prompt"] = t.Prompt,
            ["limits"] = Limits(t.Limits),
        },
        PerfRequest p => WithProtocol(new JsonObject
        {
            ["kind"] = "perf",
            ["task_id"] = p.TaskId,
            ["prompt"] = p.Prompt,
            ["entry_point"] = p.EntryPoint,
            ["generator"] = p.Generator,
            ["levels"] = new JsonArray(p.Levels.Select(Level).ToArray()),
            ["seed"] = p.Seed,
            ["checker"] = p.Checker,
            ["references"] = Strings(p.References),
            ["samples"] = Strings(p.Samples),
            ["limits"] = Limits(p.Limits),
            ["alpha"] = p.Alpha,
            ["limit_references"] = p.LimitReferences,
            ["rounds"] = p.Rounds,
            ["meter"] = p.Meter,
        }, p),
        StressRequest s => WithSamples(new JsonObject
        {
            ["kind"] = "stress",
            ["task_id"] = s.TaskId,
            ["prompt"] = s.Prompt,
            ["test"] = s.Test,
            ["entry_point"] = s.EntryPoint,
            ["generator"] = s.Generator,
            ["checker"] = s.Checker,
            ["references"] = Strings(s.References),
            ["limits"] = Limits(s.Limits),
            ["meter"] = s.Meter,
            ["stress"] = Search(s.Search),
        }, s.Samples),
        MeasureRequest m => new JsonObject
        {
            ["kind"] = "measure",
            ["task_id"] = "measure",
            ["programs"] = Strings(m.Programs),
            ["entry_point"] = m.EntryPoint,
            ["args"] = JsonNode.Parse(m.ArgsJson),
            ["rounds"] = m.Rounds,
            ["meter"] = m.Meter,
            ["limits"] = Limits(m.Limits),
        },
        CompileRequest c => new JsonObject
        {
            ["kind"] = "compile",
            ["language"] = c.Language,
            ["source"] = c.Source,
            ["options"] = Strings(c.Options),
            ["limits"] = Limits(c.Limits),
        },
        ProgramRequest p => ProgramWire.Encode(p),
        RunCodeRequest r => RunCodeWire.Encode(r),
        ProgramPerfRequest p => ProgramWire.Encode(p),
        ExpectedRequest e => EvalPlusWire.Encode(e),
        EvalPlusRequest e => EvalPlusWire.Encode(e),
        MutantsRequest m => EvalPlusWire.Encode(m),
        _ => throw new ArgumentException($"the Python runner has no wire form for {request.GetType().Name}", nameof(request)),
    };

    /// <summary>Reads the reply to <paramref name="request"/>. A reply that does not have the shape
    /// the contract promises is a failure of the runner (sandbox_error), never an exception.</summary>
    public static TReply Decode<TReply>(RunRequest<TReply> request, JsonObject reply, double wallSeconds) where TReply : RunReply
    {
        try
        {
            RunReply decoded = request switch
            {
                TestRequest or EvalPlusRequest => new TestReply(VerdictOf(reply), Text(reply["detail"]),
                    Number(reply["cpu_user_s"]) + Number(reply["cpu_sys_s"]), (long)Number(reply["max_rss_kb"]), wallSeconds,
                    reply["peak_memory_bytes"] is JsonValue peak && peak.TryGetValue<long>(out var bytes) ? bytes : null, Controls(reply)),
                ExpectedRequest => EvalPlusWire.Decode(reply),
                MutantsRequest => EvalPlusWire.DecodeMutants(reply),
                PerfRequest => DecodePerf(reply),
                StressRequest => new StressReply(VerdictOf(reply), Text(reply["detail"]), WithoutEnvelope(reply)),
                MeasureRequest => DecodeMeasure(reply),
                CompileRequest => new CompileReply(VerdictOf(reply), Text(reply["detail"]), Text(reply["artifact"]),
                    Number(reply["compile_s"]), Number(reply["cpu_s"])),
                ProgramRequest => ProgramWire.Decode(reply),
                RunCodeRequest => RunCodeWire.Decode(reply),
                ProgramPerfRequest => DecodePerf(reply),
                _ => throw new ArgumentException($"no wire form for {request.GetType().Name}", nameof(request)),
            };
            return (TReply)decoded;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or JsonException or NullReferenceException
            or InvalidCastException or KeyNotFoundException)
        {
            return request.Failure(Verdict.SandboxError, "the harness sent a reply that breaks the wire contract: " + ex.Message);
        }
    }

    /// <summary>The frame of one request: its length in bytes as ASCII digits and a newline, then the JSON.</summary>
    public static byte[] Frame(JsonObject request, long id)
    {
        request["id"] = id;
        var payload = Encoding.UTF8.GetBytes(request.ToJsonString());
        var header = Encoding.ASCII.GetBytes(payload.Length.ToString(CultureInfo.InvariantCulture) + "\n");
        var frame = new byte[header.Length + payload.Length];
        header.CopyTo(frame, 0);
        payload.CopyTo(frame, header.Length);
        return frame;
    }

    /// <summary>Parses one reply line; null when it is not a JSON object answering request <paramref name="id"/>.</summary>
    public static JsonObject? ParseReply(string line, long id)
    {
        try
        {
            return JsonNode.Parse(line) is JsonObject reply && reply["id"] is JsonValue v && v.TryGetValue<long>(out var got) && got == id
                ? reply
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="line"/> is the worker's greeting.</summary>
    public static bool IsHello(string? line) => line is not null && line.Contains("\"hello\"", StringComparison.Ordinal);

    /// <summary>The limits as the harness expects them.</summary>
    public static JsonObject Limits(ExecutionLimits limits) => new()
    {
        ["wall_seconds"] = limits.WallSeconds,
        ["cpu_seconds"] = limits.CpuSeconds,
        ["memory_bytes"] = limits.MemoryBytes,
        ["file_bytes"] = limits.FileBytes,
        ["output_bytes"] = limits.OutputBytes,
        ["processes"] = limits.Processes,
    };

    private static PerfReply DecodePerf(JsonObject reply)
    {
        var verdict = VerdictOf(reply);
        if (verdict != Verdict.Passed)
        {
            return new PerfReply(verdict, Text(reply["detail"]) ?? "task could not be measured", null);
        }
        static ProgramMeasurement Program(JsonNode? p) => new(
            VerdictNames.Parse(p!["verdict"]?.GetValue<string>()),
            Text(p["detail"]),
            p["times"]!.AsArray().Select(t => t?.GetValue<double>()).ToList(),
            p["exceeded_level"]?.GetValue<int>(),
            (long)Number(p["max_rss_kb"]),
            Number(p["cpu_s"]),
            p["peak_memory_bytes"] is JsonValue peak && peak.TryGetValue<long>(out var bytes) ? bytes : null,
            Text(p["peak_memory"]),
            p["hidden_charged_s"]?.GetValue<double>(),
            p["rounds"]?.GetValue<int>());
        var measurement = new TaskMeasurement(
            reply["case_levels"]!.AsArray().Select(x => x!.GetValue<int>()).ToList(),
            reply["level_limits"]!.AsArray().Select(x => x!.GetValue<double>()).ToList(),
            reply["references"]!.AsArray().Select(Program).ToList(),
            reply["samples"]!.AsArray().Select(Program).ToList(),
            Text(reply["window"]),
            reply["batched_cases"]?.GetValue<int>());
        return new PerfReply(verdict, null, measurement);
    }

    private static MeasureReply DecodeMeasure(JsonObject reply)
    {
        var verdict = VerdictOf(reply);
        if (verdict != Verdict.Passed)
        {
            return new MeasureReply(verdict, Text(reply["detail"]), [], 0, []);
        }
        var times = reply["times"]!.AsArray().Select(p => (IReadOnlyList<double>)p!.AsArray().Select(t => t!.GetValue<double>()).ToList()).ToList();
        var outputs = reply["outputs"]!.AsArray().Select(o => o?.GetValue<string>()).ToList();
        return new MeasureReply(verdict, null, times, (long)Number(reply["max_rss_kb"]), outputs);
    }

    private static Dictionary<string, string>? Controls(JsonObject reply) => reply["controls"] is JsonObject c
        ? c.Where(kv => kv.Value is JsonValue).ToDictionary(kv => kv.Key, kv => kv.Value!.ToString(), StringComparer.Ordinal)
        : null;

    private static JsonObject WithoutEnvelope(JsonObject reply)
    {
        var document = reply.DeepClone().AsObject();
        document.Remove("id");
        document.Remove("wall_s");
        return document;
    }

    private static JsonObject Search(StressSearch s) => new()
    {
        ["seed"] = s.Seed,
        ["budget"] = s.Budget,
        ["rounds"] = s.Rounds,
        ["candidates"] = s.Candidates,
        ["keep"] = s.Keep,
        ["min_scale"] = s.MinScale,
        ["max_scale"] = s.MaxScale,
        ["bisect_steps"] = s.BisectSteps,
        ["max_input_bytes"] = s.MaxInputBytes,
        ["generator_timeout"] = s.GeneratorTimeout,
        ["fuzz_probe_scale"] = s.FuzzProbeScale,
        ["level_id"] = s.LevelId,
    };

    // Written only when there are samples, so requests (and stored searches) without them stay as they were.
    private static JsonObject WithSamples(JsonObject json, IReadOnlyList<string> samples)
    {
        if (samples.Count > 0)
        {
            json["samples"] = Strings(samples);
        }
        return json;
    }

    // Written only for a protocol other than PerfJudge's, so requests (and their cache keys) under
    // the default protocol stay as they were.
    private static JsonObject WithProtocol(JsonObject json, PerfRequest p)
    {
        if (p.Protocol is { } protocol && protocol != EfficiencyProtocol.PerfJudge)
        {
            json["protocol"] = new JsonObject
            {
                ["name"] = protocol.Name,
                ["limit_scope"] = protocol.TaskWideLimit ? "task" : "level",
                ["estimator"] = protocol.Estimator,
                ["gc"] = protocol.CollectGarbage,
                ["window"] = protocol.CallOnly ? "split" : "round-trip",
                ["warmup"] = protocol.WarmUpPerLevel ? "level" : "first",
                ["resource_errors"] = protocol.CensorResourceErrors ? "censor" : "fail",
                ["scored_levels"] = new JsonArray(p.Levels.Select((l, i) => (l, i)).Where(x => x.l.Hardness > 0).Select(x => (JsonNode)x.i).ToArray()),
            };
            if (p.ExtraRounds && protocol.ExtraRounds)
            {
                // Written only then: with a fixed number of rounds the worker gets the request it got before.
                json["protocol"]!["round_budget"] = protocol.RoundBudgetSeconds;
                json["protocol"]!["max_rounds"] = protocol.MaxRounds;
            }
        }
        return json;
    }

    internal static JsonNode Level(EfficiencyLevel level)
    {
        var json = new JsonObject { ["size"] = level.Size, ["count"] = level.Count };
        if (level.Inputs is not null)
        {
            json["inputs"] = Strings(level.Inputs);
        }
        return json;
    }

    internal static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    internal static Verdict VerdictOf(JsonObject reply) => VerdictNames.Parse(Text(reply["verdict"]));

    internal static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    internal static double Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) ? d : 0;
}
