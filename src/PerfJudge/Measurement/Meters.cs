using PerfJudge.Sandbox;

namespace PerfJudge.Measurement;

/// <summary>Cost meters and what this machine supports.</summary>
public static class Meters
{
    /// <summary>What <paramref name="meter"/> counts, in a few words.</summary>
    public static string Describe(string meter) => meter switch
    {
        "cpu" => "on-CPU time of the candidate process, kernel CPU clock",
        "callgrind" => "instructions of the call under valgrind: Ir(load+call) - Ir(load)",
        "instructions" => "retired user-space instructions, hardware counter opened by the checker",
        "task-clock" => "perf task clock of the candidate, opened by the checker",
        "peak-memory" => "peak resident set size of the repetition's process (wait4)",
        _ => "wall clock",
    };

    /// <summary>True when valgrind is installed (the <c>callgrind</c> meter).</summary>
    public static bool CallgrindAvailable => File.Exists("/usr/bin/valgrind");

    /// <summary>Retired user-space instructions (hardware counter), when the machine exposes one.</summary>
    public static bool InstructionsAvailable { get; } = Interop.CanCountPerfEvent(0, 1);

    /// <summary>The kernel's task clock as a perf software counter (nanoseconds on CPU).</summary>
    public static bool TaskClockAvailable { get; } = Interop.CanCountPerfEvent(1, 1);

    /// <summary>Unit of a meter's costs.</summary>
    public static string Unit(string meter) => meter switch
    {
        "instructions" or "callgrind" => "instructions",
        "peak-memory" => "KiB",
        _ => "s",
    };
}
