using System.CommandLine;

namespace PerfJudge.Cli;

/// <summary>The <c>--store</c> option, declared once for every command that reads or writes the store.</summary>
public static class StoreOption
{
    /// <summary>The default store path.</summary>
    public static readonly string DefaultPath = Path.Combine(".perfjudge", "results.db");

    /// <summary>A new <c>--store</c> option (System.CommandLine options belong to one command each); its
    /// default is <c>$PERFJUDGE_STORE</c>, else <see cref="DefaultPath"/>.</summary>
    public static Option<string> Create() => new("--store")
    {
        Description = "Result store: a SQLite file, or postgres://user:password@host:port/database (default: $PERFJUDGE_STORE, else .perfjudge/results.db)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(PerfJudge.Storage.ResultStores.EnvironmentVariable) is { Length: > 0 } env ? env : DefaultPath,
    };
}
