using System.Text.Json.Nodes;
using PerfJudge.Judging;

namespace PerfJudge.Runners.Python;

/// <summary>The wire form of <see cref="RunCodeRequest"/> and its reply (docs/wire.md, <c>"run"</c>);
/// a part of <see cref="PythonWire"/> kept in its own file.</summary>
internal static class RunCodeWire
{
    public static JsonObject Encode(RunCodeRequest r) => new()
    {
        ["kind"] = "run",
        ["program"] = new JsonObject { ["language"] = r.Language, ["artifact"] = r.Artifact },
        ["stdin"] = r.Stdin,
        ["files"] = new JsonObject(r.Files.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)JsonValue.Create(f.Value)))),
        ["limits"] = PythonWire.Limits(r.Limits),
    };

    public static RunCodeReply Decode(JsonObject reply)
    {
        var verdict = PythonWire.VerdictOf(reply);
        if (verdict == Verdict.SandboxError)
        {
            return new RunCodeReply(verdict, PythonWire.Text(reply["detail"]), null, "", false, "", 0, 0, 0);
        }
        var stdout = PythonWire.Text(reply["stdout"]) ?? throw new InvalidOperationException("a run reply without 'stdout'");
        int? exit = reply["exit_code"] is JsonValue code && code.TryGetValue<int>(out var c) ? c : null;
        return new RunCodeReply(verdict, PythonWire.Text(reply["detail"]), exit, stdout,
            reply["stdout_truncated"] is JsonValue t && t.TryGetValue<bool>(out var truncated) && truncated,
            PythonWire.Text(reply["stderr"]) ?? "", PythonWire.Number(reply["run_s"]), PythonWire.Number(reply["cpu_s"]),
            (long)PythonWire.Number(reply["peak_memory_kb"]));
    }
}
