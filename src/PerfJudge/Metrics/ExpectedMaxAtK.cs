namespace PerfJudge.Metrics;

/// <summary>The unbiased Rao–Blackwellized estimator of E[max of k scores drawn without
/// replacement from n] used by ENAMEL's eff@k (Qiu et al., ICLR 2025): with scores sorted
/// ascending, e_(1) ≤ … ≤ e_(n),
/// <c>E = Σ_{i=k}^{n} C(i-1, k-1) / C(n, k) · e_(i)</c>.
/// pass@k is the special case of 0/1 scores.</summary>
public static class ExpectedMaxAtK
{
    /// <summary>Estimates E[max of k]; null when k &gt; n.</summary>
    public static double? Estimate(IReadOnlyList<double> scores, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var n = scores.Count;
        if (k > n)
        {
            return null;
        }
        var sorted = scores.Order().ToArray();
        // Weights in the numerically stable recursive form (no binomials):
        // w_n = C(n-1,k-1)/C(n,k) = k/n, and w_{i-1} = w_i · (i-k)/(i-1).
        var weight = (double)k / n;
        var sum = 0.0;
        for (var i = n; i >= k; i--)
        {
            sum += weight * sorted[i - 1];
            if (i > 1)
            {
                weight *= (double)(i - k) / (i - 1);
            }
        }
        return sum;
    }
}
