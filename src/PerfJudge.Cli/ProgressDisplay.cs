using System.Diagnostics;
using System.Globalization;
using PerfJudge.Jobs;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary>Live progress bar on a terminal; plain lines (every few seconds) otherwise.</summary>
public static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, showing its progress.</summary>
    public static async Task<T> RunAsync<T>(IAnsiConsole console, Func<IProgress<JobProgress>, Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        if (console.Profile.Capabilities.Interactive)
        {
            T result = default!;
            await console.Progress().AutoClear(false)
                // One ETA, the description's: Spectre's remaining-time column counts replies from the
                // store as work done and would show a second, different estimate.
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("judging", maxValue: 1);
                    var progress = new Progress<JobProgress>(p =>
                    {
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                        task.Description = Describe(p, clock.Elapsed.TotalSeconds);
                    });
                    result = await work(progress);
                    task.Value = task.MaxValue;
                });
            return result;
        }
        var last = TimeSpan.Zero;
        var gate = new Lock();
        var plain = new SynchronousProgress(p =>
        {
            lock (gate)
            {
                if (p.Done == p.Total || clock.Elapsed - last >= TimeSpan.FromSeconds(2))
                {
                    last = clock.Elapsed;
                    console.WriteLine("progress: " + Describe(p, clock.Elapsed.TotalSeconds));
                }
            }
        });
        return await work(plain);
    }

    /// <summary>One progress line: done/total, the rate of the work actually executed (replies from
    /// the store are counted apart, not as a rate of 0), and one ETA.</summary>
    internal static string Describe(JobProgress p, double seconds)
    {
        var executed = p.Done - p.Cached;
        var rate = seconds > 0 ? executed / seconds : 0;
        var remaining = p.Total - p.Done;
        var text = string.Create(CultureInfo.InvariantCulture, $"{p.Done}/{p.Total} {p.Unit} ({(p.Total == 0 ? 100 : 100.0 * p.Done / p.Total):F0}%)");
        if (executed > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", {rate:F1} {p.Unit}/s");
        }
        if (p.Cached > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", {p.Cached} from the store");
        }
        if (remaining > 0 && rate > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", ETA {remaining / rate:F0} s");
        }
        return text;
    }

    private sealed class SynchronousProgress(Action<JobProgress> report) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => report(value);
    }
}
