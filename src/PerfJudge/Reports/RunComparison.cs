using PerfJudge.Results;
using PerfJudge.Statistics;

namespace PerfJudge.Reports;

/// <summary>Task-by-task comparison of model A (in one report) with model B (in the same or another
/// report): pass rates and mean efficiencies per task, paired tests over the shared tasks.</summary>
/// <param name="A">Label of A (model, and run when two runs are compared).</param>
/// <param name="B">Label of B.</param>
/// <param name="Tasks">Shared tasks, in A's order.</param>
/// <param name="OnlyA">Tasks only A has (left out of the tests).</param>
/// <param name="OnlyB">Tasks only B has.</param>
/// <param name="Pass">Paired comparison of per-task pass rates.</param>
/// <param name="Efficiency">Paired comparison of per-task mean efficiency, when both have it.</param>
/// <param name="McNemar">Exact McNemar test when every shared task has one sample on each side.</param>
public sealed record RunComparison(string A, string B, IReadOnlyList<TaskDifference> Tasks, int OnlyA, int OnlyB,
    PairedSummary Pass, PairedSummary? Efficiency, PairedTestResult? McNemar)
{
    /// <summary>Compares <paramref name="modelA"/> of <paramref name="a"/> with <paramref name="modelB"/> of <paramref name="b"/>.</summary>
    public static RunComparison Compare(Report a, string modelA, Report b, string modelB, string labelA, string labelB)
    {
        var rowsA = a.Rows.Where(r => r.Model == modelA).GroupBy(r => r.TaskId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var rowsB = b.Rows.Where(r => r.Model == modelB).GroupBy(r => r.TaskId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var shared = rowsA.Keys.Where(rowsB.ContainsKey).ToList();
        var tasks = shared.Select(t => new TaskDifference(t, Rate(rowsA[t]), Rate(rowsB[t]), MeanEff(rowsA[t]), MeanEff(rowsB[t]),
            rowsA[t].Count, rowsB[t].Count)).ToList();
        var pass = Summarize(tasks.Select(t => t.PassA).ToList(), tasks.Select(t => t.PassB).ToList());
        var withEff = tasks.Where(t => t.EfficiencyA is not null && t.EfficiencyB is not null).ToList();
        var eff = withEff.Count == 0 ? null
            : Summarize(withEff.Select(t => t.EfficiencyA!.Value).ToList(), withEff.Select(t => t.EfficiencyB!.Value).ToList());
        PairedTestResult? mcnemar = null;
        if (tasks.Count > 0 && tasks.All(t => t.SamplesA == 1 && t.SamplesB == 1))
        {
            mcnemar = McNemarTest.Exact(tasks.Select(t => t.PassA == 1).ToList(), tasks.Select(t => t.PassB == 1).ToList());
        }
        return new RunComparison(labelA, labelB, tasks, rowsA.Count - shared.Count, rowsB.Count - shared.Count, pass, eff, mcnemar);
    }

    /// <summary>The <paramref name="count"/> shared tasks where A and B differ most (pass rate, then efficiency).</summary>
    public IReadOnlyList<TaskDifference> MostDifferent(int count) =>
        Tasks.Where(t => t.PassDifference != 0 || (t.EfficiencyDifference ?? 0) != 0)
            .OrderByDescending(t => Math.Abs(t.PassDifference)).ThenByDescending(t => Math.Abs(t.EfficiencyDifference ?? 0))
            .Take(count).ToList();

    private static double Rate(List<ResultRow> rows) => (double)rows.Count(r => r.Passed) / rows.Count;

    private static double? MeanEff(List<ResultRow> rows) =>
        rows.Any(r => r.Efficiency is not null) ? rows.Where(r => r.Efficiency is not null).Average(r => r.Efficiency!.Efficiency) : null;

    private static PairedSummary Summarize(List<double> a, List<double> b)
    {
        if (a.Count == 0)
        {
            return new PairedSummary(0, 0, 0, null, null, null, null);
        }
        // Differences are taken as B - A throughout (the tests are two-sided, so only the interval's sign depends on it).
        var interval = PairedTest.MeanDifferenceInterval(b, a);
        return new PairedSummary(a.Count, a.Average(), b.Average(), interval.Low, interval.High, PairedTest.Wilcoxon(b, a), PairedTest.SignFlip(b, a));
    }
}

/// <summary>One shared task: pass rate and mean efficiency of A and of B.</summary>
/// <param name="TaskId">Task id.</param>
/// <param name="PassA">Share of A's samples that passed.</param>
/// <param name="PassB">Share of B's samples that passed.</param>
/// <param name="EfficiencyA">A's mean efficiency score, on efficiency runs.</param>
/// <param name="EfficiencyB">B's mean efficiency score.</param>
/// <param name="SamplesA">A's samples of the task.</param>
/// <param name="SamplesB">B's samples of the task.</param>
public sealed record TaskDifference(string TaskId, double PassA, double PassB, double? EfficiencyA, double? EfficiencyB, int SamplesA, int SamplesB)
{
    /// <summary>B's pass rate minus A's.</summary>
    public double PassDifference => PassB - PassA;

    /// <summary>B's mean efficiency minus A's, when both have one.</summary>
    public double? EfficiencyDifference => EfficiencyA is null || EfficiencyB is null ? null : EfficiencyB - EfficiencyA;
}

/// <summary>A paired comparison over tasks: means, the 95% bootstrap interval of the mean difference
/// (B − A), Wilcoxon signed-rank and sign-flip permutation tests.</summary>
/// <param name="Tasks">Number of paired tasks.</param>
/// <param name="MeanA">Mean of A over the tasks.</param>
/// <param name="MeanB">Mean of B over the tasks.</param>
/// <param name="Low">Lower end of the mean difference's interval.</param>
/// <param name="High">Upper end.</param>
/// <param name="Wilcoxon">Wilcoxon signed-rank test (two-sided).</param>
/// <param name="SignFlip">Sign-flip permutation test of the mean difference (two-sided).</param>
public sealed record PairedSummary(int Tasks, double MeanA, double MeanB, double? Low, double? High,
    PairedTestResult? Wilcoxon, PairedTestResult? SignFlip)
{
    /// <summary>Mean difference B − A.</summary>
    public double Difference => MeanB - MeanA;
}
