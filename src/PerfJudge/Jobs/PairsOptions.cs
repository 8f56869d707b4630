using PerfJudge.Judging;
using PerfJudge.Pairs;

namespace PerfJudge.Jobs;

/// <summary>What <c>pairs</c> is asked to do. Validated once; every problem is reported together.</summary>
/// <param name="Run">A run id in the store, or a results document file; null: the latest run.</param>
/// <param name="StorePath">The result store.</param>
/// <param name="Samples">The samples file the run judged (programs are not in results documents); null: the demo samples for the demo suite.</param>
/// <param name="Suite">The suite the run judged; null: the run's suite name (a built-in one).</param>
/// <param name="Criteria">When samples make a pair.</param>
/// <param name="Chat">Write each pair as chat messages, in both orders.</param>
public sealed record PairsOptions(string? Run, string StorePath, string? Samples, string? Suite, PairCriteria Criteria, bool Chat = false)
{
    /// <summary>Every problem with these options.</summary>
    public IReadOnlyList<Diagnostic> Validate()
    {
        var problems = new List<Diagnostic>();
        if (Criteria.MinRatio is not (>= 1 and <= 1e9))
        {
            problems.Add(Diagnostic.Usage("--min-ratio", "must be at least 1"));
        }
        if (Criteria.Level is not (> 0.5 and < 1))
        {
            problems.Add(Diagnostic.Usage("--level", "must be between 0.5 and 1 (e.g. 0.95)"));
        }
        if (Criteria.MinCases < 2)
        {
            problems.Add(Diagnostic.Usage("--min-cases", "must be at least 2"));
        }
        if (Criteria.MaxPerTask < 1)
        {
            problems.Add(Diagnostic.Usage("--max-per-task", "must be at least 1"));
        }
        if (!Criteria.Efficiency && !Criteria.Correctness)
        {
            problems.Add(Diagnostic.Usage("--kind", "asks for no pairs"));
        }
        return problems;
    }
}
