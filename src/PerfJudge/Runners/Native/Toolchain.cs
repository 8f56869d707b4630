using System.Diagnostics;

namespace PerfJudge.Runners.Native;

/// <summary>Identities of the compilers the sandboxed workers use (part of a compile request's cache key, so a
/// new compiler compiles afresh) and the compile limits.</summary>
public static class Toolchain
{
    private static readonly Lazy<string> Gxx = new(() => Probe("g++", "-dumpfullversion"));

    /// <summary>Limits of one compiler run: 60 s CPU, 120 s wall (a loaded machine), 2 GiB address space,
    /// a 64 MiB program, 64 KiB of messages, 32 processes (g++ runs cc1plus, as, collect2, ld).</summary>
    public static readonly Judging.ExecutionLimits CompileLimits = new(120, 60, 2L << 30, 64L << 20, 64L << 10, 32);

    /// <summary>The identity of the toolchain of <paramref name="language"/>, e.g. <c>g++ 12.2.0</c>.</summary>
    public static string Identity(string language) => language switch
    {
        "cpp" => "g++ " + Gxx.Value,
        "csharp" => "dotnet " + Environment.Version + " csc " + LatestSdk(),
        _ => "python",
    };

    private static string LatestSdk()
    {
        foreach (var root in new[] { "/usr/share/dotnet", "/usr/lib/dotnet", "/usr/local/share/dotnet" })
        {
            var sdk = Path.Combine(root, "sdk");
            if (Directory.Exists(sdk))
            {
                return string.Join(",", Directory.GetDirectories(sdk).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            }
        }
        return "none";
    }

    private static string Probe(string file, string argument)
    {
        try
        {
            var info = new ProcessStartInfo(file, argument) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(info)!;
            var text = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return text.Length > 0 ? text : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "missing";
        }
    }
}
