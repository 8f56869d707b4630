namespace PerfJudge.Audit;

/// <summary>The prompt's examples run against the canonical solution.</summary>
/// <param name="Examples">Examples found in the prompt that call the entry point.</param>
/// <param name="Verdict"><c>passed</c> when every example agrees; <c>failed</c> when some disagree (the detail names
/// them); <see cref="NotChecked"/> when none disagrees but some results are no plain data (a Counter, a re.Match) and
/// cannot be compared on the trusted side; another verdict when the canonical solution raised, ran out of time or died on one.</param>
/// <param name="Detail">Why not passed, as the judge saw it.</param>
public sealed record ExampleAudit(int Examples, string Verdict, string? Detail)
{
    /// <summary>The verdict of examples whose results could not be compared.</summary>
    public const string NotChecked = "not checked";
}
