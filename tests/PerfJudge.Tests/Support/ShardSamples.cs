using System.Text.Json;
using PerfJudge.Tasks;

namespace PerfJudge.Tests.Support;

/// <summary>A samples file for the scale-out tests: HumanEval's canonical solutions (model
/// <c>canonical</c>) and a second model with a few failures (every fifth task returns None) and,
/// optionally, slow but correct samples on the tasks of one shard, so that shard is still running
/// when the others are done. Every program is distinct, so each sample is one stored reply.</summary>
public static class ShardSamples
{
    public static (string Path, int Count) Write(string dir, int? slowShard = null, int shards = 4)
    {
        var suite = HumanEvalLoader.Load(TestData.Require("humaneval", "HumanEval.jsonl.gz"), "humaneval");
        var lines = new List<string>();
        foreach (var (task, i) in suite.Tasks.Select((t, i) => (t, i)))
        {
            lines.Add(JsonSerializer.Serialize(new { task_id = task.TaskId, model = "canonical", completion = task.CanonicalSolution }));
            var second = i % 5 == 0 ? "    return None\n"
                : i % shards == slowShard ? "    __import__('time').sleep(0.02)\n" + task.CanonicalSolution
                : task.CanonicalSolution + "# second model\n";
            lines.Add(JsonSerializer.Serialize(new { task_id = task.TaskId, model = "second", completion = second }));
        }
        var path = System.IO.Path.Combine(dir, "samples.jsonl");
        File.WriteAllLines(path, lines);
        return (path, lines.Count);
    }

    /// <summary>What a merged run must share with a single run: models, metrics, CIs, verdict counts, and
    /// every row's model, task, sample, line, verdict and detail.</summary>
    public static (string Models, List<string> Rows) Projection(System.Text.Json.Nodes.JsonNode document) =>
        (document["models"]!.ToJsonString(), document["results"]!.AsArray()
            .Select(r => $"{r!["model"]}|{r["task_id"]}|{r["sample"]}|{r["line"]}|{r["verdict"]}|{r["detail"]}").ToList());
}
