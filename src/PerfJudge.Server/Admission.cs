namespace PerfJudge.Server;

/// <summary>The bounded queue in front of the workers: at most workers + capacity requests are
/// admitted at once (running or waiting for a worker); beyond that a request is refused at once
/// (429 with Retry-After) instead of piling up until clients time out.</summary>
public sealed class Admission
{
    private readonly int _workers;
    private readonly int _limit;
    private int _admitted;

    /// <summary>Creates the queue.</summary>
    public Admission(int workers, int capacity)
    {
        _workers = workers;
        _limit = workers + capacity;
    }

    /// <summary>Requests admitted and not yet answered.</summary>
    public int Admitted => Volatile.Read(ref _admitted);

    /// <summary>Requests admitted beyond the workers: the queue depth.</summary>
    public int Waiting => Math.Max(0, Admitted - _workers);

    /// <summary>Admits <paramref name="units"/> requests, or none when they do not fit.</summary>
    public bool TryEnter(int units = 1)
    {
        while (true)
        {
            var now = Volatile.Read(ref _admitted);
            if (now + units > _limit && now > 0)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _admitted, now + units, now) == now)
            {
                return true;
            }
        }
    }

    /// <summary>Releases admitted requests.</summary>
    public void Leave(int units = 1) => Interlocked.Add(ref _admitted, -units);

    /// <summary>Seconds a refused client should wait: the time a worker takes for the queue ahead of it, at least 1.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(Waiting / (double)Math.Max(1, _workers) * 0.05));
}
