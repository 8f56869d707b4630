using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Measurement;

[Collection(SandboxTests.Name)]
public class MeasureCommandTests
{
    private readonly string _dir = TestData.TempDir();

    private string Program(string name, int loops)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, $"def work(n):\n    t = 0\n    for _ in range({loops}):\n        for i in range(n):\n            t += i\n    return t\n");
        return path;
    }

    [Fact]
    public async Task Measures_two_programs_and_their_ratio_with_the_cpu_meter()
    {
        var json = Path.Combine(_dir, "m.json");
        var outcome = await CliRunner.RunAsync("measure", Program("a.py", 1), "--compare", Program("b.py", 3), "--entry", "work",
            "--input", "[20000]", "--min-rounds", "5", "--max-rounds", "10", "--json", json);
        Assert.True(outcome.ExitCode == 0, outcome.Err);
        Assert.Contains("ratio", outcome.Out, StringComparison.Ordinal);
        var doc = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(json))!;
        Assert.Equal("cpu", doc["meter"]!.GetValue<string>());
        Assert.InRange(doc["compare"]!["ratio"]!.GetValue<double>(), 2.0, 4.5); // three loops vs one
    }

    [Fact]
    public async Task Callgrind_counts_are_identical_run_to_run()
    {
        var json = Path.Combine(_dir, "cg.json");
        var outcome = await CliRunner.RunAsync("measure", Program("c.py", 1), "--entry", "work", "--input", "[2000]",
            "--meter", "callgrind", "--min-rounds", "2", "--json", json);
        Assert.True(outcome.ExitCode == 0, outcome.Err);
        var costs = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(json))!["costs_s"]!.AsArray()
            .Select(c => c!.GetValue<double>()).ToList();
        Assert.Equal(2, costs.Count);
        Assert.True(costs[0] > 10_000, $"implausible count {costs[0]}");
        Assert.Equal(costs[0], costs[1]);
    }

    [Fact]
    public async Task A_candidate_cannot_stop_the_counter_the_checker_opened_on_it()
    {
        // prctl(PR_TASK_PERF_EVENTS_DISABLE) stops only counters the caller created itself.
        var honest = Program("honest.py", 3);
        var tamper = Path.Combine(_dir, "tamper.py");
        await File.WriteAllTextAsync(tamper, "import ctypes\nctypes.CDLL(None).prctl(31, 0, 0, 0, 0)\n" + await File.ReadAllTextAsync(honest));
        var json = Path.Combine(_dir, "t.json");
        var outcome = await CliRunner.RunAsync("measure", honest, "--compare", tamper, "--entry", "work", "--input", "[20000]",
            "--meter", "task-clock", "--min-rounds", "5", "--max-rounds", "10", "--json", json);
        Assert.True(outcome.ExitCode == 0, outcome.Err);
        var ratio = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(json))!["compare"]!["ratio"]!.GetValue<double>();
        Assert.InRange(ratio, 0.7, 1.4);
    }

    [Fact]
    public async Task Work_done_in_a_thread_that_has_exited_still_counts()
    {
        // Summing the live threads' CPU time misses a thread that ends before the reading: the same
        // work done in such a thread must cost what it costs in the calling thread.
        var direct = Program("direct.py", 3);
        var hidden = Path.Combine(_dir, "hidden.py");
        await File.WriteAllTextAsync(hidden, "import threading\n\ndef work(n):\n    out = []\n    def run():\n        t = 0\n" +
            "        for _ in range(3):\n            for i in range(n):\n                t += i\n        out.append(t)\n" +
            "    th = threading.Thread(target=run)\n    th.start()\n    th.join()\n    return out[0]\n");
        var json = Path.Combine(_dir, "th.json");
        var outcome = await CliRunner.RunAsync("measure", direct, "--compare", hidden, "--entry", "work", "--input", "[20000]",
            "--meter", "cpu", "--min-rounds", "5", "--max-rounds", "10", "--json", json);
        Assert.True(outcome.ExitCode == 0, outcome.Err);
        var ratio = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(json))!["compare"]!["ratio"]!.GetValue<double>();
        Assert.InRange(ratio, 0.7, 1.6); // the thread's start-up costs a little extra
    }

    [Fact]
    public async Task The_instructions_meter_is_used_where_available_and_refused_clearly_elsewhere()
    {
        var outcome = await CliRunner.RunAsync("measure", Program("e.py", 1), "--entry", "work", "--input", "[2000]",
            "--meter", "instructions", "--min-rounds", "3", "--max-rounds", "3");
        if (PerfJudge.Measurement.Meters.InstructionsAvailable)
        {
            Assert.True(outcome.ExitCode == 0, outcome.Err);
            Assert.Contains("instructions", outcome.Out, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(1, outcome.ExitCode);
            Assert.Contains("hardware instruction counter", outcome.Err, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"a\": 1}")]
    public async Task Bad_input_is_a_usage_error(string input)
    {
        var outcome = await CliRunner.RunAsync("measure", Program("d.py", 1), "--entry", "work", "--input", input);
        Assert.Equal(2, outcome.ExitCode);
    }

    [Fact]
    public async Task A_program_that_raises_is_an_input_error()
    {
        var path = Path.Combine(_dir, "bad.py");
        await File.WriteAllTextAsync(path, "def work(n):\n    raise ValueError('no')\n");
        var outcome = await CliRunner.RunAsync("measure", path, "--entry", "work", "--input", "[1]");
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("ValueError", outcome.Err, StringComparison.Ordinal);
    }
}
