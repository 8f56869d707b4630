using System.Diagnostics;
using PerfJudge.Judging;
using PerfJudge.Runners;
using PerfJudge.Runners.Python;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Sandbox;

/// <summary>The trusted checker survives any candidate: forged frames (huge integers, values that
/// all hash alike, deeply nested greetings, a 40 MiB error message), a candidate that stops
/// reading its pipe, output written past the cap and then truncated, and control-flow exceptions
/// raised into the test. Each gets a verdict of its own within its time limit, and the next
/// sample on the same worker is judged as usual.</summary>
[Collection(SandboxTests.Name)]
public sealed class CheckerSurvivalTests
{
    private const string Test = "def check(candidate):\n    assert candidate(3) == 6\n";

    /// <summary>A forged reply frame: the candidate writes its own bytes on the reply pipe (fd 4).</summary>
    private static string Forged(string body) =>
        "import os\ndef f(x):\n    b = (" + body + ").encode()\n    os.write(4, len(b).to_bytes(4, 'big') + b)\n    import time\n    time.sleep(60)\n";

    public static IEnumerable<object[]> Attacks()
    {
        // A 3-million-digit integer: decoding decimal digits is quadratic.
        yield return ["huge_int", Forged("'[\"ok\",' + '7' * 3_000_000 + ']'"), Test];
        // 60,000 distinct integers with one hash: building the set is quadratic.
        yield return ["same_hash", Forged("'[\"ok\",[\"s\",' + ','.join(str(k * (2**61 - 1)) for k in range(1, 60001)) + ']]'"), Test];
        // A greeting whose fields are deeply nested arrays.
        yield return ["nested_greeting", "import os\nb = ('[\"loaderr\",' + '[' * 900 + ']' * 900 + ',\"x\"]').encode()\nos.write(4, len(b).to_bytes(4, 'big') + b)\nos._exit(0)\n", Test];
        // A greeting that is a huge integer.
        yield return ["huge_greeting", "import os\nb = ('[\"loaderr\",\"E\",' + '9' * 2_000_000 + ']').encode()\nos.write(4, len(b).to_bytes(4, 'big') + b)\nos._exit(0)\n", Test];
        // It stops reading its pipe; the test sends an argument far larger than a pipe's buffer.
        yield return ["stops_reading", "import pj_candidate, time\npj_candidate.recv_marshal = lambda fd: time.sleep(600)\ndef f(x):\n    return 1\n",
            "def check(candidate):\n    assert candidate('x' * 8_000_000) == 1\n"];
    }

    private static async Task<(PythonRunner Runner, IAsyncDisposable Owner)> StartAsync(string level)
    {
        var runner = SandboxLevels.Runner(level);
        await Task.CompletedTask;
        return (runner, runner);
    }

    private static Task<TestReply> JudgeAsync(PythonRunner runner, string program, string test, ExecutionLimits? limits = null) =>
        runner.RunAsync(new TestRequest(program, "f", test, "", limits ?? ExecutionLimits.WithTimeout(3)), CancellationToken.None);

    [Theory]
    [MemberData(nameof(SandboxLevels.Data), MemberType = typeof(SandboxLevels))]
    public async Task Every_forged_frame_is_that_candidates_verdict_in_its_time(string level)
    {
        var (runner, owner) = await StartAsync(level);
        await using var _ = owner;
        var problems = new List<string>();
        foreach (var attack in Attacks())
        {
            var (name, program, test) = ((string)attack[0], (string)attack[1], (string)attack[2]);
            var clock = Stopwatch.StartNew();
            var reply = await JudgeAsync(runner, program, test).WaitAsync(TimeSpan.FromSeconds(40));
            var seconds = clock.Elapsed.TotalSeconds;
            if (reply.Verdict is Verdict.Passed or Verdict.SandboxError || seconds > 12)
            {
                problems.Add($"{name}: {reply.Verdict} after {seconds:F1} s: {Cut(reply.Detail)}");
            }
            var next = await JudgeAsync(runner, "def f(x):\n    return 2 * x\n", Test);
            if (next.Verdict != Verdict.Passed)
            {
                problems.Add($"{name}: the next sample got {next.Verdict}: {Cut(next.Detail)}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static string Cut(string? text) => text is null ? "" : text.Length > 300 ? text[..300] + "..." : text;

    [Theory]
    [MemberData(nameof(SandboxLevels.Data), MemberType = typeof(SandboxLevels))]
    public async Task A_forged_40_MiB_error_message_becomes_a_short_detail(string level)
    {
        var (runner, owner) = await StartAsync(level);
        await using var _ = owner;
        var reply = await JudgeAsync(runner, Forged("'[\"raise\",\"ValueError\",\"' + 'x' * (40 << 20) + '\"]'"), Test);
        Assert.Equal(Verdict.Error, reply.Verdict);
        Assert.InRange(reply.Detail?.Length ?? 0, 1, 4096);
    }

    [Theory]
    [MemberData(nameof(SandboxLevels.Data), MemberType = typeof(SandboxLevels))]
    public async Task Output_past_the_cap_is_over_the_limit_even_when_truncated_afterwards(string level)
    {
        var (runner, owner) = await StartAsync(level);
        await using var _ = owner;
        const string program = "import os, sys\ndef f(x):\n    os.write(1, b'y' * (3 << 20))\n    os.ftruncate(1, 0)\n    os.lseek(1, 0, 0)\n    return 2 * x\n";
        var reply = await JudgeAsync(runner, program, Test, ExecutionLimits.WithTimeout(3) with { OutputBytes = 1 << 20 });
        Assert.Equal(Verdict.OutputLimit, reply.Verdict);
    }

    [Theory]
    [MemberData(nameof(SandboxLevels.Data), MemberType = typeof(SandboxLevels))]
    public async Task Control_flow_exceptions_of_the_candidate_are_errors_not_values(string level)
    {
        var (runner, owner) = await StartAsync(level);
        await using var _ = owner;
        // all(map(...)) ends early at a StopIteration raised inside map's function.
        const string test = "def check(candidate):\n    assert all(map(lambda x: candidate(x) == 2 * x, [1, 2, 3]))\n";
        foreach (var name in new[] { "StopIteration", "StopAsyncIteration", "GeneratorExit", "KeyboardInterrupt", "SystemExit" })
        {
            var reply = await JudgeAsync(runner, $"def f(x):\n    raise {name}()\n", test);
            Assert.True(reply.Verdict == Verdict.Error, $"{name}: {reply.Verdict} {reply.Detail}");
        }
    }
}

/// <summary>Through the CLI: a forged 40 MiB error message leaves a small results file and store.</summary>
[Collection(SandboxTests.Name)]
public sealed class ForgedMessageStoreTests
{
    [Fact]
    public async Task A_forged_40_MiB_error_message_keeps_the_results_file_and_the_store_small()
    {
        var dir = TestData.TempDir();
        var suite = Path.Combine(dir, "suite.jsonl");
        await File.WriteAllTextAsync(suite, System.Text.Json.JsonSerializer.Serialize(new
        {
            task_id = "forged/0", prompt = "def f(x):\n", canonical_solution = "    return 2 * x\n",
            test = "def check(candidate):\n    assert candidate(3) == 6\n", entry_point = "f",
        }) + "\n");
        var samples = Path.Combine(dir, "samples.jsonl");
        var forged = "import os\ndef f(x):\n    b = ('[\"raise\",\"ValueError\",\"' + 'x' * (40 << 20) + '\"]').encode()\n    os.write(4, len(b).to_bytes(4, 'big') + b)\n    import time\n    time.sleep(60)\n";
        await File.WriteAllLinesAsync(samples,
        [
            System.Text.Json.JsonSerializer.Serialize(new { task_id = "forged/0", model = "forger", solution = forged }),
            System.Text.Json.JsonSerializer.Serialize(new { task_id = "forged/0", model = "honest", completion = "    return 2 * x\n" }),
        ]);
        var json = Path.Combine(dir, "out.json");
        var store = Path.Combine(dir, "store.db");
        var outcome = await CliRunner.RunAsync("eval", "--suite", suite, "--samples", samples, "--json", json, "--store", store, "--timeout", "5");
        Assert.True(outcome.ExitCode == 0, outcome.Err + outcome.Out);
        var rows = outcome.Json!["results"]!.AsArray().ToDictionary(r => r!["model"]!.GetValue<string>(), r => r!["verdict"]!.GetValue<string>());
        Assert.Equal("error", rows["forger"]);
        Assert.Equal("passed", rows["honest"]);
        Assert.InRange(new FileInfo(json).Length, 1, 256 << 10);
        var stored = Directory.GetFiles(dir, "store.db*").Sum(f => new FileInfo(f).Length);
        Assert.InRange(stored, 1, 2 << 20);
    }
}
