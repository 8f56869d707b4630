using System.Globalization;
using PerfJudge.Evaluation;
using PerfJudge.Judging;
using PerfJudge.Results;
using PerfJudge.Runners;
using PerfJudge.Samples;
using PerfJudge.Tasks;

namespace PerfJudge.Tests.Evaluation;

/// <summary>eff@k of whole-program tasks with levels, through <see cref="ProgramEvaluator"/> and the model metrics, against
/// a brute-force computation (ENAMEL's per-sample formula written out, eff@k as the mean over all k-subsets of the
/// best), on a tiny suite judged by a fake runner whose programs say their own per-case costs.</summary>
public class ProgramLevelsTests
{
    // Levels: hardness 0 (1 case), 1 (2 cases), 2 (2 cases).
    private static readonly EfficiencyLevel[] Levels = [new(10, 1, 0), new(100, 2, 1), new(1000, 2, 2)];
    private static readonly int[] CaseLevels = [0, 1, 1, 2, 2];
    private const double Alpha = 2.0;

    /// <summary>Compiles everything (a source with "syntax error" does not), passes every test unless the source says
    /// "fails tests", and measures each program with the per-case costs written in its source ("costs a b c d e");
    /// a source with "wrong on levels" fails a level case.</summary>
    private sealed class FakeProgramRunner : IRunner
    {
        public int PerfRequests;

        public RunnerInfo Info { get; } = new("fake", "fake 1.0", "h1", 2, "test machine");

        public Task<TReply> RunAsync<TReply>(RunRequest<TReply> request, CancellationToken cancel) where TReply : RunReply
        {
            RunReply reply = request switch
            {
                CompileRequest c => c.Source.Contains("syntax error", StringComparison.Ordinal)
                    ? new CompileReply(Verdict.CompileError, "error", null, 0.1, 0.1)
                    : new CompileReply(Verdict.Passed, null, c.Source, 0.1, 0.1),
                ProgramRequest p => new ProgramReply(p.Artifact.Contains("fails tests", StringComparison.Ordinal) ? Verdict.Failed : Verdict.Passed,
                    null, p.Tests.Select(_ => (ProgramTestResult?)new ProgramTestResult(
                        p.Artifact.Contains("fails tests", StringComparison.Ordinal) ? Verdict.Failed : Verdict.Passed, 1, 0.01, 0.01, 1000, null,
                        2_000_000, "cgroup-v1")).ToList()),
                ProgramPerfRequest q => Measure(q),
                _ => throw new InvalidOperationException(request.GetType().Name),
            };
            return Task.FromResult((TReply)reply);
        }

        private PerfReply Measure(ProgramPerfRequest q)
        {
            Interlocked.Increment(ref PerfRequests);
            var references = q.References.Select(r => Program(r.Artifact)).ToList();
            var limiting = references.Take(q.LimitReferences ?? references.Count).ToList();
            var limits = Enumerable.Range(0, Levels.Length)
                .Select(l => q.Alpha * limiting.Max(r => CaseLevels.Select((lv, i) => lv == l ? r.Times[i]!.Value : 0).Max())).ToList();
            return new PerfReply(Verdict.Passed, null, new TaskMeasurement(CaseLevels, limits, references, q.Samples.Select(s => Program(s.Artifact)).ToList()));
        }

        private static ProgramMeasurement Program(string source)
        {
            var costs = source[(source.IndexOf("costs ", StringComparison.Ordinal) + 6)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Take(CaseLevels.Length).Select(x => (double?)double.Parse(x, CultureInfo.InvariantCulture)).ToList();
            return source.Contains("wrong on levels", StringComparison.Ordinal)
                ? new ProgramMeasurement(Verdict.Failed, "level case 3 (level 2): token 1", costs, null, 1000, 0.1, 3_000_000, "cgroup-v1")
                : new ProgramMeasurement(Verdict.Passed, null, costs, null, 1000, 0.1, 3_000_000, "cgroup-v1");
        }

        public Task RecycleAsync(CancellationToken cancel) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static readonly Dictionary<string, string[]> References = new()
    {
        ["A"] = ["costs 0.01 0.10 0.12 1.0 1.1", "costs 0.02 0.20 0.25 2.0 2.2", "costs 0.05 0.9 0.9 9 9"],
        ["B"] = ["costs 0.01 0.05 0.05 0.5 0.4", "costs 0.01 0.07 0.06 0.8 0.9"],
    };

    private static readonly (string Task, string Model, string Code)[] Programs =
    [
        ("A", "m", "costs 0.01 0.10 0.12 1.0 1.1"),   // as fast as the first reference
        ("A", "m", "costs 0.01 0.30 0.35 3.0 3.5"),   // between: level 1 limit 0.5, level 2 limit 4.4
        ("A", "m", "costs 0.01 0.60 0.10 1.0 1.0"),   // over level 1's limit: 0 for levels 1 and 2
        ("A", "n", "fails tests costs 0.01 0.1 0.1 1 1"),
        ("A", "n", "syntax error"),
        ("A", "n", "costs 0.02 0.15 0.2 4.0 4.3"),
        ("B", "m", "costs 0.01 0.06 0.05 0.6 0.7"),
        ("B", "m", "wrong on levels costs 0.01 0.05 0.05 0.5 0.4"),
        ("B", "n", "costs 0.01 0.14 0.2 1.5 1.7"),    // over both limits
        ("B", "n", "costs 0.01 0.05 0.05 0.5 0.4"),
    ];

    private static TaskSuite Suite() => new("t", "t", References.Select(r => new CodeTask(r.Key, "", "", "", "main", null,
        new ProgramSpec("", 1, 256, [new("1", "1")], "tokens", null, [], r.Value.Select(c => new ProgramSource("cpp", c)).ToList(),
            new Dictionary<string, IReadOnlyList<string>>(), new ProgramLevels("", Levels, Enumerable.Range(0, r.Value.Length).ToList(), 2)))).ToList());

    private static double[] Costs(string code) =>
        code[(code.IndexOf("costs ", StringComparison.Ordinal) + 6)..].Split(' ').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>ENAMEL's efficiency of one sample, written out: per level of hardness h &gt; 0, t = the sample's worst case,
    /// t_ref = the best reference's worst case, T = alpha x the slowest of the first two references' worst case; a level
    /// with t &gt; T scores 0 and so do later ones, else clamp((T - t) / (T - t_ref), 0, 1); hardness-weighted mean.</summary>
    private static double BruteEfficiency(string task, string code)
    {
        if (code.Contains("fails", StringComparison.Ordinal) || code.Contains("syntax", StringComparison.Ordinal)
            || code.Contains("wrong", StringComparison.Ordinal))
        {
            return 0;
        }
        double Worst(double[] c, int level) => Enumerable.Range(0, CaseLevels.Length).Where(i => CaseLevels[i] == level).Max(i => c[i]);
        var refs = References[task].Select(Costs).ToList();
        double sum = 0, weights = 0;
        var over = false;
        for (var level = 1; level < Levels.Length; level++)
        {
            var h = Levels[level].Hardness;
            weights += h;
            var t = Worst(Costs(code), level);
            var tRef = refs.Min(r => Worst(r, level));
            var limit = Alpha * refs.Take(2).Max(r => Worst(r, level));
            over |= t > limit;
            sum += over ? 0 : h * Math.Clamp((limit - t) / (limit - tRef), 0, 1);
        }
        return sum / weights;
    }

    private static double BruteEffAtK(List<double> scores, int k)
    {
        var subsets = new List<double>();
        void Choose(int start, int left, double best)
        {
            if (left == 0)
            {
                subsets.Add(best);
                return;
            }
            for (var i = start; i <= scores.Count - left; i++)
            {
                Choose(i + 1, left - 1, Math.Max(best, scores[i]));
            }
        }
        Choose(0, k, 0);
        return subsets.Average();
    }

    [Fact]
    public async Task Eff_at_k_of_program_tasks_equals_the_brute_force_value()
    {
        var samples = Programs.Select((p, i) => new Sample(p.Model, p.Task, i, p.Code, i + 1, new Dictionary<string, double>(), "cpp")).ToList();
        var runner = new FakeProgramRunner();
        var rows = await new ProgramEvaluator(runner, new EfficiencyOptions(ExecutionLimits.Default, 1, Alpha, 0, "cpu"))
            .RunAsync(Suite(), samples, ExecutionLimits.Default, 1, null, CancellationToken.None);
        Assert.Equal(2, runner.PerfRequests);
        Assert.All(rows, r => Assert.NotNull(r.Efficiency));
        Assert.Equal("failed", rows[7].Verdict); // wrong on a level case: not correct
        Assert.StartsWith("level case 3", rows[7].Detail, StringComparison.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(Math.Round(BruteEfficiency(Programs[i].Task, Programs[i].Code), 6), rows[i].Efficiency!.Efficiency, 9);
        }
        foreach (var model in new[] { "m", "n" })
        {
            var mine = rows.Where(r => r.Model == model).ToList();
            var metrics = new Dictionary<string, MetricValue>();
            EfficiencyMetrics.Add(metrics, mine, [1, 2]);
            foreach (var k in new[] { 1, 2 })
            {
                var expected = References.Keys.Average(task => BruteEffAtK(
                    Programs.Where(p => p.Task == task && p.Model == model).Select(p => BruteEfficiency(task, p.Code)).ToList(), k));
                Assert.Equal(expected, metrics[$"eff@{k}"].Value!.Value, 5);
            }
        }
        // Peak memory: the larger of the tests' and the levels' runs, with its source.
        Assert.Equal((3_000_000 + 1023) / 1024, rows[0].PeakMemoryKb);
        Assert.Equal("cgroup-v1", rows[0].Controls!["peak_memory"]);
    }

    [Fact]
    public void Levels_fields_are_read_and_bad_ones_named_with_file_line_and_field()
    {
        var dir = Directory.CreateTempSubdirectory("pj-levels-").FullName;
        try
        {
            var good = """{"task_id":"p","kind":"program","tests":[{"input":"1","output":"1"}],"references":[{"language":"cpp","code":"a"},{"language":"python","code":"b"}],"input_generator":"def generate_input(size, lid, cid):\n    return str(size)\n","levels":[{"size":1,"count":1,"hardness":0},{"size":9,"count":2,"hardness":1}],"level_references":[1,0],"limit_references":1}""";
            var bad = """{"task_id":"q","kind":"program","tests":[{"input":"1","output":"1"}],"references":[{"language":"cpp","code":"a"}],"input_generator":"x","levels":[{"size":1,"hardness":1}],"level_references":[3]}""";
            File.WriteAllLines(Path.Combine(dir, "ok.jsonl"), [good]);
            File.WriteAllLines(Path.Combine(dir, "bad.jsonl"), [good, bad]);
            var task = HumanEvalLoader.Load(Path.Combine(dir, "ok.jsonl"), "ok").Tasks[0];
            var levels = task.Program!.Levels!;
            Assert.Equal([1, 0], levels.References);
            Assert.Equal(1, levels.LimitReferences);
            Assert.Equal([0.0, 1.0], levels.Levels.Select(l => l.Hardness));
            Assert.Equal(9, levels.Levels[1].Size);
            var error = Assert.Throws<SuiteFormatException>(() => HumanEvalLoader.Load(Path.Combine(dir, "bad.jsonl"), "bad"));
            Assert.Contains("bad.jsonl:2", error.Message, StringComparison.Ordinal);
            Assert.Contains("field 'levels'", error.Message, StringComparison.Ordinal);
            Assert.Contains("field 'level_references'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
