namespace PerfJudge.Cli;

/// <summary>Resolves <c>--meter</c> to a meter this build can use on this machine.</summary>
public static class MeterChoice
{
    /// <summary>Returns <c>cpu</c>, <c>wall</c> or (for measure) <c>callgrind</c>, or null after explaining why the choice cannot be used.</summary>
    public static string? Resolve(string choice, TextWriter errors, bool allowCallgrind = false)
    {
        switch (choice)
        {
            case "auto":
            case "cpu":
                return "cpu";
            case "wall":
                return "wall";
            case "instructions":
                errors.WriteLine("perfjudge: the 'instructions' meter (perf_event_open) is not implemented yet; " +
                    (PerfEventsLikelyAvailable() ? "this kernel exposes perf events." : "this machine does not expose perf events either.") +
                    " Use --meter cpu.");
                return null;
            case "callgrind" when allowCallgrind && PerfJudge.Measurement.CallgrindMeasurer.Available:
                return "callgrind";
            case "callgrind":
                errors.WriteLine(allowCallgrind
                    ? "perfjudge: the 'callgrind' meter needs valgrind (apt-get install valgrind)."
                    : "perfjudge: the 'callgrind' meter is available for 'perfjudge measure' only (too slow for suites). Use --meter cpu.");
                return null;
            default:
                errors.WriteLine("perfjudge: 'peak-memory' is not a per-case meter; peak memory is reported per sample as max_rss_kb.");
                return null;
        }
    }

    private static bool PerfEventsLikelyAvailable() =>
        File.Exists("/proc/sys/kernel/perf_event_paranoid") && Directory.Exists("/sys/bus/event_source/devices/cpu");
}
