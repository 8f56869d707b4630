using System.CommandLine;
using Microsoft.Extensions.Hosting;
using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Server;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary><c>perfjudge serve</c>: the HTTP judge (docs/serve.md), until Ctrl-C or SIGTERM; accepted work finishes first.</summary>
public static class ServeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on (default http://127.0.0.1:8080; non-loopback needs API keys)" };
        var config = new Option<string?>("--config") { Description = "Configuration file (JSON: keys, limits, queue, suites; docs/serve.md)" };
        var suite = new Option<string[]>("--suite") { Description = "Suites whose tasks /v1/judge accepts (repeatable; default: demo)", AllowMultipleArgumentsPerToken = true };
        var engine = new EngineOptionSet(timeout: 3.0);
        var command = new Command("serve", "Serve the judge over HTTP: SandboxFusion-compatible /run_code and the native /v1/judge API") { urls, config, suite };
        command.Options.Add(engine.Jobs);
        command.Options.Add(engine.Isolation);
        command.Options.Add(engine.Store);
        command.SetAction(async (parse, cancel) =>
        {
            var diagnostics = new List<Diagnostic>();
            var jobs = parse.GetResult(engine.Jobs) is { Implicit: false } ? parse.GetValue(engine.Jobs) : (int?)null;
            var store = parse.GetResult(engine.Store) is { Implicit: false } ? parse.GetValue(engine.Store) : null;
            var settings = ServeHost.Configure(parse.GetValue(config), parse.GetValue(urls), parse.GetValue(suite) ?? [], jobs,
                parse.GetValue(engine.Isolation), store, diagnostics);
            var app = settings is null ? null
                : await ServeHost.StartAsync(settings, new SandboxEngineFactory(), CliSuites.Resolver(), diagnostics, cancel);
            DiagnosticWriter.Write(errors, diagnostics, "perfjudge serve");
            if (app is null)
            {
                return DiagnosticWriter.ExitCode(diagnostics) is var code && code == ExitCodes.Done ? ExitCodes.InputOrEnvironment : code;
            }
            await app.StartAsync(cancel);
            console.MarkupLineInterpolated($"[grey]perfjudge serve listening on[/] {string.Join(", ", app.Urls)} [grey]({settings!.Workers} workers; Ctrl-C stops after accepted work)[/]");
            await app.WaitForShutdownAsync(cancel);
            await app.DisposeAsync();
            return ExitCodes.Done;
        });
        return command;
    }
}
