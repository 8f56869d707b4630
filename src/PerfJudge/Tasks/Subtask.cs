namespace PerfJudge.Tasks;

/// <summary>An IOI subtask: earns <paramref name="Points"/> when every one of its tests passes (for partial
/// checkers, <paramref name="Points"/> times the minimum over its tests).</summary>
/// <param name="Points">Points of the subtask.</param>
/// <param name="Tests">Indices into the task's tests.</param>
public sealed record Subtask(double Points, IReadOnlyList<int> Tests);
