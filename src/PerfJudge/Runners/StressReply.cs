using System.Text.Json.Nodes;
using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>The outcome of a stress search. The search document (steps, per-input costs, selected
/// inputs; docs/wire.md) is kept whole because the stress report publishes it as it is.</summary>
/// <param name="Verdict">Passed when inputs were selected.</param>
/// <param name="Detail">Why not.</param>
/// <param name="Document">The search document, when the runner answered.</param>
public sealed record StressReply(Verdict Verdict, string? Detail, JsonObject? Document) : RunReply(Verdict, Detail);
