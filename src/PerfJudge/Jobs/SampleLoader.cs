using PerfJudge.Judging;
using PerfJudge.Samples;
using PerfJudge.Tasks;

namespace PerfJudge.Jobs;

/// <summary>The samples an evaluation judges: a samples file, the demo samples, or the suite's canonical solutions.</summary>
public static class SampleLoader
{
    /// <summary>Loads the samples, or returns null with the problems in <paramref name="diagnostics"/>
    /// (every invalid line of the file, then what to do about them).</summary>
    public static List<Sample>? Load(EvalOptions options, TaskSuite suite, string demoSamples, ICollection<Diagnostic> diagnostics)
    {
        var path = options.Samples ?? demoSamples;
        if (path == EvalOptions.Canonical)
        {
            // A program task's references are each a model of their own ("canonical-fast", ...).
            return suite.Tasks.SelectMany((t, i) => t.Program is { } p
                ? p.References.Select((r, j) => new Sample(r.Label.Length > 0 ? "canonical-" + r.Label : "canonical", t.TaskId, j, r.Code,
                    i + 1, new Dictionary<string, double>(), r.Language))
                : [new Sample("canonical", t.TaskId, 0, t.ReferenceProgram, i + 1, new Dictionary<string, double>())]).ToList();
        }
        var set = SamplesReader.Read(path, suite);
        foreach (var problem in set.Problems.Take(50))
        {
            diagnostics.Add(new Diagnostic(options.SkipInvalid ? DiagnosticKind.Warning : DiagnosticKind.Input, "samples.line",
                problem.Message, problem.File, problem.Line, problem.Field));
        }
        if (set.Problems.Count > 50)
        {
            diagnostics.Add(new Diagnostic(options.SkipInvalid ? DiagnosticKind.Warning : DiagnosticKind.Input, "samples.more",
                $"... and {set.Problems.Count - 50} more problems"));
        }
        if (set.Problems.Count > 0 && !options.SkipInvalid)
        {
            diagnostics.Add(Diagnostic.Input("samples.invalid",
                $"{set.Problems.Count} invalid sample line(s) in {path}; fix them or pass --skip-invalid to evaluate the {set.Samples.Count} valid one(s)."));
            return null;
        }
        if (set.Samples.Count == 0)
        {
            diagnostics.Add(Diagnostic.Input("samples.none", $"no valid samples in {path}"));
            return null;
        }
        return set.Samples.ToList();
    }
}
