namespace PerfJudge.Sandbox;

/// <summary>How strongly a candidate is isolated, weakest first.</summary>
public enum IsolationLevel
{
    /// <summary>Resource limits only; the candidate sees the host file system.</summary>
    Rlimits = 0,
    /// <summary>Linux namespaces via unshare (pid, net, ipc, uts, mount) plus rlimits.</summary>
    Namespaces = 1,
    /// <summary>bubblewrap: read-only system, private temp dir, no network, own pid namespace.</summary>
    Bubblewrap = 2,
}

/// <summary>Names of isolation levels as stored with results.</summary>
public static class IsolationLevelNames
{
    /// <summary>Lower-case name stored with each result.</summary>
    public static string Name(this IsolationLevel level) => level switch
    {
        IsolationLevel.Bubblewrap => "bubblewrap",
        IsolationLevel.Namespaces => "namespaces",
        _ => "rlimits",
    };
}
