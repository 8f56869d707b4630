namespace PerfJudge.Runners;

/// <summary>How an efficiency task is measured and scored (docs/enamel-fidelity.md): the parts where
/// ENAMEL's evaluator and PerfJudge's own protocol differ, as one named choice.</summary>
/// <param name="Name">Its name on the command line (<c>--protocol</c>).</param>
/// <param name="TaskWideLimit">One time limit T for the whole task, alpha × the reference's slowest
/// case over the scored levels (ENAMEL); false: one T per level, alpha × the slowest reference case on it.</param>
/// <param name="Estimator">Per-case estimate over rounds: <c>median</c> or <c>hodges-lehmann</c> (ENAMEL).</param>
/// <param name="CollectGarbage">False: the candidate runs with Python's cyclic garbage collector off
/// (ENAMEL disables it around each execution).</param>
/// <param name="ClipAboveOne">Clip level scores to at most 1 (PerfJudge); ENAMEL lets a sample faster
/// than the reference score above 1 on a level.</param>
/// <param name="CallOnly">Cost of the call alone: each case's cost less that of a trusted program that
/// does no work on the same arguments and returns the answer (ENAMEL times only the call); false: the
/// whole round trip (docs/measurement.md).</param>
/// <param name="Tolerance">A level counts as past its limit (it and later levels score 0) only above
/// T + this, in the meter's unit; between T and that it scores 0 alone (ENAMEL: 0.01 s).</param>
/// <param name="WarmUpPerLevel">Before a generated level's first case, one unmeasured call on an extra
/// input of that level that is never scored (ENAMEL's code runs hot in one process; a fresh process
/// pays its cold start on the level's first case).</param>
/// <param name="CensorResourceErrors">A <c>MemoryError</c> or <c>OverflowError</c> on a scored level ends
/// it like a timeout (that level and later ones score 0; the sample still passes), as ENAMEL's evaluator
/// does; false: any exception is an error verdict.</param>
/// <param name="Rounds">Rounds when <c>--rounds</c> is not given: 6 under ENAMEL's protocol (its repetition count;
/// over 6 rounds Hodges-Lehmann lets one slow round through far less than over 3, docs/enamel-fidelity.md), else 3.</param>
/// <param name="RoundBudgetSeconds">Extra rounds when <c>--rounds</c> is not given (<see cref="Evaluation.EfficiencyOptions.ExtraRounds"/>): after <paramref name="Rounds"/>, the worker
/// goes on with more rounds, up to <paramref name="MaxRounds"/>, while the rounds after the first have taken less than this
/// many seconds per measured program (references, samples and the null program): cheap tasks get more rounds, costly ones
/// keep <paramref name="Rounds"/>. The rounds of one task are what its per-case estimates vary with between runs
/// (docs/enamel-fidelity.md, stop 26). 0: exactly <paramref name="Rounds"/>.</param>
/// <param name="MaxRounds">The most rounds extra rounds may reach.</param>
public sealed record EfficiencyProtocol(string Name, bool TaskWideLimit, string Estimator, bool CollectGarbage, bool ClipAboveOne,
    bool CallOnly, double Tolerance, bool WarmUpPerLevel = false, bool CensorResourceErrors = false, int Rounds = 3,
    double RoundBudgetSeconds = 0, int MaxRounds = 0)
{
    /// <summary>Whether extra rounds may follow <see cref="Rounds"/>.</summary>
    public bool ExtraRounds => RoundBudgetSeconds > 0 && MaxRounds > 0;

    /// <summary>PerfJudge's protocol (the default outside the ENAMEL suite).</summary>
    public static readonly EfficiencyProtocol PerfJudge = new("perfjudge", false, "median", true, true, false, 0);

    /// <summary>ENAMEL's evaluator (the default on the ENAMEL suite).</summary>
    public static readonly EfficiencyProtocol Enamel = new("enamel", true, "hodges-lehmann", false, false, true, 0.01, true, true, Rounds: 6,
        RoundBudgetSeconds: 2.0, MaxRounds: 18);

    /// <summary>The protocols by name.</summary>
    public static IReadOnlyList<EfficiencyProtocol> All { get; } = [PerfJudge, Enamel];

    /// <summary>The protocol named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static EfficiencyProtocol? Named(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The protocol a suite is judged with when none is named: ENAMEL's on the ENAMEL suite.</summary>
    public static EfficiencyProtocol DefaultFor(string suiteName) =>
        string.Equals(suiteName, "enamel", StringComparison.OrdinalIgnoreCase) ? Enamel : PerfJudge;
}
