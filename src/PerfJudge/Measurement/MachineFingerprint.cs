namespace PerfJudge.Measurement;

/// <summary>The environment a measurement was taken in: CPU model, core count, kernel. Costs are
/// only comparable within one fingerprint, so it is part of every stored measurement's key.</summary>
public static class MachineFingerprint
{
    /// <summary>The fingerprint of this machine, e.g. <c>AMD EPYC|2 cores|6.18.44</c>.</summary>
    public static string Current { get; } = Compute();

    private static string Compute()
    {
        var cpu = "unknown cpu";
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null)
            {
                cpu = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }
        catch (IOException)
        {
            // keep "unknown cpu"
        }
        var kernel = Environment.OSVersion.Version.ToString();
        try
        {
            kernel = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        }
        catch (IOException)
        {
            // keep the runtime's idea of the version
        }
        return $"{cpu}|{Environment.ProcessorCount} cores|{kernel}";
    }
}
