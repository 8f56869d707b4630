using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>A request whose reply has type <typeparamref name="TReply"/>.</summary>
/// <typeparam name="TReply">The reply type.</typeparam>
/// <param name="Limits">Resource limits.</param>
public abstract record RunRequest<TReply>(ExecutionLimits Limits) : RunRequest(Limits)
    where TReply : RunReply
{
    /// <summary>The reply that stands for a failure of the runner itself (the worker died, did not
    /// answer in time, or answered garbage): no candidate's fault, no costs.</summary>
    public abstract TReply Failure(Verdict verdict, string detail);

    /// <summary>True when <paramref name="reply"/> may be kept and replayed: a decided result, not
    /// a failure that a rerun should retry.</summary>
    public virtual bool Storable(TReply reply) => reply.Verdict == Verdict.Passed;
}
