using PerfJudge.Judging;
using PerfJudge.Measurement;

namespace PerfJudge.Jobs;

/// <summary>Resolves <c>--meter</c> to a meter this build can use on this machine.</summary>
public static class MeterChoice
{
    /// <summary>Returns the meter to use, or null with an environment error that says why the choice cannot be used.
    /// <c>auto</c> picks <c>instructions</c> where the machine has a hardware counter, else <c>cpu</c>; for a
    /// <paramref name="search"/> (stress), whose decisions must not depend on timing, <c>callgrind</c> before <c>cpu</c>.</summary>
    public static string? Resolve(string choice, ICollection<Diagnostic> diagnostics, bool singleProgram = false, bool search = false)
    {
        switch (choice)
        {
            case "auto" when search && !Meters.InstructionsAvailable && Meters.CallgrindAvailable:
                diagnostics.Add(Diagnostic.Note("meter.auto", "meter auto -> callgrind (no hardware instruction counter; the search decides on exact instruction counts)"));
                return "callgrind";
            case "auto":
                var picked = Meters.InstructionsAvailable ? "instructions" : "cpu";
                diagnostics.Add(Diagnostic.Note("meter.auto", Meters.InstructionsAvailable
                    ? "meter auto -> instructions (hardware counter, user space)"
                    : "meter auto -> cpu (no hardware instruction counter on this machine)"));
                return picked;
            case "cpu":
            case "wall":
                return choice;
            case "instructions" when Meters.InstructionsAvailable:
                return choice;
            case "instructions":
                diagnostics.Add(Diagnostic.Environment("meter.unavailable", "the 'instructions' meter needs a hardware instruction counter (perf_event_open), " +
                    "which this machine does not expose (VMs often don't). Use --meter cpu, or callgrind with 'measure'."));
                return null;
            case "task-clock" when Meters.TaskClockAvailable:
                return choice;
            case "task-clock":
                diagnostics.Add(Diagnostic.Environment("meter.unavailable", "perf_event_open is not available here; use --meter cpu."));
                return null;
            case "callgrind" when (singleProgram || search) && Meters.CallgrindAvailable:
                return "callgrind";
            case "callgrind":
                diagnostics.Add(Diagnostic.Environment("meter.unavailable", singleProgram || search
                    ? "the 'callgrind' meter needs valgrind (apt-get install valgrind)."
                    : "the 'callgrind' meter is available for 'perfjudge measure' and 'perfjudge stress' only (too slow for suites). Use --meter cpu."));
                return null;
            case "peak-memory" when singleProgram:
                return choice;
            default:
                diagnostics.Add(Diagnostic.Environment("meter.unavailable", "'peak-memory' is a per-process figure, so it is a meter for 'perfjudge measure' only; " +
                    "suites report each sample's peak memory (max_rss_kb) and NMU."));
                return null;
        }
    }
}
