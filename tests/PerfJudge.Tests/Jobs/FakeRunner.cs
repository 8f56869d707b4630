using System.Collections.Concurrent;
using PerfJudge.Judging;
using PerfJudge.Runners;

namespace PerfJudge.Tests.Jobs;

/// <summary>A runner without Python or a sandbox: a test request passes when its program contains
/// "ok", fails otherwise; each reply takes a small random delay so replies come back out of order.</summary>
public sealed class FakeRunner : IRunner
{
    private readonly Random _random = new(7);
    private readonly Func<TestRequest, TestReply>? _judge;

    /// <summary>Creates the runner; <paramref name="judge"/> overrides the default rule.</summary>
    public FakeRunner(Func<TestRequest, TestReply>? judge = null, int parallelism = 3)
    {
        _judge = judge;
        Info = new RunnerInfo("fake", "fake 1.0", "h1", parallelism, "test machine");
    }

    /// <summary>Programs run, in the order they started.</summary>
    public ConcurrentQueue<string> Ran { get; } = new();

    /// <summary>Cancelled once this many requests have started (null: never).</summary>
    public int? CancelAfter { get; init; }

    /// <summary>The source cancelled by <see cref="CancelAfter"/>.</summary>
    public CancellationTokenSource Cancel { get; } = new();

    /// <summary>True once disposed.</summary>
    public bool Disposed { get; private set; }

    /// <inheritdoc />
    public RunnerInfo Info { get; }

    /// <summary>The rounds of every efficiency request received; each is answered with a sandbox error.</summary>
    public ConcurrentQueue<int> PerfRounds { get; } = new();

    /// <summary>Whether each efficiency request asked for extra rounds.</summary>
    public ConcurrentQueue<bool> PerfExtraRounds { get; } = new();

    /// <inheritdoc />
    public async Task<TReply> RunAsync<TReply>(RunRequest<TReply> request, CancellationToken cancel) where TReply : RunReply
    {
        if ((RunRequest)request is PerfRequest perf)
        {
            PerfRounds.Enqueue(perf.Rounds);
            PerfExtraRounds.Enqueue(perf.ExtraRounds);
            return (TReply)(RunReply)new PerfReply(Verdict.SandboxError, "the fake runner measures nothing", null);
        }
        var test = (TestRequest)(RunRequest)request;
        Ran.Enqueue(test.Program);
        if (CancelAfter is { } n && Ran.Count >= n)
        {
            await Cancel.CancelAsync();
        }
        int delay;
        lock (_random)
        {
            delay = _random.Next(0, 4);
        }
        await Task.Delay(delay, cancel);
        var reply = _judge?.Invoke(test) ?? (test.Program.Contains("ok", StringComparison.Ordinal)
            ? new TestReply(Verdict.Passed, null, 0.001, 1000, 0.01)
            : new TestReply(Verdict.Failed, "AssertionError", 0.002, 1000, 0.01));
        return (TReply)(RunReply)reply;
    }

    /// <inheritdoc />
    public Task RecycleAsync(CancellationToken cancel) => Task.CompletedTask;

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
