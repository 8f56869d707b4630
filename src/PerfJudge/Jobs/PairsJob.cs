using PerfJudge.Generation;
using PerfJudge.Judging;
using PerfJudge.Pairs;
using PerfJudge.Reports;
using PerfJudge.Samples;
using PerfJudge.Storage;
using PerfJudge.Tasks;

namespace PerfJudge.Jobs;

/// <summary><c>pairs</c>: preference pairs from a judged run (efficiency: two correct samples of a task
/// whose cost ratio is significant; correctness: a correct and an incorrect one), with the programs
/// taken from the samples file the run judged.</summary>
public sealed class PairsJob
{
    private readonly SuiteResolver _suites;
    private readonly Func<string, IResultStore> _openStore;

    /// <summary>Creates the job; <paramref name="openStore"/> opens the store at a path.</summary>
    public PairsJob(SuiteResolver suites, Func<string, IResultStore> openStore)
    {
        _suites = suites;
        _openStore = openStore;
    }

    /// <summary>Makes the pairs. Expected failures come back as diagnostics.</summary>
    public async Task<JobResult<PairsOutcome>> RunAsync(PairsOptions options, CancellationToken cancel)
    {
        var diagnostics = new List<Diagnostic>(options.Validate());
        if (diagnostics.Any(d => d.IsError))
        {
            return JobFailure.Of<PairsOutcome>(diagnostics);
        }
        var report = Load(options, diagnostics);
        if (report is null)
        {
            return JobFailure.Of<PairsOutcome>(diagnostics);
        }
        if (await JobFailure.ResolveSuiteAsync(_suites, options.Suite ?? report.Suite, diagnostics, cancel,
                options.Suite is null ? " (pass --suite: the suite the run judged)" : "", "--suite") is not { } suite)
        {
            return JobFailure.Of<PairsOutcome>(diagnostics);
        }
        var samplesPath = options.Samples ?? (suite.Name == "demo" ? _suites.DemoSamplesPath : null);
        if (samplesPath is null)
        {
            diagnostics.Add(Diagnostic.Usage("--samples", "is required: the samples file the run judged (results documents do not hold the programs)"));
            return JobFailure.Of<PairsOutcome>(diagnostics);
        }
        var samples = SamplesReader.Read(samplesPath, suite);
        var programs = samples.Samples.ToDictionary(s => (s.Model, s.TaskId, s.Index));
        var mismatched = 0;
        string? Program(Results.ResultRow row)
        {
            if (programs.TryGetValue((row.Model, row.TaskId, row.Sample), out var s) && (row.Line == 0 || s.Line == row.Line))
            {
                return s.Program;
            }
            mismatched++;
            return null;
        }
        var set = PairBuilder.Build(report.Rows, Program, options.Criteria);
        if (mismatched == report.Rows.Count && report.Rows.Count > 0)
        {
            diagnostics.Add(Diagnostic.Input("pairs.samples", "no row of the run matches a sample of this file (is it the file the run judged?)", samplesPath));
            return JobFailure.Of<PairsOutcome>(diagnostics);
        }
        if (mismatched > 0)
        {
            diagnostics.Add(Diagnostic.Warning("pairs.samples", $"{samplesPath}: {mismatched} row(s) of the run match no sample of this file and were left out"));
        }
        if (options.Criteria.Efficiency && !report.Rows.Any(r => r.Efficiency?.CaseCosts is not null))
        {
            diagnostics.Add(Diagnostic.Note("pairs.no_costs",
                "the run has no per-case costs (a correctness-only suite, or judged before they were kept): no efficiency pairs"));
        }
        var source = new PairsDocument.Source(report.Run.Id, report.Suite, report.Run.Meter, report.Run.CostUnit);
        var document = PairsDocument.Render(set.Pairs, id => suite.TryGet(id, out var t) ? GenerationPrompt.Chat(t) : id, source, options.Chat);
        return new JobResult<PairsOutcome>(new PairsOutcome(set, document, source), diagnostics);
    }

    private Report? Load(PairsOptions options, List<Diagnostic> diagnostics)
    {
        try
        {
            if (options.Run is not null && File.Exists(options.Run))
            {
                return ResultsDocumentReader.Read(File.ReadAllText(options.Run), options.Run);
            }
            if (!File.Exists(options.StorePath))
            {
                diagnostics.Add(Diagnostic.Input("store.missing", $"no result store at '{options.StorePath}' (run 'perfjudge eval' first, or pass --store or a results .json file)"));
                return null;
            }
            using var store = _openStore(options.StorePath);
            var json = store.GetRun(options.Run);
            if (json is null)
            {
                var known = string.Join(", ", store.ListRuns().Take(5).Select(r => r.Id));
                diagnostics.Add(Diagnostic.Input("run.missing", options.Run is null ? $"the store '{options.StorePath}' has no recorded run yet"
                    : $"no run '{options.Run}' in '{options.StorePath}'" + (known.Length > 0 ? $" (latest: {known})" : ""), field: "--run"));
                return null;
            }
            return ResultsDocumentReader.Read(json, $"{options.StorePath} run {options.Run ?? "(latest)"}");
        }
        catch (ReportFormatException ex)
        {
            diagnostics.Add(Diagnostic.Input("results.format", ex.Message));
            return null;
        }
    }
}
