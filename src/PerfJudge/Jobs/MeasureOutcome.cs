using PerfJudge.Measurement;

namespace PerfJudge.Jobs;

/// <summary>A finished measurement, with where it was taken.</summary>
/// <param name="Options">What was asked.</param>
/// <param name="Meter">The meter used.</param>
/// <param name="Measured">Summaries, raw costs, the ratio of two programs, outputs.</param>
/// <param name="Isolation">Isolation level.</param>
/// <param name="Runtime">Runtime and version.</param>
/// <param name="Machine">Machine fingerprint.</param>
public sealed record MeasureOutcome(MeasureOptions Options, string Meter, ProgramMeasurer.Outcome Measured, string Isolation,
    string Runtime, string Machine);
