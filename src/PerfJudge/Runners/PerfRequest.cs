using PerfJudge.Judging;
using PerfJudge.Tasks;

namespace PerfJudge.Runners;

/// <summary>Efficiency: a whole task — its references and every distinct sample program — measured
/// in one request, interleaved round by round, so relative scores hold (docs/measurement.md).</summary>
/// <param name="TaskId">Task id (for messages).</param>
/// <param name="Prompt">Trusted prompt (helpers the generator and checker may use).</param>
/// <param name="EntryPoint">Function called on each input.</param>
/// <param name="Generator">Input generator source.</param>
/// <param name="Levels">Levels of inputs: size, count, hardness, or literal inputs.</param>
/// <param name="Seed">Seed of the input generator.</param>
/// <param name="Checker">Output checker source.</param>
/// <param name="References">Reference programs, fastest first.</param>
/// <param name="Samples">Distinct sample programs.</param>
/// <param name="Limits">Limits of each program's process.</param>
/// <param name="Alpha">A level's time limit is alpha times its slowest limiting reference.</param>
/// <param name="LimitReferences">How many references (fastest first) set the limits; null: all.</param>
/// <param name="Rounds">Repetitions in fresh processes (the protocol's estimator per case).</param>
/// <param name="Meter">Cost meter.</param>
/// <param name="Protocol">Measurement protocol; null: PerfJudge's.</param>
/// <param name="ExtraRounds">More rounds after <paramref name="Rounds"/>, within <paramref name="Protocol"/>'s budget.</param>
public sealed record PerfRequest(string TaskId, string Prompt, string EntryPoint, string Generator,
    IReadOnlyList<EfficiencyLevel> Levels, int Seed, string Checker, IReadOnlyList<string> References,
    IReadOnlyList<string> Samples, ExecutionLimits Limits, double Alpha, int? LimitReferences, int Rounds, string Meter,
    EfficiencyProtocol? Protocol = null, bool ExtraRounds = false)
    : RunRequest<PerfReply>(Limits)
{
    /// <inheritdoc />
    public override double HardSeconds => (Samples.Count + References.Count) * Rounds * (Limits.WallSeconds * 2 + 5) + 60
        // Extra rounds start only while the budget is not spent, and each is bounded like the others.
        + (ExtraRounds && Protocol is { } p ? (Samples.Count + References.Count + 1) * (p.RoundBudgetSeconds + Limits.WallSeconds * 2 + 5) : 0);

    /// <inheritdoc />
    public override bool UsesInputSecret => true;

    /// <inheritdoc />
    public override PerfReply Failure(Verdict verdict, string detail) => new(verdict, detail, null);
}
