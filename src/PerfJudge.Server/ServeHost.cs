using Microsoft.AspNetCore.Builder;
using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Tasks;

namespace PerfJudge.Server;

/// <summary>Starts the judge service from a configuration: the front-end-independent part of
/// <c>perfjudge serve</c> (the CLI parses, this starts, the host runs until stopped).</summary>
public static class ServeHost
{
    /// <summary>The configuration of <paramref name="path"/> (or the defaults) with the given overrides,
    /// or null with the problems in <paramref name="diagnostics"/>.</summary>
    public static ServerConfig? Configure(string? path, string? urls, IReadOnlyList<string> suites, int? workers, string? isolation,
        string? store, ICollection<Diagnostic> diagnostics)
    {
        var config = path is null ? new ServerConfig() : ServerConfig.Load(path, diagnostics);
        if (config is null)
        {
            return null;
        }
        config = config with
        {
            Urls = urls ?? config.Urls,
            Suites = suites.Count > 0 ? suites : config.Suites,
            Workers = workers ?? config.Workers,
            Isolation = isolation ?? config.Isolation,
            Store = store ?? config.Store,
        };
        foreach (var problem in config.Validate())
        {
            diagnostics.Add(problem);
        }
        if (config.Keys.Count == 0 && !JudgeServer.LoopbackOnly(config.Urls))
        {
            diagnostics.Add(Diagnostic.Usage("--urls", $"'{config.Urls}' is not loopback-only; a server reachable from other machines needs API keys in --config (docs/serve.md)"));
        }
        return diagnostics.Any(d => d.IsError) ? null : config;
    }

    /// <summary>Starts the engine and builds the application, or returns null with the problems in <paramref name="diagnostics"/>.</summary>
    public static async Task<WebApplication?> StartAsync(ServerConfig config, IEngineFactory engines, SuiteResolver suites,
        ICollection<Diagnostic> diagnostics, CancellationToken cancel)
    {
        var service = await JudgeService.StartAsync(config, engines, suites, diagnostics, cancel);
        return service is null ? null : JudgeServer.Build(config, service);
    }
}
