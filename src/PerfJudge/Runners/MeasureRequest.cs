using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>Repeated measurement of programs on one input, alternating them round by round.</summary>
/// <param name="Programs">The programs (one, or two to compare).</param>
/// <param name="EntryPoint">Function called.</param>
/// <param name="ArgsJson">The call's arguments as a JSON array.</param>
/// <param name="Rounds">Repetitions of each program, each in a fresh process.</param>
/// <param name="Meter">Cost meter.</param>
/// <param name="Limits">Limits of each process.</param>
public sealed record MeasureRequest(IReadOnlyList<string> Programs, string EntryPoint, string ArgsJson, int Rounds, string Meter,
    ExecutionLimits Limits) : RunRequest<MeasureReply>(Limits)
{
    /// <inheritdoc />
    public override double HardSeconds => Rounds * Programs.Count * (Limits.WallSeconds + 5) + 30;

    /// <inheritdoc />
    public override MeasureReply Failure(Verdict verdict, string detail) => new(verdict, detail, [], 0, []);

    /// <summary>Measurements are never replayed: repeating them is their point.</summary>
    public override bool Storable(MeasureReply reply) => false;
}
