using PerfJudge.Runners;
using PerfJudge.Storage;

namespace PerfJudge.Jobs;

/// <summary>A started engine: the runner (with the store's caching in front when there is a store),
/// and the store runs are recorded in. Disposing stops the runner's processes and closes the store.</summary>
/// <param name="Runner">The runner jobs send requests to.</param>
/// <param name="Store">The result store (a null store with <c>--no-cache</c>).</param>
/// <param name="Records">True when runs are recorded (there is a store).</param>
public sealed record Engine(IRunner Runner, IResultStore Store, bool Records) : IAsyncDisposable
{
    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Runner.DisposeAsync();
        Store.Dispose();
    }
}
