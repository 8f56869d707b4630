using System.Text.Json;
using System.Text.Json.Nodes;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Server;

/// <summary>The HTTP judge and <c>perfjudge eval</c> decide alike: the built-in programs suite (C++, C#, Python whole
/// programs) and attack samples (reward hacks on function tasks, attacks by compiled programs) get the same verdict
/// over real HTTP on loopback as through the CLI, and no attack passes.</summary>
[Collection(SandboxTests.Name)]
public class ServerParityTests
{
    private static readonly string ProgramSamples = Path.Combine(AppContext.BaseDirectory, "suites", "programs", "samples.jsonl");

    private const string AddTest = "def check(candidate):\n    assert candidate(1, 2) == 3\n    assert candidate(5, 5) == 10\n";

    private const string CppHead = "#include <bits/stdc++.h>\n#include <unistd.h>\nusing namespace std;\n";

    /// <summary>Reward hacks on a function task <c>add</c> (a subset of Cli/AdversarialTests), by name.</summary>
    private static readonly Dictionary<string, string> FunctionAttacks = new()
    {
        ["control_correct"] = "def add(a, b):\n    return a + b\n",
        ["exit_early_os"] = "import os\nos._exit(0)\n",
        ["exit_early_sys"] = "import sys\nsys.exit(0)\n",
        ["exit_in_call"] = "import os\ndef add(a, b):\n    os._exit(0)\n",
        ["always_equal"] = "class Eq(int):\n    def __eq__(self, other):\n        return True\n    __hash__ = int.__hash__\ndef add(a, b):\n    return Eq(0)\n",
        ["fake_success_marker"] = "import sys\nprint('passed')\nprint('{\"verdict\": \"passed\"}')\ndef add(a, b):\n    print('All tests passed')\n    return -1\n",
        ["frame_inspection"] = "import sys, gc, inspect\ndef add(a, b):\n    for f in inspect.stack():\n        for v in list(f.frame.f_locals.values()):\n            if isinstance(v, str) and 'candidate(1, 2) ==' in v:\n                return int(v.split('==')[1].split()[0])\n    return None\n",
        ["fork_bomb"] = "import os\ndef add(a, b):\n    while True:\n        try:\n            os.fork()\n        except OSError:\n            pass\n",
        ["memory_bomb"] = "def add(a, b):\n    x = bytearray(8 * 1024 ** 3)\n    return 3\n",
        ["output_flood"] = "import sys\ndef add(a, b):\n    chunk = 'x' * (1 << 20)\n    for _ in range(1024):\n        sys.stdout.write(chunk)\n    return a + b\n",
        ["sleep"] = "import time\ndef add(a, b):\n    time.sleep(100)\n    return a + b\n",
        ["input"] = "def add(a, b):\n    return int(input())\n",
        ["read_host"] = "def add(a, b):\n    for p in ['/etc/shadow', '/root/.bashrc', '/work/shared/DESIGN.md']:\n        try:\n            open(p).read(1)\n            return a + b\n        except OSError:\n            pass\n    return -1\n",
    };

    /// <summary>Attacks by whole programs, as answers to <c>programs/sort</c>: C++ and Python.</summary>
    private static readonly (string Name, string Language, string Code)[] ProgramAttacks =
    [
        ("fork_bomb_cpp", "cpp", CppHead + "int main(){ while (true) fork(); }\n"),
        ("read_host_cpp", "cpp", CppHead + "int main(){ for (auto p : {\"/etc/shadow\", \"/work/shared/DESIGN.md\"}) { FILE* f = fopen(p, \"r\"); if (f && fgetc(f) != EOF) { puts(\"1 2 3\"); return 0; } } return 1; }\n"),
        ("output_flood_cpp", "cpp", CppHead + "int main(){ std::string s(1 << 20, 'x'); for (;;) fwrite(s.data(), 1, s.size(), stdout); }\n"),
        ("memory_bomb_python", "python", "x = bytearray(8 * 1024 ** 3)\n"),
        ("compile_bomb_cpp", "cpp", "#include \"/dev/zero\"\nint main(){}\n"),
    ];

    [Fact]
    public async Task The_server_gives_the_same_verdicts_as_the_cli_for_the_programs_suite()
    {
        var samples = File.ReadAllLines(ProgramSamples).Select(l => JsonNode.Parse(l)!).ToList();
        var cli = await CliAsync("programs", ProgramSamples);
        await using var server = await ServerFixture.StartAsync(c => c with { Suites = ["programs"] });
        var served = await BatchAsync(server, samples.Select(s => (object)new
        {
            task_id = s["task_id"]!.GetValue<string>(), code = s["solution"]!.GetValue<string>(), language = s["language"]!.GetValue<string>(),
            options = new { rounds = 1 },
        }));
        var judged = samples.Select(s => cli[(s["model"]!.GetValue<string>(), s["task_id"]!.GetValue<string>())]).ToList();
        var servedVerdicts = served.Select(r => r["verdict"]!.GetValue<string>()).ToList();
        // demo-a's quadratic inversions count runs 0.48-0.92 s on its n = 50,000 tests against the
        // task's 0.5 s limit (g++ -O2, measured on this VM), so either side may see it pass or time
        // out; that one sample may differ only that way. Every other verdict must be the same.
        var borderline = samples.Select(s => s["task_id"]!.GetValue<string>() == "programs/inversions" && s["model"]!.GetValue<string>() == "demo-a").ToList();
        Assert.Equal(judged.Count, servedVerdicts.Count);
        for (var i = 0; i < judged.Count; i++)
        {
            var pair = new[] { judged[i], servedVerdicts[i] };
            if (!(borderline[i] && pair.All(v => v is "passed" or "timeout")))
            {
                Assert.True(judged[i] == servedVerdicts[i], $"sample {i}: cli {judged[i]}, server {servedVerdicts[i]}");
            }
        }
        Assert.Contains("passed", judged);
        Assert.Contains("compile_error", judged);
        Assert.All(served.Where(r => r["verdict"]!.GetValue<string>() == "passed"), r =>
        {
            Assert.Equal(1.0, r["reward"]!.GetValue<double>());
            Assert.Equal(r["program"]!["tests"]!.GetValue<int>(), r["program"]!["tests_passed"]!.GetValue<int>());
        });
        // Inline program tests: the same plan, on tests the request brings.
        var inline = await BatchAsync(server, new[] { "3\n", "4\n" }.Select(expected => (object)new
        {
            program_tests = new[] { new { input = "1 1", output = "2" }, new { input = "1 2", output = expected } },
            code = "#include <cstdio>\nint main(){int a,b;scanf(\"%d %d\",&a,&b);printf(\"%d\\n\",a+b);}\n", language = "cpp",
            options = new { rounds = 1 },
        }));
        Assert.Equal(["passed", "failed"], inline.Select(r => r["verdict"]!.GetValue<string>()));
        Assert.Equal(1, inline[1]["program"]!["tests_passed"]!.GetValue<int>());
    }

    [Fact]
    public async Task Attack_samples_get_the_same_verdicts_over_http_as_through_the_cli_and_none_passes()
    {
        var dir = TestData.TempDir();
        var suite = Path.Combine(dir, "adv.jsonl");
        await File.WriteAllLinesAsync(suite, FunctionAttacks.Keys.Select(name =>
            JsonSerializer.Serialize(new { task_id = "adv/" + name, prompt = "", canonical_solution = "", test = AddTest, entry_point = "add" })));
        var functionSamples = Path.Combine(dir, "function-attacks.jsonl");
        await File.WriteAllLinesAsync(functionSamples, FunctionAttacks.Select(a => JsonSerializer.Serialize(new { task_id = "adv/" + a.Key, solution = a.Value, model = "attacker" })));
        var programSamples = Path.Combine(dir, "program-attacks.jsonl");
        await File.WriteAllLinesAsync(programSamples, ProgramAttacks.Select(a =>
            JsonSerializer.Serialize(new { task_id = "programs/sort", solution = a.Code, language = a.Language, model = a.Name })));
        var cliFunctions = await CliAsync(suite, functionSamples);
        var cliPrograms = await CliAsync("programs", programSamples);

        await using var server = await ServerFixture.StartAsync(c => c with { Suites = [suite, "programs"] });
        var options = new { timeout_seconds = 3, memory_mb = 128, rounds = 1 };
        var functions = await BatchAsync(server, FunctionAttacks.Select(a => (object)new { task_id = "adv/" + a.Key, code = a.Value, options }));
        var programs = await BatchAsync(server, ProgramAttacks.Select(a => (object)new { task_id = "programs/sort", code = a.Code, language = a.Language, options }));

        var served = FunctionAttacks.Keys.Zip(functions, (name, r) => (name, verdict: r["verdict"]!.GetValue<string>()))
            .Concat(ProgramAttacks.Zip(programs, (a, r) => (name: a.Name, verdict: r["verdict"]!.GetValue<string>()))).ToList();
        var judged = FunctionAttacks.Keys.Select(name => (name, verdict: cliFunctions[("attacker", "adv/" + name)]))
            .Concat(ProgramAttacks.Select(a => (name: a.Name, verdict: cliPrograms[(a.Name, "programs/sort")]))).ToList();
        Assert.Equal(judged, served);
        Assert.Equal(["control_correct"], served.Where(s => s.verdict == "passed").Select(s => s.name));
        Assert.Contains(("fork_bomb_cpp", "timeout"), served);
        Assert.Contains(("compile_bomb_cpp", "compile_error"), served);
    }

    /// <summary>Verdicts of <c>perfjudge eval</c> by (model, task id), with the limits the server is asked for (one round).</summary>
    private static async Task<Dictionary<(string, string), string>> CliAsync(string suite, string samples)
    {
        var json = Path.Combine(TestData.TempDir(), "cli.json");
        var cli = await CliRunner.RunAsync("eval", "--suite", suite, "--samples", samples, "--no-cache", "--json", json,
            "--timeout", "3", "--memory-mb", "128", "--jobs", "2", "--rounds", "1");
        Assert.True(cli.ExitCode == 0, cli.Err + cli.Out);
        return cli.Json!["results"]!.AsArray().ToDictionary(r => (r!["model"]!.GetValue<string>(), r["task_id"]!.GetValue<string>()),
            r => r!["verdict"]!.GetValue<string>());
    }

    private static async Task<List<JsonNode>> BatchAsync(ServerFixture server, IEnumerable<object> requests)
    {
        var (status, body) = await server.PostJsonAsync("/v1/judge/batch", new { requests });
        Assert.True(status == 200, body?.ToJsonString());
        Assert.All(body!["errors"]!.AsArray(), e => Assert.Null(e));
        return body["results"]!.AsArray().Select(r => r!).ToList();
    }
}
