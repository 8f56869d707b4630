using PerfJudge.Audit;
using PerfJudge.Judging;
using PerfJudge.Runners;

namespace PerfJudge.Tests.Audit;

public class LevelCostAuditsTests
{
    private static ProgramMeasurement Program(params double?[] times) => new(Verdict.Passed, null, times, null, 0, 0);

    // Cases 0-1 are level 0, cases 2-3 level 1; per round: the reference, a second reference, one sample.
    private static TaskMeasurement Round(double scale, double? sampleLast = 4e-3) => new([0, 0, 1, 1], [1, 1],
        [Program(1e-5, 1e-5, 1e-3 * scale, 1e-3 * scale), Program(1e-5, 1e-5, 2e-3, 2e-3)],
        [Program(1e-5, 1e-5, 4e-3, sampleLast)]);

    [Fact]
    public void Levels_give_the_reference_cost_per_case_its_cov_over_rounds_the_clusters_and_the_p99_cov()
    {
        var audit = LevelCostAudits.Summarize([Round(1.0), Round(1.1), Round(0.9)], 2e-5);
        Assert.Null(audit.Detail);
        Assert.Equal([0, 1], audit.Levels!.Select(l => l.Level));
        var easy = audit.Levels![0];
        Assert.Equal((2, 1e-5, 0.0, 1), (easy.Cases, easy.ReferenceSeconds, easy.Cov, easy.Clusters)); // every program costs the same
        var hard = audit.Levels[1];
        Assert.Equal(1e-3, hard.ReferenceSeconds, 12);
        Assert.Equal(0.1, hard.Cov, 6); // 2, 2.2, 1.8 ms: sd 0.2 over mean 2
        Assert.Equal(3, hard.Clusters); // 2, 4 and 8 ms per level
        Assert.Equal(0.1, hard.P99Cov, 6); // the largest of the three programs' CoVs
        // The top-level figures are the hardest level's; level 0 costs half an empty call: overhead.
        Assert.Equal(("level 1 (generated, 2 cases)", 1e-3, 2e-5), (audit.Input, audit.ReferenceSeconds, audit.EmptySeconds));
        Assert.True(easy.ReferenceSeconds <= 2 * audit.EmptySeconds);
        Assert.False(audit.Stable);
    }

    [Fact]
    public void A_program_that_skipped_a_case_is_left_out_of_that_level_and_no_round_is_a_detail()
    {
        var audit = LevelCostAudits.Summarize([Round(1.0, null), Round(1.0, null)], 2e-5);
        Assert.Equal(2, audit.Levels![1].Clusters); // the sample did not run case 3: only the two references
        Assert.Equal(1, audit.Levels[0].Clusters);
        Assert.Equal("no round measured", LevelCostAudits.Summarize([], 2e-5).Detail);
        Assert.Null(LevelCostAudits.Summarize([new([0], [1], [Program(1e-5)], [])], 2e-5).Levels![0].Clusters); // one program: no clusters
    }
}
