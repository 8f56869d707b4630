using System.Security.Cryptography;

namespace PerfJudge.Runners;

/// <summary>The Python worker harness, embedded in the engine and written once to the cache.</summary>
public static class HarnessFile
{
    private static readonly Lazy<byte[]> ContentBytes = new(() =>
    {
        using var stream = typeof(HarnessFile).Assembly.GetManifestResourceStream("PerfJudge.harness.py")
            ?? throw new InvalidOperationException("harness.py is not embedded in the engine assembly");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    });

    /// <summary>The harness source.</summary>
    public static ReadOnlySpan<byte> Content => ContentBytes.Value;

    /// <summary>Short content hash; part of every cache key, so a changed harness re-runs everything.</summary>
    public static string Version { get; } = Convert.ToHexStringLower(SHA256.HashData(ContentBytes.Value))[..16];

    /// <summary>Writes the harness under <paramref name="cacheDir"/> (named by its hash) and returns the path.</summary>
    public static string Materialize(string cacheDir)
    {
        var dir = Path.Combine(cacheDir, "harness");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"harness-{Version}.py");
        if (!File.Exists(path) || new FileInfo(path).Length != ContentBytes.Value.Length)
        {
            var temp = path + "." + Environment.ProcessId + ".tmp";
            File.WriteAllBytes(temp, ContentBytes.Value);
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            File.Move(temp, path, overwrite: true);
        }
        return path;
    }
}
