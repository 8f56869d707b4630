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

    public static ProgramReply Decode(JsonObject reply)
    {
        var verdict = PythonWire.VerdictOf(reply);
        var tests = reply["tests"] is JsonArray array
            ? array.Select(t => t is JsonObject o
                ? new ProgramTestResult(PythonWire.VerdictOf(o), PythonWire.Number(o["points"]), PythonWire.Number(o["cpu_s"]),
                    PythonWire.Number(o["wall_s"]), (long)PythonWire.Number(o["max_rss_kb"]), PythonWire.Text(o["detail"]))
                : null).ToList()
            : [];
        if (verdict != Verdict.SandboxError && reply["tests"] is not JsonArray)
        {
            throw new InvalidOperationException("a program reply without 'tests'");
        }
        return new ProgramReply(verdict, PythonWire.Text(reply["detail"]), tests);
    }
}
