using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Runners;

namespace PerfJudge.Tests.Jobs;

/// <summary>Engines made of a fake runner and an in-memory store, cached as the real factory does.</summary>
public sealed class FakeEngines(FakeRunner runner, MemoryStore store, string? failure = null) : IEngineFactory
{
    /// <summary>Engines started.</summary>
    public int Started { get; private set; }

    /// <inheritdoc />
    public Engine? Start(EngineOptions options, ICollection<Diagnostic> diagnostics)
    {
        if (failure is not null)
        {
            diagnostics.Add(Diagnostic.Environment("sandbox.level", failure));
            return null;
        }
        Started++;
        return options.NoCache
            ? new Engine(runner, new PerfJudge.Storage.NullResultStore(), Records: false)
            : new Engine(new CachingRunner(runner, store), store, Records: true);
    }
}
