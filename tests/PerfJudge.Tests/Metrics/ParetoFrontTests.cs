using PerfJudge.Metrics;

namespace PerfJudge.Tests.Metrics;

public class ParetoFrontTests
{
    private static ParetoPoint P(string name, double cost, double quality) => new(name, cost, quality);

    private static string[] FrontNames(params ParetoPoint[] points) =>
        ParetoFront.Analyze(points).Front.Select(p => p.Name).ToArray();

    [Fact]
    public void Known_front_sorted_by_cost()
    {
        // c is dominated by b (cheaper and better); d is the most expensive but the best.
        Assert.Equal(["a", "b", "d"], FrontNames(P("d", 9, 0.9), P("c", 5, 0.5), P("b", 3, 0.6), P("a", 1, 0.2)));
    }

    [Fact]
    public void A_single_point_is_the_front()
    {
        var analysis = ParetoFront.Analyze([P("only", 2, 0.5)]);
        Assert.True(Assert.Single(analysis.Entries).OnFront);
        Assert.Equal("only", Assert.Single(analysis.Front).Name);
    }

    [Fact]
    public void Empty_input_has_an_empty_front() => Assert.Empty(ParetoFront.Analyze([]).Front);

    [Fact]
    public void Strict_trade_off_puts_everything_on_the_front() =>
        Assert.Equal(["a", "b", "c", "d"], FrontNames(P("c", 3, 3), P("a", 1, 1), P("d", 4, 4), P("b", 2, 2)));

    [Fact]
    public void Exactly_equal_points_are_both_on_the_front()
    {
        var analysis = ParetoFront.Analyze([P("x", 1, 0.5), P("y", 1, 0.5), P("z", 2, 0.4)]);
        Assert.Equal(["x", "y"], analysis.Front.Select(p => p.Name));
        Assert.Equal(["x", "y"], analysis.Entries[2].DominatedBy.Select(p => p.Name));
    }

    [Fact]
    public void Tie_on_one_axis_dominates()
    {
        // Same cost, better quality; and same quality, lower cost.
        var analysis = ParetoFront.Analyze([P("a", 1, 0.5), P("b", 1, 0.4), P("c", 2, 0.5)]);
        Assert.Equal(["a"], analysis.Front.Select(p => p.Name));
        Assert.Equal(["a"], analysis.Entries[1].DominatedBy.Select(p => p.Name));
        Assert.Equal(["a"], analysis.Entries[2].DominatedBy.Select(p => p.Name));
    }

    [Fact]
    public void A_point_dominated_by_two_lists_both_by_cost()
    {
        var analysis = ParetoFront.Analyze([P("weak", 5, 0.1), P("mid", 4, 0.3), P("cheap", 1, 0.2), P("best", 6, 0.9)]);
        var weak = analysis.Entries[0];
        Assert.False(weak.OnFront);
        Assert.Equal(["cheap", "mid"], weak.DominatedBy.Select(p => p.Name));
        Assert.Equal(["cheap", "mid", "best"], analysis.Front.Select(p => p.Name));
        Assert.All(analysis.Entries.Where(e => e.OnFront), e => Assert.Empty(e.DominatedBy));
    }

    [Fact]
    public void Duplicated_dominated_points_share_their_dominator()
    {
        var analysis = ParetoFront.Analyze([P("a", 1, 0.9), P("b1", 2, 0.5), P("b2", 2, 0.5)]);
        Assert.Equal(["a"], analysis.Front.Select(p => p.Name));
        Assert.Equal(["a"], analysis.Entries[1].DominatedBy.Select(p => p.Name));
        Assert.Equal(["a"], analysis.Entries[2].DominatedBy.Select(p => p.Name));
    }

    [Theory]
    [InlineData(double.NaN, 0.5)]
    [InlineData(1.0, double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity, 0.5)]
    public void Non_finite_values_are_rejected_naming_the_point(double cost, double quality)
    {
        var error = Assert.Throws<ArgumentException>(() => ParetoFront.Analyze([P("ok", 1, 1), P("bad-model", cost, quality)]));
        Assert.Contains("bad-model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_names_are_rejected() =>
        Assert.Throws<ArgumentException>(() => ParetoFront.Analyze([P("m", 1, 1), P("m", 2, 2)]));

    [Fact]
    public void Matches_the_definition_on_random_points()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 500; trial++)
        {
            // Few distinct values so ties on one or both axes are frequent.
            var points = Enumerable.Range(0, random.Next(0, 30))
                .Select(i => P($"p{i}", random.Next(0, 6), random.Next(0, 6) / 5.0)).ToArray();
            var analysis = ParetoFront.Analyze(points);
            for (var i = 0; i < points.Length; i++)
            {
                var expected = points.Where((q, j) => j != i && DominatesByDefinition(q, points[i])).ToHashSet();
                Assert.Equal(expected.Count == 0, analysis.Entries[i].OnFront);
                Assert.True(expected.SetEquals(analysis.Entries[i].DominatedBy));
                Assert.Equal(expected.Count, analysis.Entries[i].DominatedBy.Count);
            }
            var front = analysis.Front;
            Assert.Equal(analysis.Entries.Count(e => e.OnFront), front.Count);
            Assert.True(front.Zip(front.Skip(1), (a, b) => a.Cost <= b.Cost).All(ok => ok));
        }
    }

    // Written independently of ParetoPoint.Dominates: no worse on both, different on at least one.
    private static bool DominatesByDefinition(ParetoPoint a, ParetoPoint b) =>
        !(a.Cost > b.Cost) && !(a.Quality < b.Quality) && !(a.Cost == b.Cost && a.Quality == b.Quality);
}
