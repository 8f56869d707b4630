using PerfJudge.Sandbox;

namespace PerfJudge.Measurement;

/// <summary>Cost meters and what this machine supports.</summary>
public static class Meters
{
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
