using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>One unit of work for a runner: everything the sandboxed side needs, as plain data.
/// Requests are value records; the caching decorator keys them by their serialized form.</summary>
/// <param name="Limits">Resource limits of each candidate process the request starts.</param>
public abstract record RunRequest(ExecutionLimits Limits)
{
    /// <summary>Seconds after which the trusted side stops waiting for the runner (a safety net:
    /// every step inside the runner has its own limit).</summary>
    public abstract double HardSeconds { get; }

    /// <summary>True when the reply holds costs, which are only valid on the machine that measured
    /// them: the machine fingerprint then enters the cache key.</summary>
    public virtual bool DependsOnMachine => true;

    /// <summary>True when the runner generates the request's inputs with the input secret
    /// (<see cref="InputSecret"/>): the secret's public id then enters the cache key.</summary>
    public virtual bool UsesInputSecret => false;
}
