using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>What a runner answered, decided on the trusted side.</summary>
/// <param name="Verdict">The verdict of the request as a whole.</param>
/// <param name="Detail">Why, when not passed.</param>
public abstract record RunReply(Verdict Verdict, string? Detail)
{
    /// <summary>True when the reply was replayed from the store instead of run.</summary>
    public bool FromStore { get; init; }
}
