namespace PerfJudge.Metrics;

/// <summary>One candidate (typically a model) in a cost–quality trade-off: lower
/// <paramref name="Cost"/> is better, higher <paramref name="Quality"/> is better.</summary>
/// <param name="Name">Identifies the point; unique within one front.</param>
/// <param name="Cost">Any cost (USD, seconds, tokens); finite.</param>
/// <param name="Quality">Any quality (pass@1, eff@1, ...); finite.</param>
public sealed record ParetoPoint(string Name, double Cost, double Quality)
{
    /// <summary>True when this point dominates <paramref name="other"/>: no worse on both axes and
    /// strictly better on at least one. Points equal on both axes do not dominate each other.</summary>
    public bool Dominates(ParetoPoint other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Cost <= other.Cost && Quality >= other.Quality && (Cost < other.Cost || Quality > other.Quality);
    }
}
