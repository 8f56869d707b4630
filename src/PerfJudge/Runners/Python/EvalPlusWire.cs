using System.Text.Json.Nodes;

namespace PerfJudge.Runners.Python;

/// <summary>The wire form of the EvalPlus and audit requests (<c>evalplus_expected</c>, <c>evalplus</c>, <c>mutants</c>;
/// docs/wire.md), kept beside <see cref="PythonWire"/>, which dispatches to it.</summary>
internal static class EvalPlusWire
{
    public static JsonObject Encode(ExpectedRequest e) => new()
    {
        ["kind"] = "evalplus_expected",
        ["task_id"] = e.TaskId,
        ["dataset"] = e.Dataset,
        ["program"] = e.Program,
        ["entry_point"] = e.EntryPoint,
        ["contract"] = e.Contract,
        ["base_inputs"] = e.BaseInputs,
        ["plus_inputs"] = e.PlusInputs,
        ["limits"] = PythonWire.Limits(e.Limits),
    };

    public static JsonObject Encode(EvalPlusRequest r) => new()
    {
        ["kind"] = "evalplus",
        ["task_id"] = r.TaskId,
        ["dataset"] = r.Dataset,
        ["program"] = r.Program,
        ["entry_point"] = r.EntryPoint,
        ["inputs"] = r.Inputs,
        ["expected_digest"] = r.ExpectedDigest,
        ["reference"] = new JsonObject
        {
            ["program"] = r.Reference.Program, ["contract"] = r.Reference.Contract, ["limits"] = PythonWire.Limits(r.Reference.Limits),
        },
        ["atol"] = r.Atol,
        ["limits"] = PythonWire.Limits(r.Limits),
    };

    public static JsonObject Encode(MutantsRequest m) => new()
    {
        ["kind"] = "mutants",
        ["program"] = m.Program,
        ["entry_point"] = m.EntryPoint,
        ["max"] = m.Max,
        ["limits"] = PythonWire.Limits(m.Limits),
    };

    public static MutantsReply DecodeMutants(JsonObject reply)
    {
        var verdict = PythonWire.VerdictOf(reply);
        return verdict != Judging.Verdict.Passed
            ? new MutantsReply(verdict, PythonWire.Text(reply["detail"]), [])
            : new MutantsReply(verdict, null, reply["mutants"]!.AsArray().Select(m => new Mutant(m!["line"]!.GetValue<int>(),
                m["mutation"]!.GetValue<string>(), m["program"]!.GetValue<string>())).ToList());
    }

    public static ExpectedReply Decode(JsonObject reply)
    {
        var verdict = PythonWire.VerdictOf(reply);
        if (verdict != Judging.Verdict.Passed)
        {
            return new ExpectedReply(verdict, PythonWire.Text(reply["detail"]), [], [], "", "", 0, 0);
        }
        static List<string> Status(JsonNode? n) => n!.AsArray().Select(x => x!.GetValue<string>()).ToList();
        return new ExpectedReply(verdict, null, Status(reply["base_status"]), Status(reply["plus_status"]),
            reply["base_digest"]!.GetValue<string>(), reply["plus_digest"]!.GetValue<string>(),
            PythonWire.Number(reply["base_seconds"]), PythonWire.Number(reply["plus_seconds"]));
    }
}
