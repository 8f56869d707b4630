using System.Text.Json;
using System.Text.Json.Nodes;

namespace PerfJudge.Reports;

/// <summary>The <c>perfjudge.pareto/1</c> JSON document of a cost–quality analysis.</summary>
public static class ParetoDocument
{
    /// <summary>Renders the analysis: one point per model with its intervals, and the models left out.</summary>
    public static string Render(CostQuality cq)
    {
        var points = new JsonArray();
        foreach (var p in cq.Points)
        {
            points.Add(new JsonObject
            {
                ["model"] = p.Name,
                ["cost"] = p.Cost,
                ["quality"] = p.Quality,
                ["cost_ci"] = p.CostCi is { } c ? new JsonArray(c.Low, c.High) : null,
                ["quality_ci"] = p.QualityCi is { } q ? new JsonArray(q.Low, q.High) : null,
                ["on_front"] = p.OnFront,
                ["dominated_by"] = new JsonArray(p.DominatedBy.Select(d => (JsonNode)JsonValue.Create(d)!).ToArray()),
            });
        }
        var doc = new JsonObject
        {
            ["schema"] = "perfjudge.pareto/1",
            ["cost"] = cq.CostLabel,
            ["quality"] = cq.QualityLabel,
            ["points"] = points,
            ["skipped"] = new JsonArray(cq.Skipped.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray()),
        };
        return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
