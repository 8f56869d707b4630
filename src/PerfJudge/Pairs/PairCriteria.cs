namespace PerfJudge.Pairs;

/// <summary>When two samples make a pair.</summary>
/// <param name="MinRatio">Efficiency: the cost ratio (slower / faster) must be at least this.</param>
/// <param name="Level">Confidence level of the ratio's interval, which must exclude 1.</param>
/// <param name="MinCases">Efficiency: scored cases needed for an interval worth the name.</param>
/// <param name="MaxPerTask">Pairs of each kind per task at most (efficiency: the largest ratios first).</param>
/// <param name="Efficiency">Make efficiency pairs.</param>
/// <param name="Correctness">Make correctness pairs.</param>
public sealed record PairCriteria(double MinRatio = 1.5, double Level = 0.95, int MinCases = 5, int MaxPerTask = 10,
    bool Efficiency = true, bool Correctness = true);
