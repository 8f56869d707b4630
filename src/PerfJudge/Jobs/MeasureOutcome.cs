using PerfJudge.Measurement;
using PerfJudge.Runners;

namespace PerfJudge.Jobs;

/// <summary>A finished measurement, with where it was taken.</summary>
/// <param name="Options">What was asked.</param>
/// <param name="Meter">The meter used.</param>
/// <param name="Measured">Summaries, raw costs, the ratio of two programs, outputs.</param>
/// <param name="Runner">Where it was measured: isolation, runtime, machine.</param>
public sealed record MeasureOutcome(MeasureOptions Options, string Meter, ProgramMeasurer.Outcome Measured, RunnerInfo Runner)
{
    /// <summary>The precision asked for was reached: every program's median (or, for two, their
    /// ratio) has a 95% CI half-width within the target.</summary>
    public bool TargetMet => Measured.Summaries.All(s => s.RelativeHalfWidth <= Options.Target)
        || Measured.Ratio?.RelativeHalfWidth <= Options.Target;

    /// <summary>The widest relative half-width that decides <see cref="TargetMet"/>.</summary>
    public double AchievedHalfWidth => Measured.Ratio is { } ratio
        ? Math.Min(ratio.RelativeHalfWidth, Measured.Summaries.Max(s => s.RelativeHalfWidth))
        : Measured.Summaries.Max(s => s.RelativeHalfWidth);
}
