namespace PerfJudge.Server;

/// <summary>The answer of <c>POST /v1/judge</c> (docs/serve.md).</summary>
/// <param name="TaskId">The task judged (<c>inline</c> for inline tests).</param>
/// <param name="Verdict">Verdict word (<c>passed</c>, <c>failed</c>, ...).</param>
/// <param name="Detail">Why, when not passed.</param>
/// <param name="Reward">0 when incorrect, else (1 - w) + w x efficiency (1 for tasks without efficiency data).</param>
/// <param name="CpuSeconds">CPU time of the candidate, kernel-metered.</param>
/// <param name="MaxRssKb">Peak resident memory of the candidate.</param>
/// <param name="Efficiency">Efficiency against the task's references, when the task has them.</param>
/// <param name="Cached">True when the verdict was replayed from the store.</param>
/// <param name="Isolation">Isolation level the candidate ran under.</param>
/// <param name="Runtime">Runtime that ran it.</param>
/// <param name="Program">A whole program's tests and score, on a program task; else null.</param>
public sealed record JudgeOutput(string TaskId, string Verdict, string? Detail, double Reward, double CpuSeconds, long MaxRssKb,
    EfficiencyOutput? Efficiency, bool Cached, string Isolation, string Runtime, ProgramOutput? Program = null);
