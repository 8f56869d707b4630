namespace PerfJudge.Judging;

/// <summary>What a diagnostic is about; front ends map errors to exit codes by kind.</summary>
public enum DiagnosticKind
{
    /// <summary>The request itself is wrong (options, arguments): exit code 2.</summary>
    Usage,
    /// <summary>An input file or data set is wrong or missing: exit code 1.</summary>
    Input,
    /// <summary>The machine lacks something (interpreter, sandbox, meter, permissions): exit code 1.</summary>
    Environment,
    /// <summary>Worth telling, but the job goes on.</summary>
    Warning,
    /// <summary>A fact about the run (the meter picked, the level probed).</summary>
    Note,
}
