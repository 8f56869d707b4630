using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>A measured efficiency task; <see cref="Measurement"/> is null unless the verdict is passed
/// (the task itself could be measured: references correct, generator working).</summary>
/// <param name="Verdict">Verdict of the task as a whole.</param>
/// <param name="Detail">Why it could not be measured.</param>
/// <param name="Measurement">Per-program measurements.</param>
public sealed record PerfReply(Verdict Verdict, string? Detail, TaskMeasurement? Measurement) : RunReply(Verdict, Detail);
