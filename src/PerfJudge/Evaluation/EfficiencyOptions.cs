using PerfJudge.Judging;
using PerfJudge.Runners;

namespace PerfJudge.Evaluation;

/// <summary>Protocol of an efficiency run (defaults: ENAMEL's).</summary>
/// <param name="Limits">Per-program limits (the time limit of each case comes from the references).</param>
/// <param name="Rounds">Repetitions, each in fresh processes; per-case cost is the protocol's estimator over them (median, or Hodges–Lehmann under ENAMEL's).</param>
/// <param name="Alpha">Time limit of a level = alpha × the slowest reference on it.</param>
/// <param name="Seed">Seed of the input generators; same seed, same inputs.</param>
/// <param name="Meter"><c>cpu</c> (on-CPU time of the candidate, from the kernel) or <c>wall</c>.</param>
/// <param name="Protocol">Measurement and scoring protocol; null: PerfJudge's.</param>
/// <param name="ExtraRounds">After <paramref name="Rounds"/>, the protocol's extra rounds within its budget
/// (<see cref="EfficiencyProtocol.RoundBudgetSeconds"/>); <c>eval</c> asks for them unless <c>--rounds</c> is given.</param>
public sealed record EfficiencyOptions(ExecutionLimits Limits, int Rounds = 1, double Alpha = 2.0, int Seed = 0, string Meter = "cpu",
    EfficiencyProtocol? Protocol = null, bool ExtraRounds = false)
{
    /// <summary>The protocol in force.</summary>
    public EfficiencyProtocol EffectiveProtocol => Protocol ?? EfficiencyProtocol.PerfJudge;
}
