namespace PerfJudge.Server;

/// <summary>The answer of <c>POST /v1/judge/batch</c>: one element per request, in order; an element
/// whose request was invalid holds the error instead.</summary>
/// <param name="Results">Per request: a judgement, or null when <see cref="Errors"/> holds its error.</param>
/// <param name="Errors">Per request: null, or why it was not judged.</param>
public sealed record BatchOutput(IReadOnlyList<JudgeOutput?> Results, IReadOnlyList<string?> Errors);
