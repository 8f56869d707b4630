using System.Text.Json.Nodes;
using PerfJudge.Judging;

namespace PerfJudge.Runners.Python;

/// <summary>The wire form of <see cref="ProgramRequest"/> and its reply (docs/wire.md, <c>"program"</c>);
/// a part of <see cref="PythonWire"/> kept in its own file.</summary>
internal static class ProgramWire
{
    public static JsonObject Encode(ProgramRequest p)
    {
        var json = new JsonObject
        {
            ["kind"] = "program",
            ["program"] = new JsonObject { ["language"] = p.Language, ["artifact"] = p.Artifact },
            ["tests"] = new JsonArray(p.Tests.Select(t => (JsonNode)new JsonObject { ["input"] = t.Input, ["output"] = t.Output }).ToArray()),
            ["checker"] = p.CheckerArtifact is null
                ? p.Checker
                : new JsonObject { ["language"] = p.CheckerLanguage, ["artifact"] = p.CheckerArtifact },
            ["checker_limits"] = PythonWire.Limits(ProgramRequest.CheckerLimits),
            ["stop_on_failure"] = p.StopOnFailure,
            ["rounds"] = p.Rounds,
            ["limits"] = PythonWire.Limits(p.Limits),
        };
        return json;
    }

    public static JsonObject Encode(ProgramPerfRequest p) => new()
    {
        ["kind"] = "program_perf",
        ["task_id"] = p.TaskId,
        ["generator"] = p.Generator,
        ["levels"] = new JsonArray(p.Levels.Select(PythonWire.Level).ToArray()),
        ["seed"] = p.Seed,
        ["checker"] = p.CheckerProgram is { } c ? Program(c) : p.Checker,
        ["checker_limits"] = PythonWire.Limits(ProgramRequest.CheckerLimits),
        ["references"] = new JsonArray(p.References.Select(r => (JsonNode)Program(r)).ToArray()),
        ["samples"] = new JsonArray(p.Samples.Select(r => (JsonNode)Program(r)).ToArray()),
        ["alpha"] = p.Alpha,
        ["limit_references"] = p.LimitReferences,
        ["rounds"] = p.Rounds,
        ["meter"] = p.Meter,
        ["limits"] = PythonWire.Limits(p.Limits),
    };

    private static JsonObject Program(ProgramArtifact a) =>
        new() { ["language"] = a.Language, ["artifact"] = a.Artifact, ["limits"] = PythonWire.Limits(a.Limits) };

    public static ProgramReply Decode(JsonObject reply)
    {
        var verdict = PythonWire.VerdictOf(reply);
        var tests = reply["tests"] is JsonArray array
            ? array.Select(t => t is JsonObject o
                ? new ProgramTestResult(PythonWire.VerdictOf(o), PythonWire.Number(o["points"]), PythonWire.Number(o["cpu_s"]),
                    PythonWire.Number(o["wall_s"]), (long)PythonWire.Number(o["max_rss_kb"]), PythonWire.Text(o["detail"]),
                    o["peak_memory_bytes"] is JsonValue peak && peak.TryGetValue<long>(out var bytes) ? bytes : null,
                    PythonWire.Text(o["peak_memory"]))
                : null).ToList()
            : [];
        if (verdict != Verdict.SandboxError && reply["tests"] is not JsonArray)
        {
            throw new InvalidOperationException("a program reply without 'tests'");
        }
        return new ProgramReply(verdict, PythonWire.Text(reply["detail"]), tests);
    }
}
