using System.Diagnostics;
using PerfJudge.Sandbox;

namespace PerfJudge.Runners.Python;

/// <summary>The Python runner: requests go, as wire messages (<see cref="PythonWire"/>), to a pool of
/// long-lived sandboxed workers running the trusted harness.</summary>
public sealed class PythonRunner : IRunner
{
    private readonly WorkerPool _pool;
    private readonly CallgrindMeasurer _callgrind;

    /// <summary>Creates a runner of <paramref name="workers"/> workers started by <paramref name="command"/>;
    /// each worker's checker is given <paramref name="inputSecret"/> (null: each draws its own).</summary>
    public PythonRunner(WorkerCommand command, IsolationLevel level, PythonInterpreter python, int workers, string machine,
        InputSecret? inputSecret = null)
    {
        _pool = new WorkerPool(command, level, workers, inputSecret: inputSecret);
        _callgrind = new CallgrindMeasurer(command, level);
        Info = new RunnerInfo(level.Name(), "python " + python.Version, HarnessFile.Version, workers, machine, _pool.Cgroups,
            inputSecret?.Id);
    }

    /// <inheritdoc />
    public RunnerInfo Info { get; }

    /// <inheritdoc />
    public async Task<TReply> RunAsync<TReply>(RunRequest<TReply> request, CancellationToken cancel) where TReply : RunReply
    {
        if (request is MeasureRequest { Meter: "callgrind" } measure)
        {
            // Not a worker request: each count is a fresh interpreter under valgrind.
            return (TReply)(RunReply)await _callgrind.MeasureAsync(measure, cancel);
        }
        var started = Stopwatch.GetTimestamp();
        var answer = await _pool.RunJsonAsync(PythonWire.Encode(request), request.HardSeconds, cancel);
        if (answer.Failure is { } failure)
        {
            return request.Failure(failure.Verdict, failure.Detail);
        }
        return PythonWire.Decode(request, answer.Result!, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <inheritdoc />
    public Task RecycleAsync(CancellationToken cancel) => _pool.RecycleAsync(cancel);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _pool.DisposeAsync();
}
