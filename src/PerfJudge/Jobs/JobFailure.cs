using PerfJudge.Judging;
using PerfJudge.Runners;
using PerfJudge.Storage;
using PerfJudge.Tasks;

namespace PerfJudge.Jobs;

/// <summary>Makes results of jobs that an error stopped, and turns the environment's expected
/// failures into them, the same way for every job.</summary>
public static class JobFailure
{
    /// <summary>A failed job's result.</summary>
    public static JobResult<T> Of<T>(IEnumerable<Diagnostic> diagnostics) where T : class => new(null, diagnostics.ToList());

    /// <summary>Runs a job; a runner that cannot start its workers or a store that cannot be read
    /// becomes an environment diagnostic. Every other exception is a bug and propagates.</summary>
    public static async Task<JobResult<T>> GuardAsync<T>(Func<Task<JobResult<T>>> run) where T : class
    {
        try
        {
            return await run();
        }
        catch (RunnerStartException ex)
        {
            return Of<T>([Diagnostic.Environment("runner.start", ex.Message)]);
        }
        catch (StoreException ex)
        {
            return Of<T>([Diagnostic.Environment("store", ex.Message)]);
        }
    }

    /// <summary>Resolves suite <paramref name="name"/>, or returns null with an input diagnostic
    /// (<paramref name="hint"/> appended to the message, <paramref name="field"/> named).</summary>
    public static async Task<TaskSuite?> ResolveSuiteAsync(SuiteResolver suites, string name, ICollection<Diagnostic> diagnostics,
        CancellationToken cancel, string hint = "", string? field = null)
    {
        try
        {
            return await suites.ResolveAsync(name, cancel);
        }
        catch (SuiteFormatException ex)
        {
            diagnostics.Add(Diagnostic.Input("suite", ex.Message + hint, field: field));
            return null;
        }
    }
}
