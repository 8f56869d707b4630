using System.CommandLine;

namespace PerfJudge.Cli;

/// <summary>The <c>--store</c> option, declared once for every command that reads or writes the store.</summary>
public static class StoreOption
{
    /// <summary>The default store path.</summary>
    public static readonly string DefaultPath = Path.Combine(".perfjudge", "results.db");

    /// <summary>A new <c>--store</c> option (System.CommandLine options belong to one command each).</summary>
    public static Option<string> Create() => new("--store") { Description = "Result store (SQLite)", DefaultValueFactory = _ => DefaultPath };
}
