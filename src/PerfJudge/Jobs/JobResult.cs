using PerfJudge.Judging;

namespace PerfJudge.Jobs;

/// <summary>What a job produced, with everything it has to say: errors (then no value), warnings, notes.</summary>
/// <typeparam name="T">The job's product.</typeparam>
/// <param name="Value">The product; null when an error stopped the job.</param>
/// <param name="Diagnostics">Errors, warnings and notes, in the order they arose.</param>
public sealed record JobResult<T>(T? Value, IReadOnlyList<Diagnostic> Diagnostics) where T : class
{
    /// <summary>True when the job produced its value and reported no error.</summary>
    public bool Succeeded => Value is not null && !Diagnostics.Any(d => d.IsError);}
