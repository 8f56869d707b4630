using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Samples;

namespace PerfJudge.Tests.Jobs;

/// <summary>--shard: parsing (explicit, Slurm, Kubernetes) and the partition by task.</summary>
public class ShardSpecTests
{
    private static ShardSpec? Parse(string text, params (string Name, string Value)[] env)
    {
        var problems = new List<Diagnostic>();
        var spec = ShardSpec.Parse(text, name => env.FirstOrDefault(e => e.Name == name).Value, problems);
        Assert.Equal(spec is null, problems.Count > 0);
        return spec;
    }

    [Fact]
    public void Explicit_slurm_and_kubernetes_forms_parse()
    {
        Assert.Equal(new ShardSpec(2, 4), Parse("2/4"));
        Assert.Equal(new ShardSpec(2, 4), Parse("env", ("SLURM_ARRAY_TASK_ID", "5"), ("SLURM_ARRAY_TASK_MIN", "3"), ("SLURM_ARRAY_TASK_COUNT", "4")));
        Assert.Equal(new ShardSpec(1, 3), Parse("env", ("JOB_COMPLETION_INDEX", "1"), (ShardSpec.CountVariable, "3")));
        Assert.Equal(new ShardSpec(1, 5), Parse("env/5", ("JOB_COMPLETION_INDEX", "1")));
    }

    [Theory]
    [InlineData("4/4")]
    [InlineData("-1/4")]
    [InlineData("0/0")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("env")]
    public void Bad_shards_are_usage_errors(string text) => Assert.Null(Parse(text, ("JOB_COMPLETION_INDEX", "0")));

    [Fact]
    public void Every_task_lands_in_exactly_one_shard_with_all_its_samples_and_shards_are_balanced()
    {
        var order = Enumerable.Range(0, 23).Select(t => $"T/{t}").ToList();
        // Samples of a subset of tasks, out of order and several per task.
        var samples = Enumerable.Range(0, 60).Select(i => new Sample($"m{i % 3}", $"T/{(i * 7) % 23 / 2 * 2}", i, $"p{i}", i + 1,
            new Dictionary<string, double>())).ToList();
        for (var n = 1; n <= 7; n++)
        {
            var shards = Enumerable.Range(0, n).Select(i => new ShardSpec(i, n).Select(order, samples)).ToList();
            Assert.Equal(samples.OrderBy(s => s.Line).Select(s => s.Line), shards.SelectMany(s => s).OrderBy(s => s.Line).Select(s => s.Line));
            var owners = shards.SelectMany((s, i) => s.Select(x => (x.TaskId, i))).Distinct().GroupBy(x => x.TaskId);
            Assert.All(owners, g => Assert.Single(g));
            var tasks = shards.Select(s => s.Select(x => x.TaskId).Distinct().Count()).ToList();
            Assert.InRange(tasks.Max() - tasks.Min(), 0, 1);
            Assert.All(shards, s => Assert.Equal(s.OrderBy(x => x.Line).Select(x => x.Line), s.Select(x => x.Line)));
        }
    }

    [Fact]
    public void The_default_group_depends_on_suite_samples_and_count_only()
    {
        var samples = new List<Sample> { new("m", "T/0", 0, "p", 1, new Dictionary<string, double>()) };
        Assert.Equal(new ShardSpec(0, 4).DefaultGroup("s", samples), new ShardSpec(3, 4).DefaultGroup("s", samples));
        Assert.NotEqual(new ShardSpec(0, 4).DefaultGroup("s", samples), new ShardSpec(0, 3).DefaultGroup("s", samples));
        Assert.NotEqual(new ShardSpec(0, 4).DefaultGroup("s", samples), new ShardSpec(0, 4).DefaultGroup("s", [samples[0] with { Program = "q" }]));
    }
}
