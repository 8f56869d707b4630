using PerfJudge.Metrics;
using Level = PerfJudge.Metrics.DifferentialPerformance.CostLevel;

namespace PerfJudge.Tests.Metrics;

public class DifferentialPerformanceTests
{
    private static readonly List<Level> Levels = [new(10, 5), new(5, 3), new(2, 2)]; // slowest first

    [Theory]
    [InlineData(4.0, 0.8, 2.0 / 3)]   // beats the 10 and 5 levels, not the 2 level
    [InlineData(5.0, 0.8, 2.0 / 3)]   // a tie with a level counts as matching it
    [InlineData(1.0, 1.0, 1.0)]       // faster than every level
    [InlineData(2.0, 1.0, 1.0)]
    [InlineData(10.0, 0.5, 1.0 / 3)]
    [InlineData(12.0, 0.0, 0.0)]      // slower than every reference
    public void Scores_the_cumulative_share_of_matched_levels(double cost, double dps, double dpsNorm)
    {
        var (d, n) = DifferentialPerformance.Score(true, cost, Levels);
        Assert.Equal(dps, d, 12);
        Assert.Equal(dpsNorm, n, 12);
    }

    [Fact]
    public void A_failed_sample_scores_zero() => Assert.Equal((0.0, 0.0), DifferentialPerformance.Score(false, 0.1, Levels));

    [Fact]
    public void A_single_level_task_is_all_or_nothing()
    {
        List<Level> one = [new(3, 4)];
        Assert.Equal((1.0, 1.0), DifferentialPerformance.Score(true, 3, one));
        Assert.Equal((0.0, 0.0), DifferentialPerformance.Score(true, 3.01, one));
    }

    [Fact]
    public void Clustering_groups_costs_within_the_gap()
    {
        var levels = DifferentialPerformance.Cluster([1.0, 1.05, 2.0, 10.0, 9.5, 4.0], 0.1);
        Assert.Equal([10.0, 4.0, 2.0, 1.05], levels.Select(l => l.Cost));
        Assert.Equal([2, 1, 1, 2], levels.Select(l => l.References));
    }

    // Twelve scored cases of growing size, as on an ENAMEL task; costs in seconds.
    private static readonly double[] FastCases = [.. Enumerable.Range(1, 12).Select(i => 0.002 * i * i)];

    private static double[] Noisy(IReadOnlyList<double> cases, double factor, Random random, double sigma = 0.03)
    {
        // Each program's own bias in this run (layout, cache placement: 2% sd), then 3% sd per case;
        // a shift of the whole run cancels in every ratio and is left out.
        var shift = Math.Exp(0.02 * Gaussian(random));
        return [.. cases.Select(c => c * factor * shift * Math.Exp(sigma * Gaussian(random)))];
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Fact]
    public void A_sample_identical_to_the_fast_reference_matches_it_in_every_run_where_point_costs_flip()
    {
        var random = new Random(7);
        int intervalFull = 0, pointFull = 0;
        const int runs = 300;
        for (var run = 0; run < runs; run++)
        {
            IReadOnlyList<IReadOnlyList<double>> references = [Noisy(FastCases, 1, random), Noisy(FastCases, 2, random)];
            var sample = Noisy(FastCases, 1, random);
            var levels = DifferentialPerformance.ClusterByCases(references);
            Assert.Equal(2, levels.Count);
            if (DifferentialPerformance.ScoreByCases(true, sample, references, levels).Dps == 1.0)
            {
                intervalFull++;
            }
            if (DifferentialPerformance.Score(true, sample.Sum(), DifferentialPerformance.Cluster(references.Select(r => r.Sum()))).Dps == 1.0)
            {
                pointFull++;
            }
        }
        Assert.Equal(runs, intervalFull);
        Assert.InRange(pointFull, runs / 5, runs * 4 / 5); // the point rule gives 1.0 or 0.5 by chance
    }

    [Theory]
    [InlineData(2.0, 0.5)]  // as slow as the slow reference: its level only
    [InlineData(1.5, 0.5)]  // between the levels: still only the slow one
    [InlineData(0.5, 1.0)]  // faster than both
    [InlineData(3.0, 0.0)]  // slower than every reference
    public void Clearly_different_samples_keep_their_level_in_every_run(double factor, double dps)
    {
        var random = new Random(11);
        for (var run = 0; run < 300; run++)
        {
            IReadOnlyList<IReadOnlyList<double>> references = [Noisy(FastCases, 1, random), Noisy(FastCases, 2, random)];
            var levels = DifferentialPerformance.ClusterByCases(references);
            Assert.Equal(dps, DifferentialPerformance.ScoreByCases(true, Noisy(FastCases, factor, random), references, levels).Dps, 12);
        }
    }

    [Fact]
    public void References_within_noise_of_each_other_share_a_level()
    {
        var random = new Random(3);
        IReadOnlyList<IReadOnlyList<double>> references =
            [Noisy(FastCases, 1, random), Noisy(FastCases, 1.08, random), Noisy(FastCases, 3, random), Noisy(FastCases, 1, random)];
        var levels = DifferentialPerformance.ClusterByCases(references);
        Assert.Equal([1, 3], levels.Select(l => l.References));
        Assert.Equal(2, levels[0].Slowest);
    }

    [Fact]
    public void Incorrect_or_unmeasured_samples_score_zero()
    {
        IReadOnlyList<IReadOnlyList<double>> references = [FastCases];
        var levels = DifferentialPerformance.ClusterByCases(references);
        Assert.Equal((0.0, 0.0), DifferentialPerformance.ScoreByCases(false, FastCases, references, levels));
        Assert.Equal((0.0, 0.0), DifferentialPerformance.ScoreByCases(true, null, references, levels));
    }
}
