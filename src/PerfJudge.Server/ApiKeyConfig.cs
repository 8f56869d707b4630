using System.Security.Cryptography;
using System.Text;

namespace PerfJudge.Server;

/// <summary>One API key: its name, the SHA-256 of the key (the key itself is never stored), and its limits.</summary>
public sealed record ApiKeyConfig
{
    /// <summary>Name shown in metrics and logs.</summary>
    public string Name { get; init; } = "";

    /// <summary>Lowercase hex SHA-256 of the key's UTF-8 bytes (<c>printf %s KEY | sha256sum</c>).</summary>
    public string Sha256 { get; init; } = "";

    /// <summary>Requests of this key judged at once; more wait in the queue.</summary>
    public int Concurrency { get; init; } = 64;

    /// <summary>Requests per minute; more are answered 429 with Retry-After.</summary>
    public int RequestsPerMinute { get; init; } = 6000;

    /// <summary>Requests the key may send at once before its rate applies: ten seconds' worth.</summary>
    public int Burst => Math.Max(1, RequestsPerMinute / 6);

    /// <summary>The hash of <paramref name="key"/> as stored in the configuration.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Every problem with this key's entry.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) yield return "name is missing";
        if (Sha256.Length != 64 || !Sha256.All(Uri.IsHexDigit)) yield return "sha256 must be 64 hex digits (printf %s KEY | sha256sum)";
        if (Concurrency is < 1 or > 10_000) yield return "concurrency must be between 1 and 10000";
        if (RequestsPerMinute is < 1 or > 10_000_000) yield return "requests_per_minute must be between 1 and 10000000";
    }
}
