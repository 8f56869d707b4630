namespace PerfJudge.Runners.Python;

/// <summary>A worker could not be started in its sandbox: a problem of the environment (interpreter,
/// isolation tools, permissions), reported to the user as such; every other exception is a bug.</summary>
public sealed class SandboxStartException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SandboxStartException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SandboxStartException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SandboxStartException(string message, Exception inner) : base(message, inner)
    {
    }
}
