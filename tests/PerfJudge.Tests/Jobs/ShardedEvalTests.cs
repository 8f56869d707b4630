using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Reports;
using PerfJudge.Tasks;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Jobs;

/// <summary>Sharded evaluation with a fake runner: shards partition the work, their merge reports what
/// one unsharded run reports, and merging refuses incomplete or mixed sets of shards.</summary>
public class ShardedEvalTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private sealed record Setup(string Suite, string Samples, SuiteResolver Resolver, FakeTimeProvider Time);

    private static Setup Make(int tasks = 7)
    {
        var dir = TestData.TempDir();
        var (suite, resolver) = FakeSuite.Write(dir, tasks);
        var samples = Path.Combine(dir, "samples.jsonl");
        // Interleaved models and tasks, so the single run's order is not the shards' order.
        File.WriteAllLines(samples, Enumerable.Range(0, 5).SelectMany(s => Enumerable.Range(0, tasks).Reverse().Select(t =>
            JsonSerializer.Serialize(new
            {
                task_id = $"T/{t}", model = s % 2 == 0 ? "even" : "odd",
                completion = (s + t) % 3 == 2 ? $"    return None  # {t} {s}\n" : $"    return 'ok'  # {t} {s}\n",
            }))));
        return new Setup(suite, samples, resolver, new FakeTimeProvider(Noon));
    }

    private static async Task<Report> Run(Setup s, MemoryStore store, ShardSpec? shard)
    {
        var options = new EvalOptions(s.Suite, s.Samples, [1, 2], ExecutionLimits.Default, new EngineOptions(), Shard: shard);
        var result = await new EvalJob(new FakeEngines(new FakeRunner(), store), s.Resolver, s.Time).RunAsync(options, null, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        s.Time.Advance(TimeSpan.FromSeconds(1));
        return result.Value!.Report;
    }

    /// <summary>What must not differ between a merged and a single run: models, metrics, CIs, verdicts, and every row but its cache flag.</summary>
    private static string Projection(Report report)
    {
        var doc = ResultsDocument.Build(report);
        foreach (var row in doc["results"]!.AsArray())
        {
            row!.AsObject().Remove("cached");
        }
        return new JsonObject { ["models"] = doc["models"]!.DeepClone(), ["results"] = doc["results"]!.DeepClone() }.ToJsonString();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Merged_shards_report_exactly_what_one_run_reports(int count)
    {
        var s = Make();
        var single = await Run(s, new MemoryStore(), null);
        var shards = new List<(Report, string)>();
        for (var i = 0; i < count; i++)
        {
            shards.Add((await Run(s, new MemoryStore(), new ShardSpec(i, count)), $"shard {i}"));
        }
        Assert.Equal(single.Rows.Count, shards.Sum(x => x.Item1.Rows.Count));
        Assert.All(shards, x => Assert.Equal(count, x.Item1.Run.Shard!.Count));
        Assert.Single(shards.Select(x => x.Item1.Run.Shard!.Group).Distinct());
        var diagnostics = new List<Diagnostic>();
        var merged = ShardMerge.Merge(shards.AsEnumerable().Reverse().ToList(), diagnostics);
        Assert.NotNull(merged);
        Assert.DoesNotContain(diagnostics, d => d.Kind == DiagnosticKind.Warning);
        Assert.Equal(Projection(single), Projection(merged));
        Assert.Equal(Enumerable.Range(0, count), merged.Run.Shards!.Select(x => x.Index));
        // The merged document reads back to the same report.
        var back = ResultsDocumentReader.Read(ResultsDocument.Render(merged), "merged");
        Assert.Equal(ResultsDocument.Render(merged), ResultsDocument.Render(back));
    }

    [Fact]
    public async Task More_shards_than_tasks_leave_empty_shards_that_still_merge()
    {
        var s = Make(tasks: 2);
        var single = await Run(s, new MemoryStore(), null);
        var shards = new List<(Report, string)>();
        for (var i = 0; i < 4; i++)
        {
            shards.Add((await Run(s, new MemoryStore(), new ShardSpec(i, 4)), $"shard {i}"));
        }
        Assert.Empty(shards[3].Item1.Rows);
        Assert.Equal(Projection(single), Projection(ShardMerge.Merge(shards, new List<Diagnostic>())!));
    }

    [Fact]
    public async Task Merge_from_a_store_takes_each_shards_latest_attempt_and_records_the_whole_run()
    {
        var s = Make();
        var store = new MemoryStore();
        var single = await Run(s, new MemoryStore(), null);
        for (var i = 0; i < 3; i++)
        {
            await Run(s, store, new ShardSpec(i, 3));
        }
        var rerun = await Run(s, store, new ShardSpec(1, 3)); // a resubmitted shard: everything replays
        Assert.All(rerun.Rows, r => Assert.True(r.Cached));
        var result = await new MergeJob(_ => store, s.Time).RunAsync(new MergeOptions([], "memory"), CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var merged = result.Value!.Report;
        Assert.Equal(rerun.Run.Id, merged.Run.Shards![1].RunId);
        Assert.Equal(Projection(single), Projection(merged));
        Assert.Equal(result.Value.Document, store.GetRun(merged.Run.Id));
    }

    [Fact]
    public async Task Missing_duplicate_and_foreign_shards_are_refused_with_reasons()
    {
        var s = Make();
        var a = await Run(s, new MemoryStore(), new ShardSpec(0, 3));
        var b = await Run(s, new MemoryStore(), new ShardSpec(1, 3));
        var whole = await Run(s, new MemoryStore(), null);
        List<Diagnostic> Merge(params Report[] reports)
        {
            var diagnostics = new List<Diagnostic>();
            Assert.Null(ShardMerge.Merge(reports.Select((r, i) => (r, $"doc{i}")).ToList(), diagnostics));
            return diagnostics;
        }
        Assert.Contains(Merge(a, b), d => d.Code == "merge.missing" && d.Message.Contains("1 of 3 shards missing: 2", StringComparison.Ordinal));
        Assert.Contains(Merge(a, a, b), d => d.Code == "merge.duplicate");
        Assert.Contains(Merge(a, whole), d => d.Code == "merge.not-shard" && d.File == "doc1");
        var other = b with { Run = b.Run with { Shard = b.Run.Shard! with { Group = "other" } } };
        Assert.Contains(Merge(a, other), d => d.Code == "merge.group");
        var overlap = b with { Rows = [.. b.Rows, a.Rows[0]] };
        var c = await Run(s, new MemoryStore(), new ShardSpec(2, 3));
        Assert.Contains(Merge(a, overlap, c), d => d.Code == "merge.overlap");
    }

    [Fact]
    public async Task Shards_of_different_machines_are_listed_and_warned_about()
    {
        var s = Make();
        var a = await Run(s, new MemoryStore(), new ShardSpec(0, 2));
        var b = await Run(s, new MemoryStore(), new ShardSpec(1, 2));
        b = b with { Run = b.Run with { Fingerprint = "other cpu|64 cores|6.1" } };
        var diagnostics = new List<Diagnostic>();
        var merged = ShardMerge.Merge([(a, "a"), (b, "b")], diagnostics)!;
        Assert.Contains(diagnostics, d => d.Kind == DiagnosticKind.Warning && d.Code == "merge.machines" && d.Message.Contains("other cpu", StringComparison.Ordinal));
        Assert.Null(merged.Run.Fingerprint);
        Assert.Equal(["test machine", "other cpu|64 cores|6.1"], merged.Run.Shards!.Select(x => x.Fingerprint));
    }
}
