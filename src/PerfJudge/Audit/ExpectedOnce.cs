using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using PerfJudge.Judging;
using PerfJudge.Runners;

namespace PerfJudge.Audit;

/// <summary>A runner that computes each EvalPlus task's expected outputs once per audit and hands the same
/// reply to every phase (canonical, reruns, mutants, the count of inputs that are no tests); every other
/// request goes to its own inner runner. The rerun runner, which has no store, shares the memo: a rerun
/// judges the canonical solution against the first run's expected outputs, so a canonical solution whose
/// outputs change between runs still shows as flaky, and the reruns do not rerun it on every input.</summary>
public sealed class ExpectedOnce : IRunner
{
    private readonly IRunner _inner;
    private readonly IRunner _expected;
    private readonly ConcurrentDictionary<ExpectedRequest, Lazy<Task<ExpectedReply>>> _memo;
    private readonly StrongBox<int> _computed;

    /// <summary>Wraps <paramref name="inner"/>, which also computes the expected outputs.</summary>
    public ExpectedOnce(IRunner inner)
        : this(inner, inner, new ConcurrentDictionary<ExpectedRequest, Lazy<Task<ExpectedReply>>>(), new StrongBox<int>())
    {
    }

    private ExpectedOnce(IRunner inner, IRunner expected, ConcurrentDictionary<ExpectedRequest, Lazy<Task<ExpectedReply>>> memo,
        StrongBox<int> computed)
    {
        _inner = inner;
        _expected = expected;
        _memo = memo;
        _computed = computed;
    }

    /// <summary>Expected-output requests that reached a runner (the rest were answered from the memo).</summary>
    public int Computed => Volatile.Read(ref _computed.Value);

    /// <inheritdoc />
    public RunnerInfo Info => _inner.Info;

    /// <summary>A runner for everything else on <paramref name="other"/>, sharing this one's expected outputs.</summary>
    public ExpectedOnce Sharing(IRunner other) => new(other, _expected, _memo, _computed);

    /// <inheritdoc />
    public async Task<TReply> RunAsync<TReply>(RunRequest<TReply> request, CancellationToken cancel) where TReply : RunReply
    {
        if (request is not ExpectedRequest expected)
        {
            return await _inner.RunAsync(request, cancel);
        }
        var lazy = _memo.GetOrAdd(expected, e => new Lazy<Task<ExpectedReply>>(() =>
        {
            Interlocked.Increment(ref _computed.Value);
            return _expected.RunAsync(e, cancel);
        }));
        var reply = await lazy.Value;
        if (reply.Verdict == Verdict.SandboxError)
        {
            _memo.TryRemove(expected, out _); // our fault, never kept: the next phase tries again
        }
        return (TReply)(RunReply)reply;
    }

    /// <inheritdoc />
    public Task RecycleAsync(CancellationToken cancel) => _inner.RecycleAsync(cancel);

    /// <summary>The inner runners belong to their engines, which dispose them.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
