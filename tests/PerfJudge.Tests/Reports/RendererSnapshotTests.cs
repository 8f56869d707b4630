using System.Text.RegularExpressions;
using System.Xml.Linq;
using PerfJudge.Cli;
using PerfJudge.Reports;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Reports;

public sealed partial class RendererSnapshotTests
{
    private static readonly Report Fixture = ReportFixture.Build();

    [Fact]
    public void Json_matches_snapshot_and_reads_back_to_the_same_document()
    {
        var json = ResultsDocument.Render(Fixture);
        Snapshot.Match(json, "report.json");
        var again = ResultsDocumentReader.Read(json, "report.json");
        Assert.Equal(json, ResultsDocument.Render(again));
    }

    [Fact]
    public void Csv_models_matches_snapshot_under_a_decimal_comma_culture()
    {
        Snapshot.Match(Snapshot.InCulture("de-DE", () => CsvReport.Models(Fixture)), "models.csv");
    }

    [Fact]
    public void Csv_samples_matches_snapshot_under_a_decimal_comma_culture()
    {
        Snapshot.Match(Snapshot.InCulture("fr-FR", () => CsvReport.Samples(Fixture)), "samples.csv");
    }

    [Fact]
    public void Markdown_matches_snapshot_in_both_cultures()
    {
        var costQuality = CostQualityBuilder.FromSampleField(Fixture, "completion_tokens", "pass@1");
        var invariant = MarkdownReport.Render(Fixture, costQuality);
        Snapshot.Match(invariant, "report.md");
        Assert.Equal(invariant, Snapshot.InCulture("de-DE", () => MarkdownReport.Render(Fixture, costQuality)));
        Assert.DoesNotContain("<script", invariant, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Table_matches_snapshot_under_a_decimal_comma_culture()
    {
        var text = Snapshot.InCulture("de-DE", () =>
        {
            var output = new StringWriter();
            TableReport.Render(CliRunner.PlainConsole(output, 220), Fixture, ["pass", "eff", "dps", "speedup"]);
            return output.ToString();
        });
        Snapshot.Match(text, "table.txt");
    }

    [Fact]
    public void Html_matches_snapshot_with_plots_elided_and_escapes_everything_from_the_run()
    {
        var costQuality = CostQualityBuilder.FromSampleField(Fixture, "usd", "eff@1");
        var html = Snapshot.InCulture("de-DE", () => HtmlReport.Render(Fixture, costQuality));
        // Plot geometry depends on the fonts installed; the plots are checked for content below and
        // in the browser test, the document around them here.
        Snapshot.Match(SvgElement().Replace(html, "<svg/>"), "report.html");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("evil&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("T/&lt;script&gt;x&lt;/script&gt;", html, StringComparison.Ordinal);
        var svgs = SvgElement().Matches(html).Select(m => m.Value).ToList();
        Assert.Equal(8, svgs.Count); // leaderboard, heatmaps of pass rate, efficiency and verdict, pass@k, eff@k, speedups, pareto
        foreach (var svg in svgs)
        {
            var doc = XDocument.Parse(svg);
            Assert.True(doc.Root!.Descendants().Count() > 20, "a plot with almost nothing drawn");
        }
    }

    [GeneratedRegex("<svg[\\s\\S]*?</svg>")]
    private static partial Regex SvgElement();
}
