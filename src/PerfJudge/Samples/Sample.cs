namespace PerfJudge.Samples;

/// <summary>One candidate program for one task, from one model.</summary>
/// <param name="Model">Model name (field <c>model</c>, else the samples file name).</param>
/// <param name="TaskId">The task it answers.</param>
/// <param name="Index">Order among the lines with the same (model, task_id), from 0.</param>
/// <param name="Program">The full program: prompt + completion, or the solution as given.</param>
/// <param name="Line">1-based line in the samples file.</param>
/// <param name="Costs">Numeric cost fields carried along (completion_tokens, latency_s, usd).</param>
/// <param name="Language">Language of the program: <c>python</c> (the default), <c>cpp</c> or <c>csharp</c>.</param>
/// <param name="File">The samples file it was read from (empty for built-in and canonical samples).</param>
public sealed record Sample(string Model, string TaskId, int Index, string Program, int Line,
    IReadOnlyDictionary<string, double> Costs, string Language = "python", string File = "");
