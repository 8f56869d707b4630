using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerfJudge.Sandbox;

namespace PerfJudge.Runners;

/// <summary>One long-lived sandboxed Python worker. It judges one request at a time; each
/// request gets freshly forked checker and candidate processes inside the sandbox.</summary>
public sealed class PythonWorker : IAsyncDisposable
{
    /// <summary>Seconds the trusted side may take beyond the candidate's wall limit before the
    /// whole worker is declared stuck and restarted.</summary>
    public const double GraceSeconds = 10;

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

    /// <summary>Starts a worker and waits for its greeting.</summary>
    public static async Task<PythonWorker> StartAsync(WorkerCommand command, IsolationLevel level, long uidBase,
        string scratch, int cpu, WorkerCgroups? cgroups, CancellationToken cancel)
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
        if (hello is null || !hello.Contains("\"hello\"", StringComparison.Ordinal))
        {
            var tail = worker.StderrTail();
            await worker.DisposeAsync();
            throw new InvalidOperationException($"worker did not start ({level.Name()}): {tail}");
        }
        return worker;
    }

    /// <summary>Judges one request. Failures of the worker itself become <see cref="Verdict.SandboxError"/>
    /// results (and leave the worker dead, for the pool to replace).</summary>
    public async Task<ExecutionResult> RunAsync(ExecutionRequest request, CancellationToken cancel)
    {
        var started = Stopwatch.GetTimestamp();
        var reply = await RunJsonAsync(BuildRequest(request), request.Limits.WallSeconds + GraceSeconds, cancel);
        if (reply.Failure is not null)
        {
            return Fail(reply.Failure.Value.Verdict, reply.Failure.Value.Detail, started);
        }
        var node = reply.Result!;
        var verdict = VerdictNames.Parse(node["verdict"]?.GetValue<string>());
        var cpu = (node["cpu_user_s"]?.GetValue<double>() ?? 0) + (node["cpu_sys_s"]?.GetValue<double>() ?? 0);
        var controls = node["controls"] is JsonObject c
            ? c.Where(kv => kv.Value is JsonValue).ToDictionary(kv => kv.Key, kv => kv.Value!.ToString())
            : null;
        return new ExecutionResult(verdict, node["detail"]?.GetValue<string>(), _level.Name(), cpu,
            node["max_rss_kb"]?.GetValue<long>() ?? 0, Stopwatch.GetElapsedTime(started).TotalSeconds,
            node["peak_memory_bytes"]?.GetValue<long>(), controls);
    }

    /// <summary>The worker's reply to one request, or why there is none.</summary>
    public readonly record struct Reply(JsonNode? Result, (Verdict Verdict, string Detail)? Failure);

    /// <summary>Sends one request object (an <c>id</c> is added) and waits up to
    /// <paramref name="hardSeconds"/> for its result line.</summary>
    public async Task<Reply> RunJsonAsync(JsonObject request, double hardSeconds, CancellationToken cancel)
    {
        var id = ++_nextId;
        request["id"] = id;
        var payload = Encoding.UTF8.GetBytes(request.ToJsonString());
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(hardSeconds));
        string? line;
        try
        {
            await _stdin.WriteAsync(Encoding.ASCII.GetBytes(payload.Length.ToString(CultureInfo.InvariantCulture) + "\n"), deadline.Token);
            await _stdin.WriteAsync(payload, deadline.Token);
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
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);
        }
        catch (JsonException)
        {
            node = null;
        }
        if (node is null || node["id"]?.GetValue<long>() != id)
        {
            Kill();
            return new Reply(null, (Verdict.SandboxError, "worker sent a malformed or out-of-sequence result"));
        }
        return new Reply(node, null);
    }

    private ExecutionResult Fail(Verdict verdict, string detail, long started) =>
        new(verdict, detail, _level.Name(), 0, 0, Stopwatch.GetElapsedTime(started).TotalSeconds);

    private static JsonObject BuildRequest(ExecutionRequest request) => new()
    {
        ["program"] = request.Program,
        ["entry_point"] = request.EntryPoint,
        ["test"] = request.Test,
        ["prompt"] = request.Prompt,
        ["limits"] = LimitsJson(request.Limits),
    };

    /// <summary>The limits as the harness expects them.</summary>
    public static JsonObject LimitsJson(ExecutionLimits limits) => new()
    {
        ["wall_seconds"] = limits.WallSeconds,
        ["cpu_seconds"] = limits.CpuSeconds,
        ["memory_bytes"] = limits.MemoryBytes,
        ["file_bytes"] = limits.FileBytes,
        ["output_bytes"] = limits.OutputBytes,
        ["processes"] = limits.Processes,
    };

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
