using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;

namespace PerfJudge.Server;

/// <summary>API keys and their limits: a request names its key (<c>Authorization: Bearer KEY</c> or
/// <c>X-API-Key</c>), the key is hashed and compared in constant time with the configured hashes, and
/// each key has its own token bucket (requests per minute) and concurrency limit.</summary>
public sealed class KeyGate : IDisposable
{
    private readonly List<(ApiKeyConfig Config, byte[] Hash, TokenBucketRateLimiter Rate, ConcurrencyLimiter Running)> _keys;

    /// <summary>Creates the gate; with no keys every caller is <c>anonymous</c>, unlimited.</summary>
    public KeyGate(IReadOnlyList<ApiKeyConfig> keys)
    {
        _keys = keys.Select(k => (k, Convert.FromHexString(k.Sha256),
            new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                // The burst, refilled in steps of at most 100 ms.
                TokenLimit = k.Burst,
                TokensPerPeriod = k.RequestsPerMinute >= 600 ? k.RequestsPerMinute / 600 : 1,
                ReplenishmentPeriod = k.RequestsPerMinute >= 600 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromMinutes(1) / k.RequestsPerMinute,
                QueueLimit = 0,
                AutoReplenishment = true,
            }),
            new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = k.Concurrency, QueueLimit = 100_000 }))).ToList();
    }

    /// <summary>True when keys are configured.</summary>
    public bool Enabled => _keys.Count > 0;

    /// <summary>The key's name, or null when the presented key is missing or unknown.</summary>
    public string? Identify(string? presented)
    {
        if (!Enabled)
        {
            return "anonymous";
        }
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? name = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash))
            {
                name = key.Config.Name;
            }
        }
        return name;
    }

    /// <summary>Takes <paramref name="units"/> from the key's rate budget; false with the seconds to wait when it is spent.</summary>
    public (bool Ok, int RetryAfter) TakeRate(string name, int units)
    {
        var key = _keys.FirstOrDefault(k => k.Config.Name == name);
        if (key.Config is null)
        {
            return (true, 0);
        }
        // A batch larger than the bucket takes the whole bucket: it cannot wait for more tokens than the bucket holds.
        using var lease = key.Rate.AttemptAcquire(Math.Min(units, key.Config.Burst));
        if (lease.IsAcquired)
        {
            return (true, 0);
        }
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : 1;
        return (false, Math.Max(1, wait));
    }

    /// <summary>Waits for one of the key's concurrency permits.</summary>
    public async ValueTask<IDisposable> RunAsync(string name, CancellationToken cancel)
    {
        var key = _keys.FirstOrDefault(k => k.Config.Name == name);
        if (key.Config is null)
        {
            return new Nothing();
        }
        return await key.Running.AcquireAsync(1, cancel);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var key in _keys)
        {
            key.Rate.Dispose();
            key.Running.Dispose();
        }
    }

    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
