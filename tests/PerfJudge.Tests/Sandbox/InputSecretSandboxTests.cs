using System.Diagnostics;
using System.Text.Json;
using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Measurement;
using PerfJudge.Runners;
using PerfJudge.Runners.Python;
using PerfJudge.Sandbox;
using PerfJudge.Tasks;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Sandbox;

/// <summary>The input secret end to end: engines given one secret file measure the same generated
/// inputs (another file, or none, gives others), and no candidate can read the secret, at any
/// sandboxed level: not its file (at the default path, in the user's home), not the trusted
/// processes' environment, command line or memory.</summary>
[Collection(SandboxTests.Name)]
public sealed class InputSecretSandboxTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pj-secret-engine-").FullName;

    /// <summary>A sample that fails on its first input and names it: its detail shows the input.</summary>
    private static PerfRequest ShowsItsInput() => new("secret/1", "", "f",
        "def generate_input(size, lid, cid):\n    return (random.getrandbits(64),)\n",
        [new EfficiencyLevel(1, 2, 0), new EfficiencyLevel(1, 2, 1)], 7, "def __check(args, expected, output):\n    return output == expected\n",
        ["def f(x):\n    return x % 7\n"], ["def f(x):\n    raise ValueError('input %d' % x)\n"], ExecutionLimits.WithTimeout(10), 2.0, null, 1, "cpu");

    private static async Task<string> FirstInputAsync(IRunner runner)
    {
        var reply = await runner.RunAsync(ShowsItsInput(), CancellationToken.None);
        Assert.True(reply.Verdict == Verdict.Passed, reply.Detail);
        var detail = reply.Measurement!.Samples[0].Detail ?? "";
        Assert.Matches(@"^case 0: ValueError: input \d+$", detail);
        return detail;
    }

    private static async Task<string> FirstInputWithEngineAsync(string? secretFile)
    {
        var diagnostics = new List<Diagnostic>();
        await using var engine = new SandboxEngineFactory().Start(new EngineOptions(Workers: 1, NoCache: true, InputSecret: secretFile), diagnostics);
        Assert.True(engine is not null, string.Join("; ", diagnostics.Select(d => d.Message)));
        return await FirstInputAsync(engine.Runner);
    }

    [Fact]
    public async Task Engines_given_one_secret_file_measure_the_same_inputs_and_another_file_gives_others()
    {
        var file = Path.Combine(_dir, "a", "input-secret");
        var first = await FirstInputWithEngineAsync(file);
        var second = await FirstInputWithEngineAsync(file);
        Assert.Equal(first, second);
        Assert.NotEqual(first, await FirstInputWithEngineAsync(Path.Combine(_dir, "b", "input-secret")));
    }

    [Fact]
    public async Task Without_a_secret_each_worker_draws_its_own_so_inputs_differ()
    {
        var (python, command, level) = SandboxEngineFactory.Probe("auto", null, new List<Diagnostic>())!.Value;
        var inputs = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            await using var runner = new PythonRunner(command, level, python, 1, MachineFingerprint.Current);
            inputs.Add(await FirstInputAsync(runner));
        }
        Assert.NotEqual(inputs[0], inputs[1]);
    }

    [Fact]
    public void A_malformed_secret_file_stops_the_engine_with_a_message_naming_it()
    {
        var file = Path.Combine(_dir, "input-secret");
        File.WriteAllText(file, "not a secret\n");
        var diagnostics = new List<Diagnostic>();
        Assert.Null(new SandboxEngineFactory().Start(new EngineOptions(NoCache: true, InputSecret: file), diagnostics));
        var problem = Assert.Single(diagnostics, d => d.Code == "input-secret");
        Assert.Equal(DiagnosticKind.Environment, problem.Kind);
        Assert.Contains(file, problem.Message, StringComparison.Ordinal);
    }

    /// <summary>What a candidate could learn of the secret: files it can read at the given paths,
    /// small files under the given homes (but not under the python install, bound from there here), other
    /// processes' environment and command line (as text), and the processes whose memory it could open.</summary>
    private const string Probe = """
        import os
        def probe(paths, homes, skip):
            found = []
            for p in paths:
                try:
                    with open(p, 'rb') as f:
                        found.append('read %s: %s' % (p, f.read(64).decode('latin-1')))
                except OSError:
                    pass
            texts, opened = [], []
            for home in homes:
                for root, dirs, files in os.walk(home):
                    dirs[:] = [d for d in dirs if os.path.join(root, d) not in skip]
                    for n in files:
                        try:
                            if os.path.getsize(os.path.join(root, n)) <= 64:
                                with open(os.path.join(root, n), 'rb') as f:
                                    texts.append(f.read().decode('latin-1'))
                        except OSError:
                            pass
            for pid in os.listdir('/proc'):
                if not pid.isdigit() or int(pid) == os.getpid():
                    continue
                for name in ('environ', 'cmdline'):
                    try:
                        with open('/proc/%s/%s' % (pid, name), 'rb') as f:
                            texts.append(f.read().decode('latin-1'))
                    except OSError:
                        pass
                try:
                    with open('/proc/%s/mem' % pid, 'rb'):
                        opened.append(pid)
                except OSError:
                    pass
            return found, texts, opened
        """;

    [Theory]
    [MemberData(nameof(SandboxLevels.Data), MemberType = typeof(SandboxLevels))]
    public async Task A_candidate_cannot_read_the_secret(string level)
    {
        // The engine's own default file (made now when this machine has none), as every run uses it.
        var file = InputSecret.ResolvePath();
        var secret = InputSecret.LoadOrCreate(file);
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string[] paths = [file, InputSecret.DefaultPath(), Path.Combine(home, ".local", "share", "perfjudge", "input-secret")];
        var args = $"{JsonSerializer.Serialize(paths)}, {JsonSerializer.Serialize(new[] { home })}, " +
            JsonSerializer.Serialize(PythonInterpreter.Resolve(null).InstallRoots);

        // Control: the same probe outside the sandbox reads the file, so a pass below means something.
        var host = RunOnHost(Probe + $"\nprint(repr(probe({JsonSerializer.Serialize(paths)}, [], [])))\n");
        Assert.Contains("read " + file + ": " + secret.Hex, host, StringComparison.Ordinal);

        var diagnostics = new List<Diagnostic>();
        await using var engine = new SandboxEngineFactory().Start(new EngineOptions(Isolation: level, Workers: 1, NoCache: true), diagnostics);
        Assert.True(engine is not null, string.Join("; ", diagnostics.Select(d => d.Message)));
        var test = $"SECRET = '{secret.Hex}'\ndef check(candidate):\n    found, texts, opened = candidate({args})\n"
            + "    assert found == [], found\n    assert not [t for t in texts if SECRET in t], 'the secret in /proc or in a file under the home'\n"
            + "    assert opened == [], 'opened the memory of ' + repr(opened)\n";
        var reply = await engine.Runner.RunAsync(new TestRequest(Probe, "probe", test, "", ExecutionLimits.WithTimeout(10)), CancellationToken.None);
        Assert.True(reply.Verdict == Verdict.Passed, $"{level}: {reply.Verdict} {reply.Detail}");
    }

    [Fact]
    public void A_secret_file_inside_a_folder_the_sandbox_binds_is_found()
    {
        var root = Path.Combine(_dir, "python-root");
        Directory.CreateDirectory(root);
        var command = new WorkerCommand(new SandboxedRuntime("/usr/bin/python3", [root], Path.Combine(_dir, "harness"), "harness.py"));
        Assert.Equal(root, SandboxEngineFactory.SandboxFolderHolding(Path.Combine(root, "lib", "input-secret"), command));
        Assert.Equal("/usr", SandboxEngineFactory.SandboxFolderHolding("/usr/share/input-secret", command));
        Assert.Null(SandboxEngineFactory.SandboxFolderHolding(Path.Combine(_dir, "input-secret"), command));
        Assert.Null(SandboxEngineFactory.SandboxFolderHolding(root + "-other/input-secret", command));
        var link = Path.Combine(_dir, "link-to-secret");
        File.CreateSymbolicLink(link, Path.Combine(root, "input-secret"));
        Assert.Equal(root, SandboxEngineFactory.SandboxFolderHolding(link, command));
        var folderLink = Path.Combine(_dir, "folder-link");
        Directory.CreateSymbolicLink(folderLink, "python-root/lib");
        Assert.Equal(root, SandboxEngineFactory.SandboxFolderHolding(Path.Combine(folderLink, "input-secret"), command));
    }

    private static string RunOnHost(string program)
    {
        var info = new ProcessStartInfo(PythonInterpreter.Resolve(null).Executable) { RedirectStandardInput = true, RedirectStandardOutput = true };
        info.ArgumentList.Add("-");
        using var process = Process.Start(info)!;
        process.StandardInput.Write(program);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
