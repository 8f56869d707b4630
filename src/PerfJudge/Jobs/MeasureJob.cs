using PerfJudge.Judging;
using PerfJudge.Measurement;

namespace PerfJudge.Jobs;

/// <summary><c>measure</c>: one program's cost on one input (or two programs' ratio), repeated in
/// fresh sandboxed processes until the target precision or the repetition cap.</summary>
public sealed class MeasureJob
{
    private readonly IEngineFactory _engines;

    /// <summary>Creates the job.</summary>
    public MeasureJob(IEngineFactory engines) => _engines = engines;

    /// <summary>Measures; expected failures come back as diagnostics.</summary>
    public Task<JobResult<MeasureOutcome>> RunAsync(MeasureOptions options, CancellationToken cancel)
    {
        return JobFailure.GuardAsync(() => RunCoreAsync(options, cancel));
    }

    private async Task<JobResult<MeasureOutcome>> RunCoreAsync(MeasureOptions options, CancellationToken cancel)
    {
        var diagnostics = new List<Diagnostic>(options.Validate());
        if (diagnostics.Any(d => d.IsError))
        {
            return JobFailure.Of<MeasureOutcome>(diagnostics);
        }
        diagnostics.AddRange(options.Files.Where(f => !File.Exists(f)).Select(f => Diagnostic.Input("file", "file not found", f)));
        if (diagnostics.Any(d => d.IsError))
        {
            return JobFailure.Of<MeasureOutcome>(diagnostics);
        }
        var meter = MeterChoice.Resolve(options.Meter, diagnostics, singleProgram: true);
        await using var engine = meter is null ? null : _engines.Start(options.Engine with { Workers = 1, NoCache = true }, diagnostics);
        if (engine is null)
        {
            return JobFailure.Of<MeasureOutcome>(diagnostics);
        }
        var sources = new List<string>();
        foreach (var file in options.Files)
        {
            sources.Add(await File.ReadAllTextAsync(file, cancel));
        }
        var limits = ExecutionLimits.WithTimeout(options.TimeoutSeconds) with { CpuSeconds = Math.Max(60, options.TimeoutSeconds) };
        var measured = await new ProgramMeasurer(engine.Runner).MeasureAsync(sources, options.EntryPoint,
            System.Text.Json.Nodes.JsonNode.Parse(options.InputJson)!.AsArray(), meter!, limits, options.Target, options.MinRounds,
            options.MaxRounds, cancel);
        if (measured.Error is not null)
        {
            diagnostics.Add(Diagnostic.Input("measure.failed", $"the program did not run: {measured.Error}"));
            return JobFailure.Of<MeasureOutcome>(diagnostics);
        }
        var info = engine.Runner.Info;
        var outcome = new MeasureOutcome(options, meter!, measured, info);
        if (!outcome.TargetMet)
        {
            diagnostics.Add(Diagnostic.Warning("measure.imprecise", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the 95% CI is ±{outcome.AchievedHalfWidth * 100:F1}% after {measured.Costs[0].Count} repetitions, wider than the ±{options.Target * 100:F1}% target: this machine is too noisy for it; raise --max-rounds, relax --target, or use --meter callgrind (exact counts)")));
        }
        return new JobResult<MeasureOutcome>(outcome, diagnostics);
    }
}
