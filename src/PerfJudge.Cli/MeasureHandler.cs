using System.Globalization;
using PerfJudge.Jobs;
using PerfJudge.Measurement;
using PerfJudge.Reports;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary>Runs <c>perfjudge measure</c>: calls the <see cref="MeasureJob"/> and renders its outcome.</summary>
public static class MeasureHandler
{
    /// <summary>Measures and returns the exit code.</summary>
    public static async Task<int> RunAsync(IAnsiConsole console, TextWriter errors, MeasureOptions options, string? jsonPath,
        CancellationToken cancel)
    {
        var result = await new MeasureJob(new SandboxEngineFactory()).RunAsync(options, cancel);
        DiagnosticWriter.Write(errors, result.Diagnostics, "perfjudge measure");
        if (!result.Succeeded)
        {
            return DiagnosticWriter.ExitCode(result.Diagnostics);
        }
        var outcome = result.Value!;
        var m = outcome.Measured;
        var unit = Meters.Unit(outcome.Meter);
        string F(double v) => CostFormat.Format(v, unit);
        console.WriteLine($"meter        {outcome.Meter} ({Meters.Describe(outcome.Meter)}), isolation {outcome.Runner.Isolation}");
        for (var p = 0; p < options.Files.Count; p++)
        {
            var s = m.Summaries[p];
            console.WriteLine($"program      {options.Files[p]} :: {options.EntryPoint}   output {m.Outputs[p]}");
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  median     {F(s.Median)}   95% CI [{F(s.Low)}, {F(s.High)}] (±{s.RelativeHalfWidth * 100:F2}%)"));
            console.WriteLine($"  HL         {F(s.HodgesLehmann)}   MAD {F(s.Mad)}   outliers {s.Outliers.Count}   repetitions {s.Count}");
        }
        if (m.Ratio is { } ratio)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio        {CostFormat.Plain(ratio.Median)} (second / first, median of paired ratios)   95% CI [{CostFormat.Plain(ratio.Low)}, {CostFormat.Plain(ratio.High)}] (±{ratio.RelativeHalfWidth * 100:F2}%)"));
        }
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"repetitions  {m.Costs[0].Count} per program, fresh process each, target ±{options.Target * 100:F1}%{(outcome.TargetMet ? " (met)" : " (NOT met, see the warning)")}"));
        console.WriteLine($"peak memory  {m.MaxRssKb} KiB");
        console.WriteLine($"environment  {outcome.Runner.Machine}; {outcome.Runner.Runtime}");
        if (jsonPath is not null && OutputPaths.TryWrite("--json", jsonPath, MeasurementDocument.Render(outcome)) is { } problem)
        {
            DiagnosticWriter.Write(errors, [problem], "perfjudge measure");
            return ExitCodes.InputOrEnvironment;
        }
        return ExitCodes.Done;
    }
}
