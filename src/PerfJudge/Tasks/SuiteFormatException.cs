namespace PerfJudge.Tasks;

/// <summary>A suite file that cannot be read; the message names the file, line and field.</summary>
public sealed class SuiteFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SuiteFormatException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public SuiteFormatException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public SuiteFormatException() { }
}
