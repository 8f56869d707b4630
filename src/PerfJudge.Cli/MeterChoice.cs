using PerfJudge.Measurement;

namespace PerfJudge.Cli;

/// <summary>Resolves <c>--meter</c> to a meter this build can use on this machine.</summary>
public static class MeterChoice
{
    /// <summary>Returns the meter to use, or null after explaining why the choice cannot be used.
    /// <c>auto</c> picks <c>instructions</c> where the machine has a hardware counter, else <c>cpu</c>.</summary>
    public static string? Resolve(string choice, TextWriter errors, bool singleProgram = false)
    {
        switch (choice)
        {
            case "auto":
                var picked = Meters.InstructionsAvailable ? "instructions" : "cpu";
                errors.WriteLine(Meters.InstructionsAvailable
                    ? "perfjudge: meter auto -> instructions (hardware counter, user space)"
                    : "perfjudge: meter auto -> cpu (no hardware instruction counter on this machine)");
                return picked;
            case "cpu":
            case "wall":
                return choice;
            case "instructions" when Meters.InstructionsAvailable:
                return choice;
            case "instructions":
                errors.WriteLine("perfjudge: the 'instructions' meter needs a hardware instruction counter (perf_event_open), " +
                    "which this machine does not expose (VMs often don't). Use --meter cpu, or callgrind with 'measure'.");
                return null;
            case "task-clock" when Meters.TaskClockAvailable:
                return choice;
            case "task-clock":
                errors.WriteLine("perfjudge: perf_event_open is not available here; use --meter cpu.");
                return null;
            case "callgrind" when singleProgram && CallgrindMeasurer.Available:
                return "callgrind";
            case "callgrind":
                errors.WriteLine(singleProgram
                    ? "perfjudge: the 'callgrind' meter needs valgrind (apt-get install valgrind)."
                    : "perfjudge: the 'callgrind' meter is available for 'perfjudge measure' only (too slow for suites). Use --meter cpu.");
                return null;
            case "peak-memory" when singleProgram:
                return choice;
            default:
                errors.WriteLine("perfjudge: 'peak-memory' is a per-process figure, so it is a meter for 'perfjudge measure' only; " +
                    "suites report each sample's peak memory (max_rss_kb) and NMU.");
                return null;
        }
    }
}
