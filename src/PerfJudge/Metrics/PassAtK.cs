namespace PerfJudge.Metrics;

/// <summary>The unbiased pass@k estimator of Chen et al. (2021), "Evaluating Large Language
/// Models Trained on Code": pass@k = 1 - C(n-c, k) / C(n, k) for n samples of which c pass.</summary>
public static class PassAtK
{
    /// <summary>Estimates pass@k for one task; null when k &gt; n (not computable).</summary>
    public static double? Estimate(int n, int c, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(c, n);
        if (k > n)
        {
            return null;
        }
        if (n - c < k)
        {
            return 1.0;
        }
        // Numerically stable product form: C(n-c,k)/C(n,k) = prod_{i=n-c+1}^{n} (1 - k/i).
        var fail = 1.0;
        for (var i = n - c + 1; i <= n; i++)
        {
            fail *= 1.0 - (double)k / i;
        }
        return 1.0 - fail;
    }
}
