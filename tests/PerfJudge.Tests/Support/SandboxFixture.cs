using PerfJudge.Runners;
using PerfJudge.Sandbox;
using PerfJudge.Tasks;

namespace PerfJudge.Tests.Support;

/// <summary>One worker pool shared by the tests of a class, at the strongest level available.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public WorkerPool Pool { get; private set; } = null!;
    public PythonInterpreter Python { get; private set; } = null!;
    public IsolationLevel Level => Pool.Level;

    public Task InitializeAsync()
    {
        Python = PythonInterpreter.Resolve();
        var command = new WorkerCommand(Python, HarnessFile.Materialize(SuiteResolver.DefaultCacheDir()));
        var level = SandboxProbe.Probe(command).Level;
        Pool = new WorkerPool(command, level, 2);
        return Task.CompletedTask;
    }

    public Task<ExecutionResult> JudgeAsync(string program, string test, string entry, string prompt = "",
        ExecutionLimits? limits = null) =>
        Pool.RunAsync(new ExecutionRequest(program, entry, test, prompt, limits ?? ExecutionLimits.Default),
            CancellationToken.None);

    public async Task DisposeAsync() => await Pool.DisposeAsync();
}
