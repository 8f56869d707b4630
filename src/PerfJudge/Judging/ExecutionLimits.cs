namespace PerfJudge.Judging;

/// <summary>Per-sample limits. Validated once; all problems reported together.</summary>
/// <param name="WallSeconds">Wall-clock budget for loading the program and all calls.</param>
/// <param name="CpuSeconds">CPU-time limit (RLIMIT_CPU, rounded up to whole seconds).</param>
/// <param name="MemoryBytes">Address-space limit of the candidate process.</param>
/// <param name="FileBytes">Largest file the candidate may write (RLIMIT_FSIZE).</param>
/// <param name="OutputBytes">Bytes of stdout+stderr beyond which the verdict is output_limit.</param>
/// <param name="Processes">Processes and threads of the candidate's uid (RLIMIT_NPROC).</param>
public sealed record ExecutionLimits(double WallSeconds = 3, double CpuSeconds = 3, long MemoryBytes = 1L << 30,
    long FileBytes = 16L << 20, long OutputBytes = 1L << 20, int Processes = 32)
{
    /// <summary>The defaults.</summary>
    public static ExecutionLimits Default { get; } = new();

    /// <summary>Limits with the same value for wall and CPU time.</summary>
    public static ExecutionLimits WithTimeout(double seconds) => Default with { WallSeconds = seconds, CpuSeconds = seconds };

    /// <summary>Returns every problem with these limits (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(WallSeconds > 0 && WallSeconds <= 3600)) errors.Add(FormattableString.Invariant($"timeout must be in (0, 3600] seconds, not {WallSeconds}"));
        // --timeout sets both; name the CPU limit only when it was set on its own.
        if (!(CpuSeconds > 0 && CpuSeconds <= 3600) && !CpuSeconds.Equals(WallSeconds)) errors.Add(FormattableString.Invariant($"CPU limit must be in (0, 3600] seconds, not {CpuSeconds}"));
        if (MemoryBytes < 64L << 20) errors.Add(FormattableString.Invariant($"memory limit must be at least 64 MiB, not {MemoryBytes >> 20} MiB"));
        if (FileBytes < 1024) errors.Add("file size limit must be at least 1 KiB");
        if (OutputBytes < 1024 || OutputBytes > FileBytes) errors.Add("output limit must be at least 1 KiB and at most the file size limit");
        if (Processes < 1) errors.Add("process limit must be at least 1");
        return errors;
    }
}
