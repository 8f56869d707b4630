namespace PerfJudge.Samples;

/// <summary>The valid samples of a file, the problems found in the others, and remarks about valid
/// lines that were read in one of two possible ways (<paramref name="Warnings"/>).</summary>
public sealed record SampleSet(IReadOnlyList<Sample> Samples, IReadOnlyList<SampleProblem> Problems,
    IReadOnlyList<SampleProblem>? Warnings = null)
{
    /// <summary>Remarks about valid lines (never null).</summary>
    public IReadOnlyList<SampleProblem> Remarks => Warnings ?? [];
}
