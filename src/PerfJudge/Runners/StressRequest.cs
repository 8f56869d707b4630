using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>Stress search of one task: find inputs that make its reference costly, separate its fast and slow
/// references, or spread the costs of given samples (docs/stress.md).</summary>
/// <param name="TaskId">Task id.</param>
/// <param name="Prompt">Trusted prompt.</param>
/// <param name="Test">The task's test code (its inputs seed the fuzzing).</param>
/// <param name="EntryPoint">Function called on each input.</param>
/// <param name="Generator">Input generator source (empty: fuzz the test inputs).</param>
/// <param name="Checker">Output checker source.</param>
/// <param name="References">Reference programs, fastest first.</param>
/// <param name="Limits">Limits of each reference process.</param>
/// <param name="Meter">Cost meter.</param>
/// <param name="Search">Parameters of the search.</param>
/// <param name="Samples">Distinct sample programs whose cost spread the selection maximizes (empty: none).</param>
public sealed record StressRequest(string TaskId, string Prompt, string Test, string EntryPoint, string Generator, string Checker,
    IReadOnlyList<string> References, ExecutionLimits Limits, string Meter, StressSearch Search, IReadOnlyList<string> Samples)
    : RunRequest<StressReply>(Limits)
{
    /// <inheritdoc />
    public override double HardSeconds
    {
        get
        {
            var perInput = Limits.WallSeconds + Search.GeneratorTimeout + 1;
            var inputs = 2 * (Search.BisectSteps + 40) + Search.Candidates + 200; // + up to ~200 fuzz recipes
            return 120 + inputs * perInput * Search.Rounds * References.Count + Search.Candidates * perInput * Search.Rounds * (Samples.Count + 1);
        }
    }

    /// <inheritdoc />
    public override StressReply Failure(Verdict verdict, string detail) => new(verdict, detail, null);
}
