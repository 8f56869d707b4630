using PerfJudge.Judging;
using PerfJudge.Runners;
using PerfJudge.Sandbox;

namespace PerfJudge.Tests.Support;

/// <summary>One worker pool shared by the tests of a class, at the strongest level available.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public WorkerPool Pool { get; private set; } = null!;
    public PythonInterpreter Python { get; private set; } = null!;
    public IsolationLevel Level => Pool.Level;

    public Task InitializeAsync()
    {
        // The same interpreter, harness and isolation probe as the CLI's (--isolation auto).
        var setup = global::PerfJudge.Cli.EngineSetup.Create("auto", null, TextWriter.Null)
            ?? throw new InvalidOperationException("no sandbox level works here");
        Python = setup.Python;
        Pool = new WorkerPool(setup.Command, setup.Level, 2);
        return Task.CompletedTask;
    }

    public Task<ExecutionResult> JudgeAsync(string program, string test, string entry, string prompt = "",
        ExecutionLimits? limits = null) =>
        Pool.RunAsync(new ExecutionRequest(program, entry, test, prompt, limits ?? ExecutionLimits.Default),
            CancellationToken.None);

    public async Task DisposeAsync() => await Pool.DisposeAsync();
}
