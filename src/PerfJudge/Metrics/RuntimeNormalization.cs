namespace PerfJudge.Metrics;

/// <summary>Runtime scores of Mercury and EffiBench.</summary>
public static class RuntimeNormalization
{
    /// <summary>Mercury's per-sample Beyond (Du et al., 2024): where a correct sample's runtime falls
    /// in the range of the reference runtimes, (max − r) / (max − min), clipped to [0, 1]; 0 when
    /// incorrect. Beyond@k is E[max over k] of it.</summary>
    public static double Beyond(bool correct, double runtime, IReadOnlyList<double> referenceRuntimes)
    {
        if (!correct)
        {
            return 0;
        }
        var max = referenceRuntimes.Max();
        var min = referenceRuntimes.Min();
        if (max <= min)
        {
            return runtime <= max ? 1 : 0;
        }
        return Math.Clamp((max - runtime) / (max - min), 0, 1);
    }

    /// <summary>Beyond@k of one task.</summary>
    public static double? BeyondAtK(IReadOnlyList<double> beyondScores, int k) => ExpectedMaxAtK.Estimate(beyondScores, k);

    /// <summary>EffiBench's NET (Huang et al., 2024): sample execution time / canonical execution time.</summary>
    public static double NormalizedExecutionTime(double sampleTime, double canonicalTime) => sampleTime / canonicalTime;

    /// <summary>EffiBench's NMU: sample peak memory / canonical peak memory.</summary>
    public static double NormalizedMaxMemory(double samplePeak, double canonicalPeak) => samplePeak / canonicalPeak;
}
