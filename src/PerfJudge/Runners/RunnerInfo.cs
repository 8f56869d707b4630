namespace PerfJudge.Runners;

/// <summary>Identity of a runner: everything besides the request that a reply depends on.</summary>
/// <param name="Isolation">Isolation level name (<c>bubblewrap</c>, <c>namespaces</c>, ...).</param>
/// <param name="Runtime">Language runtime and version, e.g. <c>python 3.11.7</c>.</param>
/// <param name="Harness">Version (content hash) of the trusted harness.</param>
/// <param name="Parallelism">Requests it runs at once.</param>
/// <param name="Machine">Machine fingerprint (CPU, cores, kernel) of the host it measures on.</param>
/// <param name="Cgroups">cgroup version its candidates are limited and metered by (<c>v1</c>, <c>v2</c>), or null: rlimits only.</param>
/// <param name="InputSecretId">Public id of the input secret its workers generate inputs with (<see cref="InputSecret.Id"/>),
/// or null: each worker draws its own.</param>
public sealed record RunnerInfo(string Isolation, string Runtime, string Harness, int Parallelism, string Machine, string? Cgroups = null,
    string? InputSecretId = null)
{
    /// <summary>The runtime's version alone (<c>3.11.7</c> of <c>python 3.11.7</c>), as documents record it.</summary>
    public string RuntimeVersion => Runtime[(Runtime.LastIndexOf(' ') + 1)..];
}
