using PerfJudge.Evaluation;
using PerfJudge.Judging;
using PerfJudge.Runners;
using PerfJudge.Tasks;

namespace PerfJudge.Tests.Evaluation;

public class EfficiencyScorerTests
{
    private static readonly EfficiencySpec Spec = new("", [new(10, 1, 0), new(100, 2, 3), new(1000, 1, 4)], "", ["ref"], true);
    private static readonly int[] CaseLevels = [0, 1, 1, 2];

    private static ProgramMeasurement Program(Verdict verdict, double?[] times, int? exceeded = null) =>
        new(verdict, null, times, exceeded, 1000, 0.1);

    private static TaskMeasurement Measurement(params ProgramMeasurement[] samples) =>
        new(CaseLevels, [0.02, 0.4, 4.0], [Program(Verdict.Passed, [0.01, 0.1, 0.2, 2.0])], samples);

    [Fact]
    public void As_fast_as_the_reference_scores_one()
    {
        var score = EfficiencyScorer.Score(Spec, Measurement(Program(Verdict.Passed, [0.01, 0.1, 0.2, 2.0])), 0);
        Assert.Equal(1.0, score.Efficiency, 12);
        Assert.Equal(1.0, score.Speedup!.Value, 12);
        Assert.Equal((1.0, 1.0), (score.Dps, score.DpsNorm));
    }

    [Fact]
    public void Level_scores_use_the_worst_case_and_the_limit()
    {
        // Level 1: worst 0.3 -> (0.4-0.3)/(0.4-0.2) = 0.5; level 2: 3.0 -> (4-3)/(4-2) = 0.5.
        var score = EfficiencyScorer.Score(Spec, Measurement(Program(Verdict.Passed, [0.5, 0.3, 0.25, 3.0])), 0);
        Assert.Equal((3 * 0.5 + 4 * 0.5) / 7, score.Efficiency, 12);
        Assert.Equal(2.3 / 3.55, score.Speedup!.Value, 12);
        Assert.Equal(0.0, score.Dps); // slower than the only reference level
    }

    [Fact]
    public void Exceeding_a_limit_zeroes_that_level_and_later_ones_and_censors_speedup()
    {
        var score = EfficiencyScorer.Score(Spec, Measurement(Program(Verdict.Passed, [0.01, 0.1, 0.2, null], exceeded: 2)), 0);
        Assert.Equal(3.0 / 7, score.Efficiency, 12);
        Assert.Null(score.Speedup);
        Assert.Equal(2, score.ExceededLevel);
    }

    [Fact]
    public void An_incorrect_sample_scores_zero()
    {
        var score = EfficiencyScorer.Score(Spec, Measurement(Program(Verdict.Failed, [0.01, 0.1, 0.2, 2.0])), 0);
        Assert.Equal(0, score.Efficiency);
        Assert.Null(score.Speedup);
        Assert.Equal(0, score.Dps);
    }
}
