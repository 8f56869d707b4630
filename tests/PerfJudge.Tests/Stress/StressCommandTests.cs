using System.Text.Json.Nodes;
using PerfJudge.Tasks;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Stress;

/// <summary><c>perfjudge stress</c> end to end: real sandboxed references, real measurements.</summary>
[Collection(SandboxTests.Name)]
public class StressCommandTests
{
    private readonly string _dir = TestData.TempDir();

    /// <summary>The CLI's stress command with this test's own store (searches are kept there).</summary>
    // These tests give time budgets: the cpu meter, unless a test names another (the default,
    // callgrind, is tested in StressCallgrindTests).
    private Task<CliRunner.Outcome> RunStress(params string[] args) =>
        CliRunner.RunAsync(["stress", "--store", Path.Combine(_dir, "store.db"), .. args.Contains("--meter") ? [] : new[] { "--meter", "cpu" }, .. args]);

    [Fact]
    public async Task Same_seed_gives_a_byte_identical_suite_file_and_another_seed_does_not()
    {
        // The scale cap binds (the budget is far away) and the 4 quadratic candidates of 6 are
        // kept, so every choice is deterministic; the file must then be too (seeded generator,
        // canonical literals, stable JSON).
        var suite = await StressSuites.WriteAsync(_dir, StressSuites.Task("dup", StressSuites.HasDuplicatePrompt,
            "has_duplicate", StressSuites.Fast, StressSuites.Slow, "def check(candidate):\n    assert candidate([1, 1]) is True\n",
            StressSuites.HasDuplicateGenerator));
        async Task<byte[]> Run(int seed, string name)
        {
            var outDir = Path.Combine(_dir, name);
            // --fresh: measured every time, not replayed from the store.
            var outcome = await RunStress("--suite", suite, "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--out", outDir, "--budget", "20s", "--max-scale", "2048", "--rounds", "1", "--candidates", "6", "--keep", "4", "--fresh");
            Assert.True(outcome.ExitCode == 0, outcome.Err + outcome.Out);
            Assert.DoesNotContain("replayed", outcome.Out, StringComparison.Ordinal);
            return await File.ReadAllBytesAsync(Path.Combine(outDir, "tasks.jsonl"));
        }
        var first = await Run(5, "a");
        var second = await Run(5, "b");
        var other = await Run(6, "c");
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);

        var written = HumanEvalLoader.Load(Path.Combine(_dir, "a", "tasks.jsonl"));
        var level = written.Tasks[0].Efficiency!.Levels[^1];
        Assert.Equal(2048, level.Size);
        Assert.Equal(4, level.Count);
        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "a", "report.json")))!;
        var origins = report["tasks"]![0]!["worker"]!["origins"]!.AsArray().Select(o => o!.GetValue<string>()).ToList();
        Assert.Equal(["scale 2048, case 0", "scale 2048, case 2", "scale 2048, case 3", "scale 2048, case 5"], origins);
        var line = JsonNode.Parse(File.ReadLines(Path.Combine(_dir, "a", "tasks.jsonl")).First())!;
        var levels = line["levels"]!.AsArray();
        Assert.Equal(5, levels[levels.Count - 1]!["seed"]!.GetValue<int>());
        Assert.Equal(1, line["limit_references"]!.GetValue<int>()); // the slow reference sets no limit
        Assert.Equal(1, written.Tasks[0].Efficiency!.LimitReferences);
    }

    [Fact]
    public async Task One_reference_and_samples_keep_the_inputs_on_which_the_correct_samples_costs_spread_most()
    {
        // No 'references': the canonical solution is the one reference. Of the samples, the slow
        // one is quadratic on kinds 0 and 2 only and the wrong one is left out of the spread.
        var task = StressSuites.Task("dup", StressSuites.HasDuplicatePrompt, "has_duplicate", StressSuites.Fast, StressSuites.Slow,
            "def check(candidate):\n    assert candidate([1, 1]) is True\n", StressSuites.HasDuplicateGenerator);
        task.Remove("references");
        var suite = await StressSuites.WriteAsync(_dir, task);
        var samples = Path.Combine(_dir, "samples.jsonl");
        await File.WriteAllLinesAsync(samples, new[] { StressSuites.Fast, StressSuites.Slow, "    return False\n" }
            .Select(c => System.Text.Json.JsonSerializer.Serialize(new { task_id = "dup", completion = c })));
        var outDir = Path.Combine(_dir, "one");
        var outcome = await RunStress("--suite", suite, "--samples", samples, "--out", outDir, "--budget", "20s", "--max-scale", "1024",
            "--rounds", "1", "--candidates", "3", "--keep", "1", "--fresh");
        Assert.True(outcome.ExitCode == 0, outcome.Err + outcome.Out);
        var worker = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json")))!["tasks"]![0]!;
        Assert.Equal("sample spread", worker["objective"]!.GetValue<string>());
        var spread = worker["selected_spread"]!.GetValue<double>();
        Assert.True(spread > 3, worker.ToJsonString());
        Assert.NotEqual("scale 1024, case 1", worker["worker"]!["origins"]![0]!.GetValue<string>()); // the kind both are linear on
        Assert.Null(worker["worker"]!["sample_costs"]![2]); // the wrong sample
        var written = HumanEvalLoader.Load(Path.Combine(outDir, "tasks.jsonl")).Tasks[0].Efficiency!;
        Assert.Single(written.References);
        Assert.Equal(1024, written.Levels[^1].Size);

        // Without samples the one reference's cost is what the selection maximizes.
        var alone = await RunStress("--suite", suite, "--out", Path.Combine(_dir, "alone"), "--budget", "20s", "--max-scale", "256",
            "--rounds", "1", "--candidates", "2", "--keep", "1", "--fresh");
        Assert.True(alone.ExitCode == 0, alone.Err + alone.Out);
        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "alone", "report.json")))!["tasks"]![0]!;
        Assert.Equal("reference cost", report["objective"]!.GetValue<string>());
        Assert.Null(report["selected_ratio"]);
        Assert.True(report["selected_costs"]![0]!.GetValue<double>() > 0);
    }

    [Fact]
    public async Task A_rerun_replays_the_stored_search_and_writes_the_same_bytes_without_measuring()
    {
        // Budget-bound (not cap-bound) search: its scale depends on measured costs, so only the
        // replay makes a rerun on a noisy machine certain to write the same file.
        var suite = await StressSuites.WriteAsync(_dir, StressSuites.Task("dup", StressSuites.HasDuplicatePrompt,
            "has_duplicate", StressSuites.Fast, StressSuites.Slow, "def check(candidate):\n    assert candidate([1, 1]) is True\n",
            StressSuites.HasDuplicateGenerator));
        var first = await RunStress("--suite", suite, "--out", Path.Combine(_dir, "a"), "--budget", "20ms", "--rounds", "1", "--candidates", "3", "--keep", "2");
        Assert.True(first.ExitCode == 0, first.Err + first.Out);
        Assert.DoesNotContain("replayed", first.Out, StringComparison.Ordinal);
        var again = await RunStress("--suite", suite, "--out", Path.Combine(_dir, "b"), "--budget", "20ms", "--rounds", "1", "--candidates", "3", "--keep", "2");
        Assert.True(again.ExitCode == 0, again.Err + again.Out);
        Assert.Contains("1 task(s) replayed", again.Out, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_dir, "a", "tasks.jsonl")), await File.ReadAllBytesAsync(Path.Combine(_dir, "b", "tasks.jsonl")));

        // Another option is another search.
        var other = await RunStress("--suite", suite, "--out", Path.Combine(_dir, "c"), "--budget", "20ms", "--rounds", "1", "--candidates", "3", "--keep", "1");
        Assert.DoesNotContain("replayed", other.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inputs_a_reference_fails_on_are_dropped_and_a_raising_or_hanging_generator_stops_only_its_task()
    {
        const string prompt = "def total(nums: list) -> int:\n    \"\"\"Sum of nums.\"\"\"\n";
        const string slow = "    t = 0\n    for x in nums:\n        if x == -1:\n            raise ValueError('marker')\n        while x == -2:\n            pass\n        t += x\n    return t\n";
        const string generator = "def generate_input(size, lid, cid):\n    nums = [random.randrange(100) for _ in range(size)]\n    if cid % 3 == 1:\n        nums[size // 2] = -1\n    elif cid % 3 == 2:\n        nums[size // 2] = -2\n    return (nums,)\n";
        var suite = await StressSuites.WriteAsync(_dir,
            StressSuites.Task("markers", prompt, "total", "    return sum(nums)\n", slow, "", generator),
            StressSuites.Task("raises", prompt, "total", "    return sum(nums)\n", slow, "",
                "def generate_input(size, lid, cid):\n    raise RuntimeError('broken generator')\n"),
            StressSuites.Task("hangs", prompt, "total", "    return sum(nums)\n", slow, "",
                "def generate_input(size, lid, cid):\n    while True:\n        pass\n"));
        var outDir = Path.Combine(_dir, "out");
        var outcome = await RunStress("--suite", suite, "--out", outDir, "--max-scale", "64",
            "--budget", "20s", "--rounds", "1", "--candidates", "6", "--keep", "6", "--timeout", "1", "--generator-timeout", "1");
        Assert.True(outcome.ExitCode == 0, outcome.Err + outcome.Out);
        Assert.Contains("raises: no stress level", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("hangs: no stress level", outcome.Out, StringComparison.Ordinal);

        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json")))!["tasks"]!.AsArray();
        var markers = report[0]!;
        Assert.True(markers["succeeded"]!.GetValue<bool>());
        Assert.Equal(2, markers["discarded"]!["reference raised"]!.GetValue<int>());
        Assert.Equal(2, markers["discarded"]!["reference timed out"]!.GetValue<int>());
        Assert.False(report[1]!["succeeded"]!.GetValue<bool>());
        Assert.Contains("generator raised", report[1]!["worker"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("broken generator", report[1]!["worker"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.False(report[2]!["succeeded"]!.GetValue<bool>());
        Assert.Contains("generator timed out", report[2]!["worker"]!.ToJsonString(), StringComparison.Ordinal);

        var written = HumanEvalLoader.Load(Path.Combine(outDir, "tasks.jsonl"));
        var inputs = written.Tasks[0].Efficiency!.Levels[^1].Inputs!;
        Assert.Equal(2, inputs.Count); // candidates 0 and 3
        Assert.All(inputs, i => Assert.DoesNotContain("-", i, StringComparison.Ordinal));
        Assert.Single(written.Tasks[1].Efficiency!.Levels); // left as it was
        Assert.Single(written.Tasks[2].Efficiency!.Levels);
    }

    [Fact]
    public async Task Fuzzing_grows_test_inputs_until_the_quadratic_reference_is_much_costlier()
    {
        const string prompt = "def prefix_sums(nums: list) -> list:\n    \"\"\"Running totals.\"\"\"\n";
        var suite = await StressSuites.WriteAsync(_dir, StressSuites.Task("prefix", prompt, "prefix_sums",
            "    out = []\n    t = 0\n    for x in nums:\n        t += x\n        out.append(t)\n    return out\n",
            "    return [sum(nums[:i + 1]) for i in range(len(nums))]\n",
            "def check(candidate):\n    assert candidate([1, 2, 3]) == [1, 3, 6]\n    assert candidate([5]) == [5]\n" +
            "    try:\n        candidate(None)\n    except TypeError:\n        pass\n    else:\n        assert False\n", null));
        var outDir = Path.Combine(_dir, "out");
        var outcome = await RunStress("--suite", suite, "--out", outDir, "--budget", "50ms",
            "--rounds", "1");
        Assert.True(outcome.ExitCode == 0, outcome.Err + outcome.Out);
        var task = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json")))!["tasks"]![0]!;
        Assert.Equal("fuzz", task["method"]!.GetValue<string>());
        Assert.True(task["selected_ratio"]!.GetValue<double>() > 4, task.ToJsonString());
        var written = HumanEvalLoader.Load(Path.Combine(outDir, "tasks.jsonl")).Tasks[0].Efficiency!;
        Assert.Equal("", written.Generator);
        // The test's inputs, recorded; the one on which the references raise (as the test expects) is left out.
        Assert.Equal(["([1, 2, 3],)", "([5],)"], written.Levels[0].Inputs!);
        Assert.Equal(1, task["discarded"]!["test input: reference raised"]!.GetValue<int>());
        Assert.All(written.Levels[1].Inputs!, i => Assert.True(i.Length > 1000, i.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_string_of_words_from_a_vocabulary_grows_by_its_own_words_when_no_character_mutation_is_answered()
    {
        // HumanEval/19's shape: any word outside the vocabulary makes both references raise, so
        // every character-level recipe is discarded and only the word fallback can stress it.
        const string prompt = "def sort_words(text: str) -> str:\n    \"\"\"Sort number words.\"\"\"\n";
        const string table = "    v = {'zero': 0, 'one': 1, 'two': 2, 'three': 3, 'four': 4, 'five': 5}\n";
        var suite = await StressSuites.WriteAsync(_dir, StressSuites.Task("words", prompt, "sort_words",
            table + "    return ' '.join(sorted(text.split(), key=lambda w: v[w]))\n",
            table + "    out = []\n    for w in text.split():\n        k = v[w]\n        i = 0\n" +
            "        while i < len(out) and v[out[i]] <= k:\n            i += 1\n        out.insert(i, w)\n    return ' '.join(out)\n",
            "def check(candidate):\n    assert candidate('three one five') == 'one three five'\n    assert candidate('two') == 'two'\n", null));
        var outDir = Path.Combine(_dir, "out");
        var outcome = await RunStress("--suite", suite, "--out", outDir, "--budget", "50ms", "--rounds", "1");
        Assert.True(outcome.ExitCode == 0, outcome.Err + outcome.Out);
        var task = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json")))!["tasks"]![0]!;
        Assert.Equal("fuzz", task["method"]!.GetValue<string>());
        var recipes = task["worker"]!["recipes"]!.AsArray();
        Assert.All(recipes.Where(r => !r!["recipe"]!.GetValue<string>().Contains("words", StringComparison.Ordinal)),
            r => Assert.NotNull(r!["discarded"]));
        Assert.Contains("words", task["worker"]!["recipe"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(task["selected_ratio"]!.GetValue<double>() > 4, task.ToJsonString());
        var inputs = HumanEvalLoader.Load(Path.Combine(outDir, "tasks.jsonl")).Tasks[0].Efficiency!.Levels[1].Inputs!;
        Assert.All(inputs, i => Assert.True(i.Length > 1000, i.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var vocabulary = new HashSet<string>(["zero", "one", "two", "three", "four", "five"]);
        Assert.All(inputs, i => Assert.All(i.Trim('(', ')', ',', '\'').Split(' '), w => Assert.Contains(w, vocabulary)));
    }

    [Fact]
    public async Task The_scale_search_stops_at_the_input_size_cap()
    {
        var suite = await StressSuites.WriteAsync(_dir, StressSuites.Task("dup", StressSuites.HasDuplicatePrompt,
            "has_duplicate", StressSuites.Fast, StressSuites.Slow, "", StressSuites.HasDuplicateGenerator));
        var outDir = Path.Combine(_dir, "out");
        var outcome = await RunStress("--suite", suite, "--out", outDir, "--budget", "20s",
            "--max-input-bytes", "3000", "--rounds", "1", "--candidates", "3", "--keep", "1");
        Assert.True(outcome.ExitCode == 0, outcome.Err + outcome.Out);
        var worker = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json")))!["tasks"]![0]!["worker"]!;
        var search = worker["search"]!.AsArray();
        Assert.Contains(search, s => s!["stop"]?.GetValue<string>() == "input over size cap");
        var level = HumanEvalLoader.Load(Path.Combine(outDir, "tasks.jsonl")).Tasks[0].Efficiency!.Levels[^1];
        Assert.InRange(level.Size, 256, 512); // 8 * 2^k doubling, then bisection; 512 values need ~3.4 KB
        Assert.All(level.Inputs!, i => Assert.True(i.Length <= 3000, i.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_scale_search_stops_where_a_reference_runs_out_of_memory()
    {
        const string prompt = "def total(nums: list) -> int:\n    \"\"\"Sum of nums.\"\"\"\n";
        const string greedy = "    if len(nums) > 3000:\n        junk = [0] * (400 * 1024 * 1024)\n    return sum(nums)\n";
        var suite = await StressSuites.WriteAsync(_dir, StressSuites.Task("mem", prompt, "total", "    return sum(nums)\n", greedy, "",
            "def generate_input(size, lid, cid):\n    return ([random.randrange(100) for _ in range(size)],)\n"));
        var outDir = Path.Combine(_dir, "out");
        var outcome = await RunStress("--suite", suite, "--out", outDir, "--budget", "20s", "--memory-mb", "512",
            "--rounds", "1", "--candidates", "2", "--keep", "1");
        Assert.True(outcome.ExitCode == 0, outcome.Err + outcome.Out);
        var worker = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json")))!["tasks"]![0]!["worker"]!;
        Assert.Contains(worker["search"]!.AsArray(), s => s!["stop"]?.GetValue<string>() == "memory cap");
        var level = HumanEvalLoader.Load(Path.Combine(outDir, "tasks.jsonl")).Tasks[0].Efficiency!.Levels[^1];
        Assert.InRange(level.Size, 2048, 3000);
    }

    [Theory]
    [InlineData("--keep", "9")]
    [InlineData("--budget", "fast")]
    [InlineData("--task", "nope")]
    public async Task Bad_options_are_usage_errors(string option, string value)
    {
        var outcome = await RunStress(option, value, "--out", Path.Combine(_dir, "x"));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("perfjudge stress:", outcome.Err, StringComparison.Ordinal);
    }
}
