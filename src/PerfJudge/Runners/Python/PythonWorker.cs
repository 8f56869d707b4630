using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using PerfJudge.Judging;
using PerfJudge.Sandbox;

namespace PerfJudge.Runners.Python;

/// <summary>One long-lived sandboxed Python worker. It judges one request at a time; each
/// request gets freshly forked checker and candidate processes inside the sandbox.</summary>
public sealed class PythonWorker : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly StreamReader _stdout;
    private readonly Queue<string> _stderrTail = new();
    private readonly IsolationLevel _level;
    private long _nextId;

    private PythonWorker(Process process, IsolationLevel level)
    {
        _process = process;
        _level = level;
        _stdin = process.StandardInput.BaseStream;
        _stdout = process.StandardOutput;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderrTail)
            {
                _stderrTail.Enqueue(e.Data);
                while (_stderrTail.Count > 20) _stderrTail.Dequeue();
            }
        };
        process.BeginErrorReadLine();
    }

    /// <summary>True while the worker process runs.</summary>
    public bool IsAlive => !_process.HasExited;

    /// <summary>Starts a worker and waits for its greeting; then gives its checker
    /// <paramref name="inputSecret"/>, when there is one, as the first request (over the pipe: never
    /// in argv or the environment, which other processes can read in /proc).</summary>
    public static async Task<PythonWorker> StartAsync(WorkerCommand command, IsolationLevel level, long uidBase,
        string scratch, int cpu, WorkerCgroups? cgroups, CancellationToken cancel, InputSecret? inputSecret = null)
    {
        var info = command.Build(level, uidBase, scratch, cpu: cpu, cgroups: cgroups);
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.StandardOutputEncoding = Encoding.UTF8;
        var process = await ProcessLauncher.StartAsync(info);
        var worker = new PythonWorker(process, level);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        string? hello;
        try
        {
            hello = await worker._stdout.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            hello = null;
        }
        if (!PythonWire.IsHello(hello))
        {
            var tail = worker.StderrTail();
            await worker.DisposeAsync();
            throw new RunnerStartException($"worker did not start ({level.Name()}): {tail}");
        }
        if (inputSecret is not null)
        {
            var reply = await worker.RunJsonAsync(new JsonObject { ["kind"] = "input_secret", ["secret"] = inputSecret.Hex }, 30, cancel);
            if (reply.Result?["verdict"]?.GetValue<string>() != "passed")
            {
                var why = reply.Failure?.Detail ?? reply.Result?["detail"]?.ToString() ?? "no reason given";
                await worker.DisposeAsync();
                throw new RunnerStartException($"worker did not take the input secret ({level.Name()}): {why}");
            }
        }
        return worker;
    }

    /// <summary>The worker's reply to one request, or why there is none.</summary>
    public readonly record struct Reply(JsonObject? Result, (Verdict Verdict, string Detail)? Failure);

    /// <summary>Sends one request object (an <c>id</c> is added) and waits up to
    /// <paramref name="hardSeconds"/> for its result line.</summary>
    public async Task<Reply> RunJsonAsync(JsonObject request, double hardSeconds, CancellationToken cancel)
    {
        var id = ++_nextId;
        var frame = PythonWire.Frame(request, id);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(hardSeconds));
        string? line;
        try
        {
            await _stdin.WriteAsync(frame, deadline.Token);
            await _stdin.FlushAsync(deadline.Token);
            line = await _stdout.ReadLineAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            Kill();
            return new Reply(null, (Verdict.Timeout, "worker did not answer within the limit plus grace; restarted"));
        }
        catch (IOException ex)
        {
            Kill();
            return new Reply(null, (Verdict.SandboxError, "worker pipe failed: " + ex.Message + " " + StderrTail()));
        }
        if (line is null)
        {
            var exit = _process.WaitForExit(2000) ? $"exit code {_process.ExitCode}" : "still running";
            Kill();
            return new Reply(null, (Verdict.SandboxError, $"worker ended unexpectedly ({exit}): {StderrTail()}"));
        }
        if (PythonWire.ParseReply(line, id) is not { } reply)
        {
            Kill();
            return new Reply(null, (Verdict.SandboxError, "worker sent a malformed or out-of-sequence result"));
        }
        return new Reply(reply, null);
    }

    private string StderrTail()
    {
        lock (_stderrTail)
        {
            return string.Join(" | ", _stderrTail);
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            _stdin.Close();
        }
        catch (IOException)
        {
            // the worker may be dead already
        }
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
        _process.Dispose();
    }
}
