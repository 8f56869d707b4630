using MathNet.Numerics;

namespace PerfJudge.Statistics;

/// <summary>McNemar's exact test for paired pass/fail outcomes: under the null hypothesis each
/// discordant pair (one passed, the other failed) goes either way with probability 1/2, so the number
/// passed only by the first is Binomial(b + c, 1/2).</summary>
public static class McNemarTest
{
    /// <summary>Exact two-sided test on paired outcomes (first[i], second[i]) of the same tasks.</summary>
    public static PairedTestResult Exact(IReadOnlyList<bool> first, IReadOnlyList<bool> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Count != second.Count)
        {
            throw new ArgumentException($"Paired outcomes differ in length ({first.Count} and {second.Count}).", nameof(second));
        }
        var onlyFirst = first.Zip(second).Count(p => p.First && !p.Second);
        var onlySecond = first.Zip(second).Count(p => !p.First && p.Second);
        return Exact(onlyFirst, onlySecond);
    }

    /// <summary>Exact two-sided test from the discordant counts: b = pairs only the first passed,
    /// c = pairs only the second passed. The statistic is b; N is b + c; the p-value is
    /// min(1, 2 P(X &lt;= min(b, c))) for X ~ Binomial(b + c, 1/2), and 1 when there is no discordant pair.</summary>
    public static PairedTestResult Exact(int onlyFirstPassed, int onlySecondPassed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(onlyFirstPassed);
        ArgumentOutOfRangeException.ThrowIfNegative(onlySecondPassed);
        var n = onlyFirstPassed + onlySecondPassed;
        var tail = 0.0;
        for (var i = 0; i <= Math.Min(onlyFirstPassed, onlySecondPassed); i++)
        {
            tail += Math.Exp(SpecialFunctions.BinomialLn(n, i) - n * Math.Log(2));
        }
        return new PairedTestResult(n, onlyFirstPassed, Math.Min(1, 2 * tail), PairedTestMethod.McNemarExact);
    }
}
