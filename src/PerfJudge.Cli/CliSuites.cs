using PerfJudge.Tasks;

namespace PerfJudge.Cli;

/// <summary>Where the CLI finds suites: the built-in ones shipped beside it, the user's cache, downloads.</summary>
public static class CliSuites
{
    /// <summary>The resolver every command uses for <c>--suite</c>.</summary>
    public static SuiteResolver Resolver() =>
        new(Path.Combine(AppContext.BaseDirectory, "suites"), SuiteResolver.DefaultCacheDir(), Download.ToFileAsync);
}
