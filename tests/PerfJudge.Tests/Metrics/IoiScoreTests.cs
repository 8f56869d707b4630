using PerfJudge.Metrics;

namespace PerfJudge.Tests.Metrics;

public sealed class IoiScoreTests
{
    private static readonly IReadOnlyList<(double, IReadOnlyList<int>)> Inversions =
        [(30, [0, 1]), (30, [0, 1, 2, 3]), (40, [4, 5])];

    [Theory]
    // hand-computed: a subtask earns its points only when all of its tests pass
    [InlineData(new double[] { 1, 1, 1, 1, 1, 1 }, 100, new double[] { 30, 30, 40 })]
    [InlineData(new double[] { 1, 1, 1, 1, 0, 1 }, 60, new double[] { 30, 30, 0 })]
    [InlineData(new double[] { 1, 1, 0, 1, 1, 1 }, 70, new double[] { 30, 0, 40 })]
    [InlineData(new double[] { 0, 1, 1, 1, 1, 1 }, 40, new double[] { 0, 0, 40 })] // test 0 is in two subtasks
    [InlineData(new double[] { 0, 0, 0, 0, 0, 0 }, 0, new double[] { 0, 0, 0 })]
    // partial checkers: the minimum over the subtask's tests
    [InlineData(new double[] { 1, 0.5, 1, 1, 0.25, 1 }, 40, new double[] { 15, 15, 10 })]
    public void Subtasks_score_as_in_ioi(double[] points, double total, double[] perSubtask)
    {
        Assert.Equal(perSubtask, IoiScore.Subtasks(Inversions, points));
        Assert.Equal(total, IoiScore.Total(Inversions, points), 9);
    }

    [Fact]
    public void Tests_not_run_count_as_zero_and_without_subtasks_the_score_is_the_share_of_points()
    {
        Assert.Equal([30, 0, 0], IoiScore.Subtasks(Inversions, [1, 1, 1]));
        Assert.Equal(40, IoiScore.Total([], [1, 0, 1, 0, 0]), 9);
        Assert.Equal(0, IoiScore.Total([], []));
        Assert.Equal(50, IoiScore.Total([], [0.5, 2, -1]), 9); // clamped to [0, 1]
    }
}
