
namespace PerfJudge.Results;

/// <summary>One judged sample: the one result model. Every summary and metric is computed from rows,
/// a run is rebuilt from its stored rows, and rows of several machines merge, because each carries
/// the environment it was judged in (isolation, runtime, machine).</summary>
/// <param name="TaskId">Task id.</param>
/// <param name="Model">Model name.</param>
/// <param name="Sample">Index among the samples of this (model, task).</param>
/// <param name="Line">Line in the samples file.</param>
/// <param name="Verdict">Verdict name (<c>passed</c>, <c>failed</c>, ...).</param>
/// <param name="Detail">What went wrong, as the judge saw it (may hold program output: escape it).</param>
/// <param name="Isolation">Isolation level used.</param>
/// <param name="CpuSeconds">CPU time of the candidate process.</param>
/// <param name="MaxRssKb">Peak resident memory of the candidate process.</param>
/// <param name="Cached">True when the result came from the store.</param>
/// <param name="Efficiency">Efficiency figures of efficiency tasks, else null.</param>
/// <param name="Costs">Cost fields of the samples file (completion_tokens, latency_s, usd).</param>
/// <param name="Runtime">Language runtime that ran the sample, e.g. <c>python 3.11.7</c> (empty when unknown).</param>
/// <param name="Machine">Fingerprint of the machine that judged it (empty when unknown).</param>
/// <param name="PeakMemoryKb">Peak memory of the candidate in KiB: its cgroup's high-water mark (all its
/// processes) where cgroups are used, else its peak RSS; null when not measured.</param>
/// <param name="Program">Tests, IOI score and subtask points of a whole-program task, else null.</param>
/// <param name="Controls">How each limit was enforced (docs/security.md), e.g. <c>memory</c>: <c>cgroup-v1</c>.</param>
/// <param name="BaseVerdict">On EvalPlus suites, the verdict on the base tests alone (<see cref="Verdict"/> is base and plus); else null.</param>
public sealed record ResultRow(string TaskId, string Model, int Sample, int Line, string Verdict, string? Detail,
    string Isolation, double CpuSeconds, long MaxRssKb, bool Cached, RowEfficiency? Efficiency,
    IReadOnlyDictionary<string, double> Costs, string Runtime = "", string Machine = "", long? PeakMemoryKb = null,
    IReadOnlyDictionary<string, string>? Controls = null, RowProgram? Program = null, string? BaseVerdict = null)
{
    /// <summary>True when the verdict is <c>passed</c>.</summary>
    public bool Passed => Verdict == "passed";
}
