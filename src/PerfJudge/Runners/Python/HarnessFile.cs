using System.Security.Cryptography;

namespace PerfJudge.Runners.Python;

/// <summary>The Python worker harness (the modules under Runners/Python), embedded in the engine
/// and written once to a folder of the cache named by its content hash.</summary>
public static class HarnessFile
{
    private const string Prefix = "PerfJudge.Python.";

    /// <summary>Name of the entry module inside the harness folder.</summary>
    public const string EntryModule = "harness.py";

    private static readonly Lazy<IReadOnlyDictionary<string, byte[]>> Files = new(() =>
    {
        var assembly = typeof(HarnessFile).Assembly;
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            files[name[Prefix.Length..]] = memory.ToArray();
        }
        if (!files.ContainsKey(EntryModule))
        {
            throw new InvalidOperationException("the Python harness is not embedded in the engine assembly");
        }
        return files;
    });

    /// <summary>Short content hash of all harness modules; part of every cache key, so a changed
    /// harness re-runs everything.</summary>
    public static string Version { get; } = ComputeVersion();

    private static string ComputeVersion()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, content) in Files.Value)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name + "\0"));
            hash.AppendData(content);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>Writes the harness folder under <paramref name="cacheDir"/> and returns its path.</summary>
    public static string Materialize(string cacheDir)
    {
        var dir = Path.Combine(cacheDir, "harness", Version);
        var marker = Path.Combine(dir, ".complete");
        if (File.Exists(marker))
        {
            return dir;
        }
        var temp = dir + "." + Environment.ProcessId + ".tmp";
        Directory.CreateDirectory(temp);
        foreach (var (name, content) in Files.Value)
        {
            File.WriteAllBytes(Path.Combine(temp, name), content);
        }
        File.WriteAllText(Path.Combine(temp, ".complete"), Version);
        File.SetUnixFileMode(temp, (UnixFileMode)0b111_101_101);
        try
        {
            Directory.Move(temp, dir);
        }
        catch (IOException) when (File.Exists(marker))
        {
            Directory.Delete(temp, recursive: true); // another process won the race
        }
        return dir;
    }
}
