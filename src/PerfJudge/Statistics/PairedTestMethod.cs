namespace PerfJudge.Statistics;

/// <summary>How a paired test's p-value was computed.</summary>
public enum PairedTestMethod
{
    /// <summary>Wilcoxon signed-rank, exact null distribution of the (mid)rank sum.</summary>
    WilcoxonExact,

    /// <summary>Wilcoxon signed-rank, normal approximation with tie and continuity corrections.</summary>
    WilcoxonNormal,

    /// <summary>Sign-flip permutation test of the mean difference, all 2^n sign assignments.</summary>
    SignFlipExact,

    /// <summary>Sign-flip permutation test of the mean difference, seeded Monte Carlo sample of sign assignments.</summary>
    SignFlipMonteCarlo,

    /// <summary>McNemar's test, exact binomial on the discordant pairs.</summary>
    McNemarExact,
}
