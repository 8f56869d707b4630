using System.Text.RegularExpressions;
using PerfJudge.Cli;
using PerfJudge.Judging;
using PerfJudge.Jobs;
using PerfJudge.Reports;
using PerfJudge.Results;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Cli;

/// <summary>The summary table on narrow terminals: no header cut, no number broken, n/a explained.</summary>
public class SummaryTableTests
{
    private static readonly string[] Efficiency = ["pass@1", "pass@10", "eff@1", "eff@10", "dps", "dps_norm", "speedup"];

    private static ModelSummary Model(string name, bool tooFew = false, string[]? metrics = null) => new(name, 1640, 164,
        (metrics ?? Efficiency).ToDictionary(m => m, m => tooFew && m.EndsWith("@10", StringComparison.Ordinal)
            ? new MetricValue(null, null, null, "not computable: 164 task(s) have fewer than 10 samples")
            : new MetricValue(0.512, 0.4101, 0.6, null)),
        new Dictionary<Verdict, int> { [Verdict.Passed] = 1200, [Verdict.Failed] = 300, [Verdict.Timeout] = 140 }, "bubblewrap");

    private static string Render(int width, params ModelSummary[] models)
    {
        var output = new StringWriter();
        SummaryTable.Render(CliRunner.PlainConsole(output, width), models);
        return output.ToString();
    }

    [Theory]
    [InlineData(80)]
    [InlineData(100)]
    [InlineData(120)]
    public void At_any_width_every_header_and_number_is_whole_and_no_line_is_wider(int width)
    {
        var text = Render(width, Model("deepseek-coder-6.7b-instruct"), Model("gpt-4o-mini", tooFew: true), Model("(all)"));
        var lines = text.Split('\n');
        Assert.All(lines, l => Assert.True(l.TrimEnd('\r').Length <= width, $"{l.Length} > {width}: {l}"));
        Assert.DoesNotContain("…", text, StringComparison.Ordinal);
        foreach (var header in Efficiency.Append("verdicts").Append("deepseek-coder-6.7b-instruct"))
        {
            Assert.Matches(new Regex($@"│ +{Regex.Escape(header)} +│"), text);
        }
        // Every number whole: 0.512, the interval, the counts.
        Assert.Equal(7 + 5 + 7, Regex.Count(text, @"(?<![\d.])0\.512(?![\d])"));
        Assert.Contains("[0.410, 0.600]", text, StringComparison.Ordinal);
        Assert.Contains("passed=1200", text, StringComparison.Ordinal);
        Assert.Contains("pass@10 n/a for gpt-4o-mini: not computable: 164 task(s) have fewer than 10 samples",
            Regex.Replace(text, @"\s+", " "), StringComparison.Ordinal);
    }

    [Fact]
    public void A_wide_console_keeps_one_line_per_model()
    {
        var text = Render(200, Model("a", metrics: ["pass@1", "pass@10"]), Model("b", metrics: ["pass@1", "pass@10"]));
        Assert.Contains("0.512 [0.410, 0.600]", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), l => l.Contains("│ a ", StringComparison.Ordinal));
        Assert.Contains("isolation bubblewrap", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 200)]
    [InlineData("80", 80)]
    [InlineData("junk", 200)]
    [InlineData("5", 200)]
    public void Redirected_output_follows_COLUMNS(string? columns, int expected) =>
        Assert.Equal(expected, ConsoleWidth.ForRedirected(columns));

    [Fact]
    public void Progress_from_the_store_is_not_a_rate_of_zero_and_there_is_one_eta()
    {
        Assert.Equal("31/31 samples (100%), 31 from the store", ProgressDisplay.Describe(new JobProgress(31, 31, 31, "samples"), 2));
        Assert.Equal("20/40 samples (50%), 1.0 samples/s, 10 from the store, ETA 20 s",
            ProgressDisplay.Describe(new JobProgress(20, 40, 10, "samples"), 10));
    }

    [Fact]
    public void Layout_stacks_before_it_splits()
    {
        Assert.False(SummaryLayout.Plan([Model("a", metrics: ["pass@1", "pass@10"])], 200).Stacked);
        var narrow = SummaryLayout.Plan([Model("a")], 80);
        Assert.True(narrow.Stacked);
        Assert.True(narrow.CountsApart);
        Assert.Equal(Efficiency, narrow.MetricGroups.SelectMany(g => g));
    }
}
