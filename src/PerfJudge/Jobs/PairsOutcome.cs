using PerfJudge.Pairs;

namespace PerfJudge.Jobs;

/// <summary>Pairs made from a judged run.</summary>
/// <param name="Set">The pairs and what was left out.</param>
/// <param name="Document">The pairs as JSON lines.</param>
/// <param name="Source">The run they come from.</param>
public sealed record PairsOutcome(PairSet Set, string Document, PairsDocument.Source Source);
