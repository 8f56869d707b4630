namespace PerfJudge.Server;

/// <summary>Options of one judgement; absent ones take the server's defaults.</summary>
public sealed record JudgeInputOptions
{
    /// <summary>Wall and CPU limit per candidate, seconds.</summary>
    public double TimeoutSeconds { get; init; } = 3;

    /// <summary>Memory limit, MiB.</summary>
    public int MemoryMb { get; init; } = 1024;

    /// <summary>Efficiency tasks: rounds in fresh processes.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Efficiency tasks: meter (<c>auto</c>, <c>cpu</c>, <c>wall</c>, <c>instructions</c>).</summary>
    public string Meter { get; init; } = "auto";
}
