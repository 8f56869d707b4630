namespace PerfJudge.Samples;

/// <summary>The valid samples of a file and the problems found in the others.</summary>
public sealed record SampleSet(IReadOnlyList<Sample> Samples, IReadOnlyList<SampleProblem> Problems);
