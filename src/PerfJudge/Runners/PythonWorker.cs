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
        string scratch, CancellationToken cancel)
    {
        var info = command.Build(level, uidBase, scratch);
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.StandardOutputEncoding = Encoding.UTF8;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
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
    public async Task<ExecutionResult> RunAsync(ExecutionRequest request, bool measure, CancellationToken cancel)
    {
        var id = ++_nextId;
        var payload = Encoding.UTF8.GetBytes(BuildRequest(id, request, measure));
        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(request.Limits.WallSeconds + GraceSeconds));
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
            return Fail(Verdict.Timeout, "worker did not answer within the limit plus grace; restarted", started);
        }
        catch (IOException ex)
        {
            Kill();
            return Fail(Verdict.SandboxError, "worker pipe failed: " + ex.Message + " " + StderrTail(), started);
        }
        if (line is null)
        {
            Kill();
            return Fail(Verdict.SandboxError, "worker ended unexpectedly: " + StderrTail(), started);
        }
        return Parse(line, id, started);
    }

    private ExecutionResult Parse(string line, long id, long started)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);
        }
        catch (JsonException)
        {
            Kill();
            return Fail(Verdict.SandboxError, "worker sent malformed result", started);
        }
        if (node is null || node["id"]?.GetValue<long>() != id)
        {
            Kill();
            return Fail(Verdict.SandboxError, "worker result out of sequence", started);
        }
        var verdict = VerdictNames.Parse(node["verdict"]?.GetValue<string>());
        var cpu = (node["cpu_user_s"]?.GetValue<double>() ?? 0) + (node["cpu_sys_s"]?.GetValue<double>() ?? 0);
        return new ExecutionResult(verdict, node["detail"]?.GetValue<string>(), _level.Name(), cpu,
            node["max_rss_kb"]?.GetValue<long>() ?? 0, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private ExecutionResult Fail(Verdict verdict, string detail, long started) =>
        new(verdict, detail, _level.Name(), 0, 0, Stopwatch.GetElapsedTime(started).TotalSeconds);

    private static string BuildRequest(long id, ExecutionRequest request, bool measure)
    {
        var limits = request.Limits;
        var obj = new JsonObject
        {
            ["id"] = id,
            ["program"] = request.Program,
            ["entry_point"] = request.EntryPoint,
            ["test"] = request.Test,
            ["prompt"] = request.Prompt,
            ["measure"] = measure,
            ["limits"] = new JsonObject
            {
                ["wall_seconds"] = limits.WallSeconds,
                ["cpu_seconds"] = limits.CpuSeconds,
                ["memory_bytes"] = limits.MemoryBytes,
                ["file_bytes"] = limits.FileBytes,
                ["output_bytes"] = limits.OutputBytes,
                ["processes"] = limits.Processes,
            },
        };
        return obj.ToJsonString();
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
