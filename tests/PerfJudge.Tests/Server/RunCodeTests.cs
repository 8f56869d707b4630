using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerfJudge.Tests.Harness;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Server;

/// <summary>One judge server for the tests of <see cref="RunCodeTests"/>.</summary>
public sealed class RunCodeServer : IAsyncLifetime
{
    public ServerFixture Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>SandboxFusion's <c>POST /run_code</c> over real HTTP on loopback, with the real sandbox.</summary>
[Collection(SandboxTests.Name)]
public class RunCodeTests(RunCodeServer fixture) : IClassFixture<RunCodeServer>
{
    private const string SumPython = "import sys\nprint(sum(map(int, sys.stdin.read().split())))\n";
    private const string SumCpp = "#include <cstdio>\nint main(){long long a,b,s=0;while(scanf(\"%lld\",&a)==1)s+=a;printf(\"%lld\\n\",s);(void)b;}\n";
    private const string SumCsharp = "using System;using System.Linq;class P{static void Main(){Console.WriteLine(Console.In.ReadToEnd()" +
        ".Split((char[])null,StringSplitOptions.RemoveEmptyEntries).Sum(long.Parse));}}\n";

    private ServerFixture Server => fixture.Server;

    private async Task<JsonNode> RunAsync(object body)
    {
        var (status, answer) = await Server.PostJsonAsync("/run_code", body);
        Assert.True(status == 200, $"{status}: {answer}");
        return answer!;
    }

    [Theory]
    [InlineData("python", SumPython)]
    [InlineData("cpp", SumCpp)]
    [InlineData("csharp", SumCsharp)]
    [InlineData("python3", SumPython)]
    public async Task A_program_runs_on_its_stdin_and_the_answer_has_sandbox_fusions_shape_and_the_meters(string language, string code)
    {
        var answer = await RunAsync(new { code, language, stdin = "40 1 1", compile_timeout = 60, run_timeout = 10, memory_limit_MB = -1, files = new { }, fetch_files = Array.Empty<string>() });
        Assert.Equal("Success", answer["status"]!.GetValue<string>());
        Assert.Equal("", answer["message"]!.GetValue<string>());
        var run = answer["run_result"]!;
        Assert.Equal(("Finished", 0, "42\n"), (run["status"]!.GetValue<string>(), run["return_code"]!.GetValue<int>(), run["stdout"]!.GetValue<string>()));
        Assert.True(run["execution_time"]!.GetValue<double>() > 0);
        Assert.True(run["cpu_time"]!.GetValue<double>() > 0);
        Assert.True(run["peak_memory_kb"]!.GetValue<long>() > 0);
        var health = JsonNode.Parse(await Server.Client.GetStringAsync("/healthz"))!;
        Assert.Equal(health["isolation"]!.GetValue<string>(), answer["isolation"]!.GetValue<string>());
        Assert.Equal(language.StartsWith("python", StringComparison.Ordinal), answer["compile_result"] is null);
        if (answer["compile_result"] is { } compile)
        {
            Assert.Equal(("Finished", 0), (compile["status"]!.GetValue<string>(), compile["return_code"]!.GetValue<int>()));
        }
    }

    [Fact]
    public async Task Failures_get_sandbox_fusions_status_words()
    {
        var compileError = await RunAsync(new { code = "int main(){ return missing_name; }", language = "cpp" });
        Assert.Equal("Failed", compileError["status"]!.GetValue<string>());
        Assert.Null(compileError["run_result"]);
        Assert.Equal(("Finished", 1), (compileError["compile_result"]!["status"]!.GetValue<string>(), compileError["compile_result"]!["return_code"]!.GetValue<int>()));
        Assert.Contains("missing_name", compileError["compile_result"]!["stderr"]!.GetValue<string>(), StringComparison.Ordinal);

        var exit = await RunAsync(new { code = "import sys\nprint('partial')\nsys.stderr.write('bad input')\nsys.exit(3)\n", language = "python" });
        Assert.Equal("Failed", exit["status"]!.GetValue<string>());
        Assert.Equal(("Finished", 3, "partial\n", "bad input"), (exit["run_result"]!["status"]!.GetValue<string>(),
            exit["run_result"]!["return_code"]!.GetValue<int>(), exit["run_result"]!["stdout"]!.GetValue<string>(), exit["run_result"]!["stderr"]!.GetValue<string>()));

        var slow = await RunAsync(new { code = "while True:\n    pass\n", language = "python", run_timeout = 1 });
        Assert.Equal("TimeLimitExceeded", slow["run_result"]!["status"]!.GetValue<string>());
        Assert.Equal("timeout", slow["run_result"]!["verdict"]!.GetValue<string>());

        var greedy = await RunAsync(new { code = "x = bytearray(900 << 20)\nprint('got it')\n", language = "python", memory_limit_MB = 128 });
        Assert.Equal("Failed", greedy["status"]!.GetValue<string>());
        Assert.Equal("memory_limit", greedy["run_result"]!["verdict"]!.GetValue<string>());
        Assert.Equal("", greedy["run_result"]!["stdout"]!.GetValue<string>());
    }

    [Fact]
    public async Task Files_are_written_by_relative_path_and_the_same_source_compiles_once()
    {
        var files = new Dictionary<string, string> { ["data/in.txt"] = Convert.ToBase64String("21 21"u8.ToArray()) };
        var code = "#include <fstream>\n#include <cstdio>\nint main(){std::ifstream f(\"data/in.txt\");long a,b;f>>a>>b;printf(\"%ld\\n\",a+b);}\n// files\n";
        var first = await RunAsync(new { code, language = "cpp", files });
        var second = await RunAsync(new { code, language = "cpp", files });
        Assert.Equal("42\n", first["run_result"]!["stdout"]!.GetValue<string>());
        Assert.Equal("42\n", second["run_result"]!["stdout"]!.GetValue<string>());
        // The second compile is the first one replayed from the store: the same figures, to the last digit.
        Assert.Equal(first["compile_result"]!["execution_time"]!.GetValue<double>(), second["compile_result"]!["execution_time"]!.GetValue<double>());
    }

    [Fact]
    public async Task Programs_run_in_the_sandbox_attacks_gain_nothing_and_the_server_carries_on()
    {
        var token = "pj-runcode-" + Guid.NewGuid().ToString("N")[..12];
        var probe = $"import os, socket\nfound = []\nfor p in ['/etc/shadow', '/root/.bashrc', '/work/shared/DESIGN.md', '/proc/{Environment.ProcessId}/environ']:\n" +
            "    try:\n        open(p, 'rb').read(1); found.append(p)\n    except OSError:\n        pass\n" +
            $"for p in ['/tmp/{token}', '/{token}', '../{token}']:\n    try:\n        open(p, 'w').write('x'); found.append(p)\n    except OSError:\n        pass\n" +
            "try:\n    socket.create_connection(('1.1.1.1', 53), timeout=1); found.append('network')\nexcept OSError:\n    pass\nprint(found)\n";
        var answer = await RunAsync(new { code = probe, language = "python" });
        Assert.Equal("[]\n", answer["run_result"]!["stdout"]!.GetValue<string>());
        Assert.False(File.Exists("/tmp/" + token));
        var bomb = await RunAsync(new { code = "#include <unistd.h>\nint main(){ while (true) fork(); }\n", language = "cpp", run_timeout = 2 });
        Assert.Equal(("Failed", "TimeLimitExceeded"), (bomb["status"]!.GetValue<string>(), bomb["run_result"]!["status"]!.GetValue<string>()));
        var after = await RunAsync(new { code = SumPython, language = "python", stdin = "1 1" });
        Assert.Equal("2\n", after["run_result"]!["stdout"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"code": "print(1)", "language": "java"}""", "language 'java'")]
    [InlineData("""{"code": "print(1)", "language": "python", "files": {"../x": ""}}""", "'../x'")]
    [InlineData("""{"code": "print(1)", "language": "python", "files": {"/etc/x": ""}}""", "'/etc/x'")]
    [InlineData("""{"code": "print(1)", "language": "python", "files": {"a.txt": "not base64!"}}""", "base64")]
    [InlineData("""{"code": "print(1)", "language": "python", "files": {"a": "", "a/b": ""}}""", "'a/b'")]
    [InlineData("""{"code": "print(1)", "language": "python", "fetch_files": ["out.txt"]}""", "fetch_files")]
    [InlineData("""{"code": "print(1)", "language": "python", "memory_limit_MB": 8}""", "memory_limit_MB")]
    [InlineData("""{"code": "print(1)", "language": "python", "run_timeout": 0}""", "run_timeout")]
    [InlineData("""{"language": "python"}""", "'code'")]
    [InlineData("""{"code": "print(1)", "language": "python", "colour": 1}""", "colour")]
    public async Task Bad_requests_get_400_naming_the_field(string body, string named)
    {
        var response = await Server.PostAsync("/run_code", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 400, text);
        Assert.Contains(named, JsonNode.Parse(text)!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sandbox_fusion_client_with_verls_call_pattern_works_unchanged_and_notices_wrong_answers()
    {
        var problems = new object[]
        {
            new { language = "python", code = SumPython, timeout = 10, inputs = Enumerable.Range(0, 40).Select(i => $"{i} {i}").ToArray(),
                outputs = Enumerable.Range(0, 40).Select(i => $"{2 * i}").ToArray(), expect = Enumerable.Repeat<object>(true, 40).ToArray() },
            new { language = "python", code = "print(int(input()) + 1)\n", timeout = 10, inputs = new[] { "1", "2" }, outputs = new[] { "1", "2" },
                expect = new object[] { false, false } },
            new { language = "cpp", code = SumCpp, timeout = 30, inputs = new[] { "2 3", "4 4" }, outputs = new[] { "5", "9" }, expect = new object[] { true, false } },
            new { language = "csharp", code = SumCsharp, timeout = 30, inputs = new[] { "5 6" }, outputs = new[] { "11" }, expect = new object[] { true } },
            new { language = "cpp", code = "int main() { return nope; }", timeout = 30, inputs = new[] { "", "" }, outputs = new[] { "", "" }, expect = new object[] { -4, -4 } },
            new { language = "python", code = "raise ValueError('x')\n", timeout = 10, inputs = new[] { "" }, outputs = new[] { "" }, expect = new object[] { -2 } },
            new { language = "python", code = "import time\ntime.sleep(30)\n", timeout = 1, inputs = new[] { "" }, outputs = new[] { "" }, expect = new object[] { -3 } },
        };
        var (exit, output) = await ClientAsync(problems);
        Assert.True(exit == 0, output);
        Assert.Contains("\"cases\": 49, \"wrong\": 0", output, StringComparison.Ordinal);
        // The client is not a test that cannot fail: the same server, expectations that are wrong.
        var wrong = new object[] { new { language = "python", code = SumPython, timeout = 10, inputs = new[] { "1 1" }, outputs = new[] { "3" }, expect = new object[] { true } } };
        var (failed, report) = await ClientAsync(wrong);
        Assert.True(failed == 1, report);
        Assert.Contains("got False, expected True", report, StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Output)> ClientAsync(object[] problems, [CallerFilePath] string here = "")
    {
        var path = Path.Combine(TestData.TempDir(), "problems.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(problems));
        var script = Path.Combine(Path.GetDirectoryName(here)!, "sandbox_fusion_client.py");
        var run = await HarnessPython.RunAsync(["-I", script, new Uri(Server.Client.BaseAddress!, "/run_code").ToString(), path]);
        return (run.ExitCode, run.Out + run.Err);
    }
}
