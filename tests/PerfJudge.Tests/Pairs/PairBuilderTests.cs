using PerfJudge.Pairs;
using PerfJudge.Results;

namespace PerfJudge.Tests.Pairs;

public sealed class PairBuilderTests
{
    private static ResultRow Row(string model, int sample, string verdict, params double[] cases) =>
        new("t/0", model, sample, sample + 1, verdict, null, "none", 0, 0, false,
            cases.Length == 0 ? null : new RowEfficiency(1, null, 1, 1, cases.Sum(), null, null, cases),
            new Dictionary<string, double>());

    private static PairSet Build(IReadOnlyList<ResultRow> rows, PairCriteria? criteria = null) =>
        PairBuilder.Build(rows, r => $"program of {r.Model}#{r.Sample}", criteria ?? new PairCriteria());

    [Fact]
    public void A_sample_twice_as_costly_on_every_case_is_rejected_with_ratio_2()
    {
        var set = Build([Row("fast", 0, "passed", 1, 2, 3, 4, 5, 6), Row("slow", 0, "passed", 2.1, 3.9, 6.2, 7.8, 10.1, 12)]);
        var pair = Assert.Single(set.Pairs);
        Assert.Equal(("efficiency", "fast", "slow"), (pair.Kind, pair.Chosen.Model, pair.Rejected.Model));
        Assert.Equal(42.1 / 21, pair.Ratio!.Value.Ratio, 12);
        Assert.InRange(pair.Ratio.Value.Low, 1.9, 2.0);
        Assert.InRange(pair.Ratio.Value.High, 2.0, 2.1);
        Assert.Equal(6, pair.Cases);
    }

    [Fact]
    public void No_pair_when_the_ratio_interval_includes_1_even_without_a_minimum_ratio()
    {
        // 25% dearer in total, but cheaper on half the cases: the interval over cases straddles 1.
        var rows = new[] { Row("a", 0, "passed", 1, 1, 1, 1, 1, 1), Row("b", 0, "passed", 0.5, 2, 0.6, 1.9, 0.7, 1.8) };
        var set = Build(rows, new PairCriteria(MinRatio: 1.0));
        Assert.Empty(set.Pairs);
        Assert.Equal(1, set.Skipped["ci_includes_1"]);
    }

    [Fact]
    public void A_significant_but_small_ratio_is_left_out_below_the_threshold()
    {
        var rows = new[] { Row("a", 0, "passed", 1, 2, 3, 4, 5, 6), Row("b", 0, "passed", 1.2, 2.4, 3.6, 4.8, 6, 7.2) };
        Assert.Equal(1, Build(rows).Skipped["below_min_ratio"]);
        Assert.Equal(1.2, Assert.Single(Build(rows, new PairCriteria(MinRatio: 1.1)).Pairs).Ratio!.Value.Ratio, 12);
    }

    [Fact]
    public void Too_few_cases_samples_without_case_costs_and_duplicates_make_no_efficiency_pair()
    {
        Assert.Equal(1, Build([Row("a", 0, "passed", 1, 1, 1), Row("b", 0, "passed", 5, 5, 5)]).Skipped["too_few_cases"]);
        Assert.Equal(1, Build([Row("a", 0, "passed", 1, 1, 1, 1, 1), Row("b", 0, "passed")]).Skipped["no_case_costs"]);
        var same = PairBuilder.Build([Row("a", 0, "passed", 1, 1, 1, 1, 1), Row("b", 0, "passed", 9, 9, 9, 9, 9)], _ => "same code", new PairCriteria());
        Assert.Empty(same.Pairs);
    }

    [Fact]
    public void Correctness_pairs_take_each_incorrect_program_once_and_never_a_sandbox_error()
    {
        var rows = new[]
        {
            Row("a", 0, "passed"), Row("a", 1, "failed"), Row("b", 0, "timeout"), Row("b", 1, "passed"), Row("b", 2, "sandbox_error"),
        };
        var set = Build(rows);
        Assert.Equal(["a#1>a#0", "b#0>b#1"], set.Pairs.Select(p => $"{p.Rejected.Model}#{p.Rejected.Sample}>{p.Chosen.Model}#{p.Chosen.Sample}"));
        Assert.All(set.Pairs, p => Assert.Equal("correctness", p.Kind));
        Assert.Empty(Build([Row("a", 0, "failed"), Row("b", 0, "error")]).Pairs);
    }

    [Fact]
    public void At_most_max_per_task_pairs_of_each_kind_the_largest_ratios_first()
    {
        var rows = Enumerable.Range(0, 4).Select(i => Row("m", i, "passed", Enumerable.Repeat(Math.Pow(3, i), 6).ToArray())).ToList();
        var set = Build(rows, new PairCriteria(MaxPerTask: 2));
        Assert.Equal([27.0, 9.0], set.Pairs.Select(p => Math.Round(p.Ratio!.Value.Ratio, 9)));
        Assert.Equal(4, set.Skipped["over_max_per_task"]);
    }
}
