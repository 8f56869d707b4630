namespace PerfJudge.Server;

/// <summary>The body of <c>POST /v1/judge/batch</c>.</summary>
public sealed record BatchInput
{
    /// <summary>The judgements, at most 1,000.</summary>
    public IReadOnlyList<JudgeInput> Requests { get; init; } = [];
}
