using PerfJudge.Runners;

namespace PerfJudge.Results;

/// <summary>Where rows were judged: the runner's isolation, runtime and machine.</summary>
/// <param name="Isolation">Isolation level name.</param>
/// <param name="Runtime">Language runtime and version.</param>
/// <param name="Machine">Machine fingerprint.</param>
public sealed record RowEnvironment(string Isolation, string Runtime, string Machine)
{
    /// <summary>The environment of <paramref name="runner"/>.</summary>
    public static RowEnvironment Of(RunnerInfo runner) => new(runner.Isolation, runner.Runtime, runner.Machine);
}
