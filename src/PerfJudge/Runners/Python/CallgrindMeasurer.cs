using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PerfJudge.Judging;
using PerfJudge.Sandbox;

namespace PerfJudge.Runners.Python;

/// <summary>The <c>callgrind</c> meter: exact instruction counts under valgrind, in the sandbox.
/// The count of one call is Ir(load + call) − Ir(load only): both runs are deterministic because
/// the interpreter runs without address-space randomisation and with a fixed hash seed. About
/// 50–100x slower than native; for single programs (<c>perfjudge measure</c>), not suites.</summary>
public sealed partial class CallgrindMeasurer
{
    private readonly WorkerCommand _command;
    private readonly IsolationLevel _level;

    /// <summary>Creates a measurer that starts valgrind through <paramref name="command"/>.</summary>
    public CallgrindMeasurer(WorkerCommand command, IsolationLevel level)
    {
        _command = command;
        _level = level;
    }

    [GeneratedRegex(@"Collected\s*:\s*(\d+)")]
    private static partial Regex Collected();

    /// <summary>Answers a measurement request with the <c>callgrind</c> meter: each program
    /// <see cref="MeasureRequest.Rounds"/> times, alternating programs.</summary>
    public async Task<MeasureReply> MeasureAsync(MeasureRequest request, CancellationToken cancel)
    {
        var args = JsonNode.Parse(request.ArgsJson)!.AsArray();
        var timeout = TimeSpan.FromSeconds(Math.Max(600, request.Limits.WallSeconds));
        var costs = request.Programs.Select(_ => new List<double>()).ToList();
        for (var r = 0; r < request.Rounds; r++)
        {
            for (var p = 0; p < request.Programs.Count; p++)
            {
                var (count, error) = await MeasureOnceAsync(request.Programs[p], request.EntryPoint, args, timeout, cancel);
                if (error is not null)
                {
                    return request.Failure(Verdict.Error, $"program {p}: {error}");
                }
                costs[p].Add(count!.Value);
            }
        }
        return new MeasureReply(Verdict.Passed, null, costs.Select(c => (IReadOnlyList<double>)c).ToList(), 0,
            request.Programs.Select(_ => (string?)null).ToList());
    }

    /// <summary>Instructions of one call of <paramref name="entryPoint"/> on <paramref name="args"/>.</summary>
    public async Task<(double? Instructions, string? Error)> MeasureOnceAsync(string program, string entryPoint, JsonArray args,
        TimeSpan timeout, CancellationToken cancel)
    {
        var request = new JsonObject { ["program"] = program, ["entry_point"] = entryPoint, ["args"] = args.DeepClone() }.ToJsonString();
        var with = await CountAsync(request, 1, timeout, cancel);
        var without = await CountAsync(request, 0, timeout, cancel);
        if (with.Error is not null || without.Error is not null)
        {
            return (null, with.Error ?? without.Error);
        }
        return (with.Count!.Value - without.Count!.Value, null);
    }

    private async Task<(long? Count, string? Error)> CountAsync(string request, int calls, TimeSpan timeout, CancellationToken cancel)
    {
        var scratch = Path.Combine(Path.GetTempPath(), $"perfjudge-cg-{Environment.ProcessId}");
        Directory.CreateDirectory(scratch);
        var info = _command.Build(_level, 0, scratch,
            ["-s", "-S", _command.ModulePath(_level, "pj_cg_run.py"), calls.ToString(CultureInfo.InvariantCulture), request],
            prefix: ["/usr/bin/valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = await ProcessLauncher.StartAsync(info);
        var stderr = process.StandardError.ReadToEndAsync(cancel);
        var stdout = process.StandardOutput.ReadToEndAsync(cancel);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return (null, $"callgrind run did not finish within {timeout.TotalSeconds} s");
        }
        var text = await stderr;
        await stdout;
        var match = Collected().Match(text);
        if (process.ExitCode != 0 || !match.Success)
        {
            var tail = text.Length > 400 ? text[^400..] : text;
            return (null, $"callgrind run failed (exit {process.ExitCode}): {tail.Trim()}");
        }
        return (long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), null);
    }
}
