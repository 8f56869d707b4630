using System.Globalization;
using PerfJudge.Judging;
using PerfJudge.Samples;
using PerfJudge.Tasks;

namespace PerfJudge.Jobs;

/// <summary>The samples an evaluation judges: one or more samples files, the demo samples, or the
/// suite's canonical solutions.</summary>
public static class SampleLoader
{
    private const int MaxListed = 50;

    /// <summary>Loads the samples, or returns null with the problems in <paramref name="diagnostics"/>
    /// (every invalid line, then what to do about them). Warns when the samples cover only part of
    /// the suite, since every metric is then over the covered tasks only.</summary>
    public static List<Sample>? Load(EvalOptions options, TaskSuite suite, string demoSamples, ICollection<Diagnostic> diagnostics)
    {
        var paths = options.SamplesFiles.Count > 0 ? options.SamplesFiles : [demoSamples];
        if (paths[0] == EvalOptions.Canonical)
        {
            // A program task's references are each a model of their own ("canonical-fast", ...).
            return suite.Tasks.SelectMany((t, i) => t.Program is { } p
                ? p.References.Select((r, j) => new Sample(r.Label.Length > 0 ? "canonical-" + r.Label : "canonical", t.TaskId, j, r.Code,
                    i + 1, new Dictionary<string, double>(), r.Language))
                : [new Sample("canonical", t.TaskId, 0, t.ReferenceProgram, i + 1, new Dictionary<string, double>())]).ToList();
        }
        var sets = paths.Select(p => SamplesReader.Read(p, suite, extractCode: !options.KeepFences)).ToList();
        var problems = sets.SelectMany(s => s.Problems).ToList();
        var fileProblems = problems.Where(p => p.IsFileProblem).ToList();
        var lineProblems = problems.Where(p => !p.IsFileProblem).ToList();
        foreach (var problem in fileProblems)
        {
            diagnostics.Add(Diagnostic.Input(problem.Code, problem.Message, problem.File, field: problem.Field));
        }
        var kind = options.SkipInvalid ? DiagnosticKind.Warning : DiagnosticKind.Input;
        foreach (var problem in lineProblems.Take(MaxListed))
        {
            diagnostics.Add(new Diagnostic(kind, problem.Code, problem.Message, problem.File, problem.Line, problem.Field));
        }
        if (lineProblems.Count > MaxListed)
        {
            diagnostics.Add(new Diagnostic(kind, "samples.more", $"... and {lineProblems.Count - MaxListed} more problems"));
        }
        SuiteHint(lineProblems, suite, diagnostics);
        Remarks(sets.SelectMany(s => s.Remarks).ToList(), diagnostics);
        var samples = Reindex(sets.SelectMany(s => s.Samples));
        if (fileProblems.Count > 0)
        {
            return null;
        }
        if (lineProblems.Count > 0 && !options.SkipInvalid)
        {
            diagnostics.Add(Diagnostic.Input("samples.invalid",
                $"{lineProblems.Count} invalid sample line(s) in {string.Join(", ", lineProblems.Select(p => p.File).Distinct())}; fix them or pass --skip-invalid to evaluate the {samples.Count} valid one(s)."));
            return null;
        }
        if (samples.Count == 0)
        {
            diagnostics.Add(Diagnostic.Input("samples.none", $"no valid samples in {string.Join(", ", paths)}"));
            return null;
        }
        Coverage(samples, suite, diagnostics);
        return samples;
    }

    /// <summary>The sample index counts lines per (model, task) across all files, in the order given.</summary>
    private static List<Sample> Reindex(IEnumerable<Sample> samples)
    {
        var counters = new Dictionary<(string, string), int>();
        var result = new List<Sample>();
        foreach (var sample in samples)
        {
            counters.TryGetValue((sample.Model, sample.TaskId), out var index);
            counters[(sample.Model, sample.TaskId)] = index + 1;
            result.Add(sample with { Index = index });
        }
        return result;
    }

    private static void SuiteHint(List<SampleProblem> problems, TaskSuite suite, ICollection<Diagnostic> diagnostics)
    {
        var unknown = problems.Count(p => p.Code == "samples.unknown-task");
        if (unknown > 0)
        {
            var example = suite.Tasks.Count > 0 ? $" (its task ids look like '{suite.Tasks[0].TaskId}')" : "";
            diagnostics.Add(Diagnostic.Note("samples.suite-hint", string.Create(CultureInfo.InvariantCulture,
                $"{unknown} line(s) name tasks that suite '{suite.Name}' does not have{example}: is --suite right?")));
        }
    }

    private static void Remarks(List<SampleProblem> remarks, ICollection<Diagnostic> diagnostics)
    {
        foreach (var remark in remarks.Take(5))
        {
            diagnostics.Add(new Diagnostic(DiagnosticKind.Warning, remark.Code, remark.Message, remark.File, remark.Line, remark.Field));
        }
        if (remarks.Count > 5)
        {
            diagnostics.Add(Diagnostic.Warning("samples.more", $"... and {remarks.Count - 5} more such lines"));
        }
    }

    /// <summary>human-eval refuses a samples file that leaves tasks out; we judge it, but say that
    /// every metric is then over the covered tasks only, and when models cover different tasks.</summary>
    private static void Coverage(List<Sample> samples, TaskSuite suite, ICollection<Diagnostic> diagnostics)
    {
        var covered = samples.Select(s => s.TaskId).Distinct().Count();
        if (covered < suite.Tasks.Count)
        {
            diagnostics.Add(Diagnostic.Warning("samples.coverage", string.Create(CultureInfo.InvariantCulture,
                $"the samples cover {covered} of the {suite.Tasks.Count} tasks of suite '{suite.Name}': every metric is over those {covered} tasks only, not comparable with a full run")));
        }
        var perModel = samples.GroupBy(s => s.Model, StringComparer.Ordinal)
            .Select(g => (Model: g.Key, Tasks: g.Select(s => s.TaskId).Distinct().Count())).ToList();
        if (perModel.Select(m => m.Tasks).Distinct().Count() > 1)
        {
            diagnostics.Add(Diagnostic.Warning("samples.coverage", "models cover different numbers of tasks, so their metrics are not over the same tasks: "
                + string.Join(", ", perModel.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Model} {m.Tasks}")))));
        }
    }
}
