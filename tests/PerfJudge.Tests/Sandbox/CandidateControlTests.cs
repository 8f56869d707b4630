using PerfJudge.Judging;
using PerfJudge.Runners;
using PerfJudge.Sandbox;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Sandbox;

/// <summary>What happens to a candidate's processes and memory at each sandboxed level: nothing
/// it starts outlives its sample, and its peak memory (from its cgroup where the machine has
/// them) is reported and bounded across all its processes.</summary>
[Collection(SandboxTests.Name)]
public sealed class CandidateControlTests
{
    private const string Test = "def check(candidate):\n    assert candidate() == 1\n";

    private static async Task<(TestReply Result, RunnerInfo Pool)> JudgeAsync(string level, string program,
        ExecutionLimits? limits = null, Func<Task>? whileAlive = null)
    {
        await using var runner = SandboxLevels.Runner(level);
        var result = await runner.RunAsync(new TestRequest(program, "f", Test, "", limits ?? ExecutionLimits.Default), CancellationToken.None);
        if (whileAlive is not null)
        {
            await whileAlive();
        }
        return (result, runner.Info);
    }

    private static List<string> HostProcessesWith(string marker) =>
        Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)).Where(d =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(d, "cmdline")).Contains(marker, StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        }).ToList();

    [Theory]
    [MemberData(nameof(SandboxLevels.Data), MemberType = typeof(SandboxLevels))]
    public async Task Nothing_a_candidate_starts_outlives_its_sample(string level)
    {
        var marker = "pjleft" + Guid.NewGuid().ToString("N")[..10];
        // A daemon in a new session (out of the candidate's process group), and a double-forked one.
        var program = $"import os, sys\ndef spawn():\n    if os.fork() == 0:\n        os.setsid()\n        if os.fork() == 0:\n            os.execv(sys.executable, [sys.executable, '-c', 'import time\\nwhile True: time.sleep(1)', '{marker}'])\n        os._exit(0)\ndef f():\n    spawn()\n    if os.fork() == 0:\n        os.execv(sys.executable, [sys.executable, '-c', 'while True: pass', '{marker}'])\n    return 2\n";
        List<string>? during = null;
        var (result, _) = await JudgeAsync(level, program, whileAlive: () =>
        {
            during = HostProcessesWith(marker); // the worker still runs: only its candidates are gone
            return Task.CompletedTask;
        });
        Assert.Equal(Verdict.Failed, result.Verdict);
        if (WorkerCommand.IsRoot)
        {
            Assert.True(during!.Count == 0, "still running after the sample: " + string.Join(", ", during));
        }
        Assert.Empty(HostProcessesWith(marker));
    }

    [Theory]
    [MemberData(nameof(SandboxLevels.Data), MemberType = typeof(SandboxLevels))]
    public async Task Peak_memory_is_reported_with_how_each_limit_was_enforced(string level)
    {
        var (result, pool) = await JudgeAsync(level, "def f():\n    x = bytearray(96 * 1024 * 1024)\n    return 2\n");
        Assert.Equal(Verdict.Failed, result.Verdict);
        Assert.NotNull(result.Controls);
        Assert.InRange(result.PeakMemoryBytes ?? 0, 96L << 20, 400L << 20);
        var expected = pool.Cgroups is null ? "rusage" : "cgroup-" + pool.Cgroups;
        Assert.Equal(expected, result.Controls!["peak_memory"]);
        Assert.Equal(pool.Cgroups is null ? "rlimit" : "cgroup-" + pool.Cgroups, result.Controls["memory"]);
        if (WorkerCommand.IsRoot && CgroupMounts.Read() is { } m && (m.V1Dirs.ContainsKey("memory") || m.V2Dir is not null))
        {
            Assert.NotNull(pool.Cgroups); // root on a machine with cgroups: they must be used
        }
    }

    [Theory]
    [MemberData(nameof(SandboxLevels.Data), MemberType = typeof(SandboxLevels))]
    public async Task The_memory_limit_holds_for_all_processes_of_a_candidate_together(string level)
    {
        // Four processes of 100 MiB each stay under a 200 MiB address-space limit one by one;
        // only a limit on the candidate's cgroup bounds their sum.
        const string program = "import os, time\ndef f():\n    kids = []\n    for _ in range(4):\n        pid = os.fork()\n        if pid == 0:\n            b = bytearray(100 * 1024 * 1024)\n            for i in range(0, len(b), 4096): b[i] = 1\n            time.sleep(1)\n            os._exit(0)\n        kids.append(pid)\n    for k in kids: os.waitpid(k, 0)\n    return 2\n";
        var (result, pool) = await JudgeAsync(level, program, ExecutionLimits.Default with { MemoryBytes = 200L << 20 });
        if (pool.Cgroups is null)
        {
            return; // rlimits only: per process (documented in docs/security.md)
        }
        Assert.InRange(result.PeakMemoryBytes ?? 0, 1, (200L + 32) << 20); // limit + the zygote's headroom (pj_cgroup.HEADROOM)
        Assert.NotEqual(Verdict.Passed, result.Verdict);
    }

    [Fact]
    public async Task The_engine_removes_its_cgroups()
    {
        var (_, pool) = await JudgeAsync(SandboxLevels.Available[0], "def f():\n    return 1\n");
        var mounts = CgroupMounts.Read();
        var dirs = mounts.V1Dirs.Values.Append(mounts.V2Dir).OfType<string>().Where(Directory.Exists);
        var left = dirs.SelectMany(d => Directory.GetDirectories(d, $"perfjudge-*-{Environment.ProcessId}-*")).ToList();
        Assert.True(left.Count == 0, string.Join(", ", left));
        _ = pool;
    }
}
