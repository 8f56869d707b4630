using System.Text.Json;
using System.Text.Json.Nodes;
using PerfJudge.Measurement;

namespace PerfJudge.Jobs;

/// <summary>The measurement document (<c>perfjudge.measurement/1</c>) of <c>measure --json</c>.</summary>
public static class MeasurementDocument
{
    /// <summary>The document of <paramref name="outcome"/> as indented JSON.</summary>
    public static string Render(MeasureOutcome outcome)
    {
        var m = outcome.Measured;
        var s0 = m.Summaries[0];
        var doc = new JsonObject
        {
            ["schema"] = "perfjudge.measurement/1",
            ["program"] = outcome.Options.Files[0],
            ["entry_point"] = outcome.Options.EntryPoint,
            ["meter"] = outcome.Meter,
            ["unit"] = Meters.Unit(outcome.Meter),
            ["median_s"] = s0.Median,
            ["ci95_s"] = new JsonArray(s0.Low, s0.High),
            ["hodges_lehmann_s"] = s0.HodgesLehmann,
            ["mad_s"] = s0.Mad,
            ["repetitions"] = s0.Count,
            ["outliers"] = new JsonArray(s0.Outliers.Select(i => (JsonNode)i).ToArray()),
            ["costs_s"] = Numbers(m.Costs[0]),
            ["compare"] = m.Ratio is null ? null : new JsonObject
            {
                ["program"] = outcome.Options.Files[1],
                ["median_s"] = m.Summaries[1].Median,
                ["costs_s"] = Numbers(m.Costs[1]),
                ["ratio"] = m.Ratio.Median,
                ["ratio_ci95"] = new JsonArray(m.Ratio.Low, m.Ratio.High),
            },
            ["max_rss_kb"] = m.MaxRssKb,
            ["environment"] = outcome.Runner.Machine,
            ["python"] = outcome.Runner.RuntimeVersion,
            ["isolation"] = outcome.Runner.Isolation,
        };
        return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonArray Numbers(IEnumerable<double> values) => new(values.Select(c => (JsonNode)c).ToArray());
}
