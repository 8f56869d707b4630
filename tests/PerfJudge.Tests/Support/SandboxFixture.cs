using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Measurement;
using PerfJudge.Runners;
using PerfJudge.Runners.Python;
using PerfJudge.Sandbox;

namespace PerfJudge.Tests.Support;

/// <summary>One sandboxed Python runner shared by the tests of a collection.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    /// <summary>The runner (2 workers, no store).</summary>
    public IRunner Runner { get; private set; } = null!;

    /// <summary>The interpreter.</summary>
    public PythonInterpreter Python { get; private set; } = null!;

    /// <summary>The isolation level probed.</summary>
    public IsolationLevel Level { get; private set; }

    /// <inheritdoc />
    public Task InitializeAsync()
    {
        // The same interpreter, harness and isolation probe as the CLI's (--isolation auto).
        var setup = SandboxEngineFactory.Probe("auto", null, new List<Diagnostic>())
            ?? throw new InvalidOperationException("no sandbox level works here");
        (Python, var command, Level) = setup;
        Runner = new PythonRunner(command, Level, Python, 2, MachineFingerprint.Current);
        return Task.CompletedTask;
    }

    /// <summary>Judges one program against one test.</summary>
    public Task<TestReply> JudgeAsync(string program, string test, string entry, string prompt = "",
        ExecutionLimits? limits = null) =>
        Runner.RunAsync(new TestRequest(program, entry, test, prompt, limits ?? ExecutionLimits.Default), CancellationToken.None);

    /// <inheritdoc />
    public async Task DisposeAsync() => await Runner.DisposeAsync();
}
