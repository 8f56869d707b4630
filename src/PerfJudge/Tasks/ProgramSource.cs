namespace PerfJudge.Tasks;

/// <summary>Source code of a whole program in one language.</summary>
/// <param name="Language"><c>cpp</c>, <c>csharp</c> or <c>python</c>.</param>
/// <param name="Code">The source.</param>
/// <param name="Label">A name (e.g. <c>fast</c>, <c>slow</c>) for references; empty otherwise.</param>
public sealed record ProgramSource(string Language, string Code, string Label = "");
