namespace PerfJudge.Runners;

/// <summary>The input secret's file cannot be read or made, or is malformed: a problem of the
/// environment, reported with the file's name (<see cref="InputSecret.LoadOrCreate"/>).</summary>
public sealed class InputSecretException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InputSecretException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public InputSecretException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public InputSecretException(string message, Exception inner) : base(message, inner)
    {
    }
}
