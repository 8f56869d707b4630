namespace PerfJudge.Audit;

/// <summary>One example of a prompt.</summary>
/// <param name="Kind"><c>doctest</c> (a <c>&gt;&gt;&gt;</c> line and the output shown under it) or <c>assert</c> (an assert statement).</param>
/// <param name="Source">The example's code (continuation lines joined with line breaks).</param>
/// <param name="Expected">The output shown (doctest; empty: None), or empty for an assert.</param>
public sealed record PromptExample(string Kind, string Source, string Expected);
