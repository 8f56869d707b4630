namespace PerfJudge.Storage;

/// <summary>The result store cannot be read or written (a corrupt or truncated file, not a SQLite
/// file, no access, a full disk): an environment problem the front end reports in one line.</summary>
public sealed class StoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public StoreException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public StoreException() { }

    /// <summary>The message for a store at <paramref name="path"/> that failed with <paramref name="reason"/>.</summary>
    public static string Describe(string path, string reason) =>
        $"the result store '{path}' cannot be used ({reason.TrimEnd('.')}); it may be corrupt or truncated: move it away (a new one is then created) or pass --store PATH or --no-cache";
}
