namespace PerfJudge.Judging;

/// <summary>Outcome of judging one sample, decided on the trusted side.</summary>
public enum Verdict
{
    /// <summary>Every check held.</summary>
    Passed,
    /// <summary>A check failed, or the candidate returned something that is not plain data.</summary>
    Failed,
    /// <summary>The candidate raised an exception (type and message in the detail).</summary>
    Error,
    /// <summary>Wall-clock or CPU time limit reached.</summary>
    Timeout,
    /// <summary>Memory limit reached.</summary>
    MemoryLimit,
    /// <summary>Output limit reached.</summary>
    OutputLimit,
    /// <summary>The candidate process ended without answering (exit, signal).</summary>
    Crashed,
    /// <summary>A whole program did not compile (the compiler's message, trimmed, in the detail).</summary>
    CompileError,
    /// <summary>The sandbox or worker failed; not the candidate's fault.</summary>
    SandboxError,
}

/// <summary>Names of verdicts as they appear in reports and JSON.</summary>
public static class VerdictNames
{
    /// <summary>All verdicts in report order.</summary>
    public static readonly IReadOnlyList<Verdict> All = Enum.GetValues<Verdict>();

    /// <summary>The snake_case name, e.g. <c>memory_limit</c>.</summary>
    public static string Name(this Verdict verdict) => verdict switch
    {
        Verdict.Passed => "passed",
        Verdict.Failed => "failed",
        Verdict.Error => "error",
        Verdict.Timeout => "timeout",
        Verdict.MemoryLimit => "memory_limit",
        Verdict.OutputLimit => "output_limit",
        Verdict.Crashed => "crashed",
        Verdict.CompileError => "compile_error",
        _ => "sandbox_error",
    };

    /// <summary>Parses a snake_case name; unknown names become <see cref="Verdict.SandboxError"/>.</summary>
    public static Verdict Parse(string? name) =>
        All.FirstOrDefault(v => v.Name() == name, Verdict.SandboxError);
}
