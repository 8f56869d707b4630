using PerfJudge.Judging;

namespace PerfJudge.Jobs;

/// <summary>Makes results of jobs that an error stopped.</summary>
public static class JobFailure
{
    /// <summary>A failed job's result.</summary>
    public static JobResult<T> Of<T>(IEnumerable<Diagnostic> diagnostics) where T : class => new(null, diagnostics.ToList());
}
