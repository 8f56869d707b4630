namespace PerfJudge.Cli;

/// <summary>An invalid combination of options, found after parsing (exit code 2).</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UsageException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public UsageException() { }

    /// <summary>Creates the exception.</summary>
    public UsageException(string message, Exception inner) : base(message, inner) { }
}
