using PerfJudge.Jobs;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary>Runs <see cref="GenerateJob"/> for <c>generate</c> and <c>eval --generate</c> and renders what it returns.</summary>
public sealed class GenerateHandler(IAnsiConsole console, TextWriter errors)
{
    /// <summary>Generates the missing samples; returns the exit code.</summary>
    public async Task<int> RunAsync(GenerateOptions options, CancellationToken cancel)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var job = new GenerateJob(CliSuites.Resolver(), http, TimeProvider.System);
        console.MarkupLineInterpolated($"[grey]model[/] {options.Model}  [grey]endpoint[/] {options.BaseUrl}  [grey]style[/] {options.Style.ToString().ToLowerInvariant()}  [grey]n[/] {options.N}  [grey]concurrency[/] {options.Concurrency}");
        JobResult<GenerateOutcome> result;
        try
        {
            result = await ProgressDisplay.RunAsync(console, progress => job.RunAsync(options, progress, cancel));
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await errors.WriteLineAsync($"perfjudge: interrupted; finished samples are in {options.Out}, rerun to resume.");
            return 130;
        }
        DiagnosticWriter.Write(errors, result.Diagnostics, "perfjudge generate");
        if (result.Value is { } o)
        {
            var usd = o.Usd is { } u ? $", {u:0.######} USD" : "";
            console.MarkupLineInterpolated(
                $"[grey]{o.Generated} sample(s) generated ({o.Resumed} already there, {o.Failed} missing) in {o.WallSeconds:F1} s: {o.PromptTokens} prompt + {o.CompletionTokens} completion tokens{usd}[/]");
            console.MarkupLineInterpolated($"[grey]samples written to[/] {o.Path}");
        }
        return DiagnosticWriter.ExitCode(result.Diagnostics);
    }
}
