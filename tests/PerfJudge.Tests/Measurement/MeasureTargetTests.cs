using PerfJudge.Jobs;
using PerfJudge.Measurement;
using PerfJudge.Runners;
using PerfJudge.Statistics;

namespace PerfJudge.Tests.Measurement;

/// <summary><c>measure</c> must not miss its precision target silently.</summary>
public class MeasureTargetTests
{
    private static MeasureOutcome Outcome(IReadOnlyList<double> costs) => new(
        new MeasureOptions(["a.py"], "f", "[]", "cpu", 0.01, 5, 50, 30, new EngineOptions()), "cpu",
        new ProgramMeasurer.Outcome([RobustSummary.Of(costs)], [costs], null, null, 0, [null]),
        new RunnerInfo("bubblewrap", "python 3.11.7", "h", 1, "m"));

    [Fact]
    public void Noisy_costs_miss_the_target_and_say_by_how_much()
    {
        var noisy = Enumerable.Range(0, 50).Select(i => 4e-5 * (1 + 0.3 * Math.Sin(i * 1.7))).ToList();
        var outcome = Outcome(noisy);
        Assert.False(outcome.TargetMet);
        Assert.True(outcome.AchievedHalfWidth > 0.01);
    }

    [Fact]
    public void Steady_costs_meet_it() => Assert.True(Outcome(Enumerable.Repeat(4e-5, 10).ToList()).TargetMet);
}
