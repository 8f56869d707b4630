using PerfJudge.Judging;

namespace PerfJudge.Jobs;

/// <summary>Options every job that runs candidates shares: where and how they run, where results are kept.</summary>
/// <param name="Isolation"><c>auto</c>, <c>strict</c>, or a level name.</param>
/// <param name="Python">Interpreter (null: <c>$PERFJUDGE_PYTHON</c> or <c>python3</c>).</param>
/// <param name="Workers">Parallel sandboxed workers.</param>
/// <param name="StorePath">SQLite result store.</param>
/// <param name="NoCache">Neither read nor write the store.</param>
/// <param name="Fresh">Run everything again instead of replaying stored replies (the new ones replace them).</param>
/// <param name="InputSecret">File of the secret mixed into generated inputs' seeds (null: <c>$PERFJUDGE_INPUT_SECRET</c>,
/// else the per-user default, <see cref="Runners.InputSecret.ResolvePath"/>); made on first use.</param>
public sealed record EngineOptions(string Isolation = "auto", string? Python = null, int Workers = 2,
    string StorePath = ".perfjudge/results.db", bool NoCache = false, bool Fresh = false, string? InputSecret = null)
{
    /// <summary>Isolation choices.</summary>
    public static readonly IReadOnlyList<string> IsolationChoices = ["auto", "strict", "bubblewrap", "namespaces", "rlimits"];

    /// <summary>Every problem with these options.</summary>
    public IEnumerable<Diagnostic> Validate()
    {
        if (!IsolationChoices.Contains(Isolation))
        {
            yield return Diagnostic.Usage("--isolation", $"'{Isolation}' is not one of {string.Join(", ", IsolationChoices)}");
        }
        if (Workers is < 1 or > 256)
        {
            yield return Diagnostic.Usage("--jobs", "must be between 1 and 256");
        }
        if (!NoCache && string.IsNullOrWhiteSpace(StorePath))
        {
            yield return Diagnostic.Usage("--store", "needs a path (or pass --no-cache)");
        }
    }
}
