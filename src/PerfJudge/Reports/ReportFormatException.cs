namespace PerfJudge.Reports;

/// <summary>A results document that cannot be read; the message names the source and the field.</summary>
public sealed class ReportFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReportFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ReportFormatException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ReportFormatException()
    {
    }
}
