using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PerfJudge.Runners;

namespace PerfJudge.Storage;

/// <summary>Content hash identifying one execution: same inputs, same key, same cached result.</summary>
public static class ExecutionKey
{
    /// <summary>Hashes everything that can change a verdict: test, prompt, program, entry point,
    /// limits, harness version, interpreter version and isolation level.</summary>
    public static string Compute(ExecutionRequest request, string interpreterVersion, string isolation)
    {
        var limits = request.Limits;
        var parts = new[]
        {
            "perfjudge.exec/1", HarnessFile.Version, interpreterVersion, isolation,
            request.Test, request.Prompt, request.Program, request.EntryPoint,
            string.Create(CultureInfo.InvariantCulture,
                $"{limits.WallSeconds}|{limits.CpuSeconds}|{limits.MemoryBytes}|{limits.FileBytes}|{limits.OutputBytes}|{limits.Processes}"),
        };
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[8];
        foreach (var part in parts)
        {
            var bytes = Encoding.UTF8.GetBytes(part);
            BitConverter.TryWriteBytes(length, (long)bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
