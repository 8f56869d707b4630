using System.Collections.Concurrent;
using System.Diagnostics;

namespace PerfJudge.Sandbox;

/// <summary>Starts long-lived worker processes from one dedicated thread that lives as long as
/// the engine. bubblewrap's <c>--die-with-parent</c> uses PR_SET_PDEATHSIG, which fires when the
/// parent <em>thread</em> exits: a worker started from a thread-pool thread was SIGKILLed whenever
/// the pool retired that thread (seen as "worker ended unexpectedly (exit code 137)").</summary>
public static class ProcessLauncher
{
    private static readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Done)> Requests = new();

    static ProcessLauncher()
    {
        var thread = new Thread(() =>
        {
            foreach (var (info, done) in Requests.GetConsumingEnumerable())
            {
                try
                {
                    done.SetResult(Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}"));
                }
                catch (Exception ex)
                {
                    done.SetException(ex);
                }
            }
        })
        {
            IsBackground = true,
            Name = "perfjudge-process-launcher",
        };
        thread.Start();
    }

    /// <summary>Starts <paramref name="info"/> on the launcher thread.</summary>
    public static Task<Process> StartAsync(ProcessStartInfo info)
    {
        var done = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((info, done));
        return done.Task;
    }
}
