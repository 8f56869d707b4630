namespace PerfJudge.Runners;

/// <summary>The runner port: runs requests in a sandbox and answers typed replies. Failures of the
/// runner itself come back as replies (<see cref="RunRequest{TReply}.Failure"/>), never as exceptions;
/// only cancellation throws.</summary>
public interface IRunner : IAsyncDisposable
{
    /// <summary>What the runner is: isolation, runtime, harness and how many requests it runs at once.</summary>
    RunnerInfo Info { get; }

    /// <summary>Runs one request.</summary>
    Task<TReply> RunAsync<TReply>(RunRequest<TReply> request, CancellationToken cancel) where TReply : RunReply;

    /// <summary>Replaces idle long-lived processes by fresh ones before the next request (measurements
    /// use it so repetitions see more than one physical memory layout). A no-op for runners without any.</summary>
    Task RecycleAsync(CancellationToken cancel);
}
