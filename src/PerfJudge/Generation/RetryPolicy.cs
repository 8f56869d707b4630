namespace PerfJudge.Generation;

/// <summary>How hard a request is tried: attempts after the first, the first backoff (doubled each
/// time, with jitter; a server's <c>Retry-After</c> wins, up to <paramref name="MaxDelay"/>), and the
/// time one attempt may take.</summary>
/// <param name="Retries">Retries after the first attempt.</param>
/// <param name="FirstDelay">Backoff before the first retry.</param>
/// <param name="MaxDelay">Longest wait between attempts.</param>
/// <param name="AttemptTimeout">Longest one attempt may take, body included.</param>
public sealed record RetryPolicy(int Retries, TimeSpan FirstDelay, TimeSpan MaxDelay, TimeSpan AttemptTimeout)
{
    /// <summary>6 retries from 1 s up to 60 s; 300 s per attempt (long answers of slow local servers).</summary>
    public static RetryPolicy Default { get; } = new(6, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(300));
}
