namespace PerfJudge.Runners;

/// <summary>A runner could not start its sandboxed processes: a problem of the environment (interpreter,
/// isolation tools, permissions), reported to the user as such; every other exception is a bug.</summary>
public sealed class RunnerStartException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunnerStartException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RunnerStartException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public RunnerStartException(string message, Exception inner) : base(message, inner)
    {
    }
}
