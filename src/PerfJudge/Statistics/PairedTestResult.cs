namespace PerfJudge.Statistics;

/// <summary>Outcome of a two-sided paired test.</summary>
/// <param name="N">Pairs that carry information: non-zero differences (discordant pairs for McNemar).</param>
/// <param name="Statistic">The test statistic; each test's documentation says which.</param>
/// <param name="PValue">Two-sided p-value in (0, 1].</param>
/// <param name="Method">How <paramref name="PValue"/> was computed.</param>
public sealed record PairedTestResult(int N, double Statistic, double PValue, PairedTestMethod Method);
