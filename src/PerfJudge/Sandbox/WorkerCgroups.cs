namespace PerfJudge.Sandbox;

/// <summary>The cgroup folders of one worker, on the host.</summary>
/// <param name="Version"><c>v1</c> or <c>v2</c>.</param>
/// <param name="HostDirs">Hierarchy name (<c>memory</c>, <c>pids</c>, <c>cpu</c>, <c>cpuacct</c>; or <c>unified</c>) to folder.</param>
public sealed record WorkerCgroups(string Version, IReadOnlyDictionary<string, string> HostDirs);
