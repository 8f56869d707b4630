namespace PerfJudge.Metrics;

/// <summary>IOI-style scoring of a whole program from its per-test points (pure).</summary>
public static class IoiScore
{
    /// <summary>Points earned per subtask: a subtask's points times the minimum, over its tests, of the test's
    /// points in [0, 1] (1 passed, 0 failed or not run; partial checkers give values between).</summary>
    public static IReadOnlyList<double> Subtasks(IReadOnlyList<(double Points, IReadOnlyList<int> Tests)> subtasks,
        IReadOnlyList<double> testPoints) =>
        subtasks.Select(s => s.Points * s.Tests.Select(i => i >= 0 && i < testPoints.Count ? Math.Clamp(testPoints[i], 0, 1) : 0)
            .DefaultIfEmpty(0).Min()).ToList();

    /// <summary>The total score: the sum over subtasks, or without subtasks 100 × the mean test points.</summary>
    public static double Total(IReadOnlyList<(double Points, IReadOnlyList<int> Tests)> subtasks, IReadOnlyList<double> testPoints) =>
        subtasks.Count > 0
            ? Subtasks(subtasks, testPoints).Sum()
            : testPoints.Count == 0 ? 0 : 100 * testPoints.Average(p => Math.Clamp(p, 0, 1));
}
