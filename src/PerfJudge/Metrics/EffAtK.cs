namespace PerfJudge.Metrics;

/// <summary>ENAMEL's efficiency score of one sample and eff@k (Qiu et al., "How Efficient is
/// LLM-Generated Code?", ICLR 2025).</summary>
public static class EffAtK
{
    /// <summary>One level of a task: its hardness weight, the reference time on it (t_ref), and the
    /// time limit T (alpha × slowest reference time).</summary>
    public sealed record Level(double Hardness, double ReferenceTime, double TimeLimit);

    /// <summary>Efficiency of one sample: 0 if incorrect; otherwise the hardness-weighted mean of
    /// level scores (T − t) / (T − t_ref), clipped to [0, 1], where t is the sample's worst time on
    /// the level (null when it exceeded the limit); a level past the limit scores 0 and so do all
    /// later levels. Zero-hardness levels only check correctness and are skipped. With
    /// <paramref name="clipAboveOne"/> false a level score is only floored at 0, as ENAMEL's evaluator
    /// computes it (<c>max(0, T − t) / (T − t_ref)</c>): a sample faster than the reference scores above 1.
    /// A level is past the limit when t exceeds T + <paramref name="tolerance"/> (ENAMEL stops a run at
    /// T + 10 ms); between T and that, it scores 0 and later levels still count.</summary>
    public static double SampleEfficiency(bool correct, IReadOnlyList<Level> levels, IReadOnlyList<double?> worstTimes, bool clipAboveOne = true,
        double tolerance = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(worstTimes.Count, levels.Count);
        if (!correct)
        {
            return 0;
        }
        var weighted = 0.0;
        var weights = 0.0;
        var timedOut = false;
        for (var i = 0; i < levels.Count; i++)
        {
            var level = levels[i];
            if (level.Hardness == 0)
            {
                continue; // a zero-weight level (ENAMEL's level 0) only checks correctness
            }
            weights += level.Hardness;
            var t = worstTimes[i];
            if (timedOut || t is null || t > level.TimeLimit + tolerance)
            {
                timedOut = true;
                continue;
            }
            var span = level.TimeLimit - level.ReferenceTime;
            var score = span <= 0 ? 1.0 : Math.Max(0, (level.TimeLimit - t.Value) / span);
            score = clipAboveOne ? Math.Min(score, 1) : score;
            weighted += level.Hardness * score;
        }
        return weights == 0 ? 1.0 : weighted / weights;
    }

    /// <summary>eff@k of one task from its n sample efficiencies; null when k &gt; n.</summary>
    public static double? Estimate(IReadOnlyList<double> efficiencies, int k) => ExpectedMaxAtK.Estimate(efficiencies, k);
}
