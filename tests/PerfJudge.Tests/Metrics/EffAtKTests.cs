using PerfJudge.Metrics;

namespace PerfJudge.Tests.Metrics;

public class EffAtKTests
{
    private static double BruteForceExpectedMax(List<double> scores, int k)
    {
        var n = scores.Count;
        double sum = 0;
        long count = 0;
        for (var mask = 0; mask < 1 << n; mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) != k) continue;
            var best = double.NegativeInfinity;
            for (var i = 0; i < n; i++) if ((mask >> i & 1) != 0) best = Math.Max(best, scores[i]);
            sum += best;
            count++;
        }
        return sum / count;
    }

    [Fact]
    public void Equals_the_brute_force_expectation_over_all_k_subsets()
    {
        var random = new Random(20261126);
        for (var n = 1; n <= 10; n++)
        {
            for (var trial = 0; trial < 5; trial++)
            {
                // Include ties and zeros (incorrect samples) as real data has them.
                var scores = Enumerable.Range(0, n).Select(_ => random.Next(4) == 0 ? 0.0 : Math.Round(random.NextDouble(), trial % 2 == 0 ? 1 : 6)).ToList();
                for (var k = 1; k <= n; k++)
                {
                    Assert.Equal(BruteForceExpectedMax(scores, k), EffAtK.Estimate(scores, k)!.Value, 1e-12);
                }
            }
        }
    }

    [Fact]
    public void With_zero_one_scores_it_is_pass_at_k()
    {
        for (var n = 1; n <= 12; n++)
            for (var c = 0; c <= n; c++)
                for (var k = 1; k <= n; k++)
                {
                    var scores = Enumerable.Range(0, n).Select(i => i < c ? 1.0 : 0.0).ToList();
                    Assert.Equal(PassAtK.Estimate(n, c, k)!.Value, ExpectedMaxAtK.Estimate(scores, k)!.Value, 1e-12);
                }
    }

    [Fact]
    public void Is_stable_for_large_n() =>
        Assert.Equal(1.0, ExpectedMaxAtK.Estimate(Enumerable.Repeat(1.0, 1000).ToList(), 100)!.Value, 1e-12);

    [Fact]
    public void K_above_n_is_not_computable() => Assert.Null(EffAtK.Estimate([0.5], 2));

    [Fact]
    public void Sample_efficiency_follows_the_level_formula()
    {
        var levels = new List<EffAtK.Level>
        {
            new(0, 1.0, 2.0), new(3, 1.0, 2.0), new(3, 2.0, 4.0), new(4, 1.0, 3.0),
        };
        // Level scores: (2-1.5)/(2-1)=0.5, (4-2)/(4-2)=1, (3-2)/(3-1)=0.5; weights 3,3,4 (level 0 has weight 0).
        var e = EffAtK.SampleEfficiency(true, levels, [1.0, 1.5, 2.0, 2.0]);
        Assert.Equal((3 * 0.5 + 3 * 1 + 4 * 0.5) / 10, e, 12);
        Assert.Equal(0, EffAtK.SampleEfficiency(false, levels, [1.0, 1.5, 2.0, 2.0]));
        // Past the limit on level 2: it and every later level score 0.
        Assert.Equal(3 * 0.5 / 10, EffAtK.SampleEfficiency(true, levels, [1.0, 1.5, null, 0.5]), 12);
        // Faster than the reference is clipped to 1.
        Assert.Equal(1.0, EffAtK.SampleEfficiency(true, levels, [0.1, 0.1, 0.1, 0.1]), 12);
    }

    [Fact]
    public void Enamels_protocol_keeps_level_scores_above_one_for_samples_faster_than_the_reference()
    {
        var levels = new List<EffAtK.Level> { new(0, 1.0, 4.0), new(3, 1.0, 4.0), new(1, 2.0, 4.0) };
        // ENAMEL: max(0, T - t) / (T - t_ref): (4-0.5)/(4-1) = 7/6 and (4-1)/(4-2) = 1.5, weights 3 and 1.
        Assert.Equal((3 * 7.0 / 6 + 1.5) / 4, EffAtK.SampleEfficiency(true, levels, [0.1, 0.5, 1.0], clipAboveOne: false), 12);
        Assert.Equal(1.0, EffAtK.SampleEfficiency(true, levels, [0.1, 0.5, 1.0]), 12);
        // The floor at 0 and the censoring are the same under both.
        Assert.Equal(0, EffAtK.SampleEfficiency(true, levels, [0.1, 5.0, 1.0], clipAboveOne: false), 12);
        // With ENAMEL's tolerance a level a little over T scores 0 alone; far over, later levels too.
        Assert.Equal(1.5 / 4, EffAtK.SampleEfficiency(true, levels, [0.1, 4.005, 1.0], clipAboveOne: false, tolerance: 0.01), 12);
        Assert.Equal(0, EffAtK.SampleEfficiency(true, levels, [0.1, 4.02, 1.0], clipAboveOne: false, tolerance: 0.01), 12);
    }
}
