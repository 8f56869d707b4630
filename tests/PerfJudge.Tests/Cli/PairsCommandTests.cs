using System.Text.Json.Nodes;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Cli;

[Collection(SandboxTests.Name)]
public sealed class PairsCommandTests
{
    private static readonly string Suites = Path.Combine(AppContext.BaseDirectory, "suites", "demo");
    private readonly string _dir = TestData.TempDir();

    private string Store => Path.Combine(_dir, "store.db");

    private static List<JsonObject> Lines(string path) => File.ReadAllLines(path).Select(l => (JsonObject)JsonNode.Parse(l)!).ToList();

    [Fact]
    public async Task Pairs_of_the_demo_samples_judged_for_efficiency_are_listed_with_their_ratios()
    {
        var suite = Path.Combine(Suites, "efficiency.jsonl");
        var samples = Path.Combine(Suites, "samples.jsonl");
        var results = Path.Combine(_dir, "results.json");
        var eval = await CliRunner.RunAsync("eval", "--suite", suite, "--samples", samples, "--store", Store, "--json", results);
        Assert.True(eval.ExitCode == 0, eval.Err + eval.Out);
        Assert.All(eval.Json!["results"]!.AsArray().Where(r => r!["verdict"]!.GetValue<string>() == "passed"),
            r => Assert.Equal(6, r!["case_costs"]!.AsArray().Count));

        var output = Path.Combine(_dir, "pairs.jsonl");
        var pairs = await CliRunner.RunAsync("pairs", "--store", Store, "--suite", suite, "--samples", samples, "-o", output);
        Assert.True(pairs.ExitCode == 0, pairs.Err);
        Assert.Matches(@"demo/0-two_sum_exists\s*│ efficiency\s*│ tortoise-7b#0\s*│ hare-13b#0\s*│ \d+\.\d\d │ \[\d+\.\d\d, \d+\.\d\d\]", pairs.Out);
        Assert.Matches(@"demo/8-rle_roundtrip\s*│ correctness │ tortoise-7b#0\s*│ hare-13b#0", pairs.Out);
        var lines = Lines(output);
        var twoSum = lines.First(l => l["task_id"]!.GetValue<string>() == "demo/0-two_sum_exists" && l["rejected_from"]!["model"]!.GetValue<string>() == "hare-13b");
        Assert.Equal("perfjudge.pairs/1", twoSum["schema"]!.GetValue<string>());
        Assert.True(twoSum["ratio"]!.GetValue<double>() > 10, twoSum.ToJsonString());
        Assert.True(twoSum["ci95"]![0]!.GetValue<double>() > 1);
        Assert.Equal(("cpu", "s", 6), (twoSum["meter"]!.GetValue<string>(), twoSum["cost_unit"]!.GetValue<string>(), twoSum["cases"]!.GetValue<int>()));
        Assert.StartsWith("Please provide a self-contained Python script", twoSum["instruction"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("seen = set()", twoSum["chosen"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("for a in nums for b in nums", twoSum["rejected"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(lines.Where(l => l["kind"]!.GetValue<string>() == "efficiency"), l =>
            Assert.True(l["ratio"]!.GetValue<double>() >= 1.5 && l["ci95"]![0]!.GetValue<double>() > 1, l.ToJsonString()));

        // The same pairs from the results file (its case costs read back), and as chat in both orders.
        var chat = Path.Combine(_dir, "chat.jsonl");
        var fromFile = await CliRunner.RunAsync("pairs", "--run", results, "--suite", suite, "--samples", samples, "--chat", "-o", chat);
        Assert.True(fromFile.ExitCode == 0, fromFile.Err);
        var chatLines = Lines(chat);
        Assert.Equal(2 * lines.Count, chatLines.Count);
        Assert.Equal(["A", "B"], chatLines.Take(2).Select(l => l["messages"]![1]!["content"]!.GetValue<string>()));
        Assert.Equal(lines[0]["ratio"]?.ToJsonString(), chatLines[0]["ratio"]?.ToJsonString());
        Assert.Contains(lines[0]["chosen"]!.GetValue<string>().TrimEnd(), chatLines[0]["messages"]![0]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_correctness_run_gives_correctness_pairs_and_says_why_there_are_no_efficiency_pairs()
    {
        var eval = await CliRunner.RunAsync("eval", "--store", Store);
        Assert.True(eval.ExitCode == 0, eval.Err);
        var pairs = await CliRunner.RunAsync("pairs", "--store", Store);
        Assert.True(pairs.ExitCode == 0, pairs.Err);
        Assert.Contains("the run has no per-case costs", pairs.Err, StringComparison.Ordinal);
        Assert.Contains("0 efficiency and 5 correctness pair(s)", pairs.Out, StringComparison.Ordinal);

        var missing = await CliRunner.RunAsync("pairs", "--store", Store, "--run", "no-such-run");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no run 'no-such-run'", missing.Err, StringComparison.Ordinal);
    }
}
