namespace PerfJudge.Sandbox;

/// <summary>What a sandbox must make visible to run a worker, whatever its language: the runtime's
/// executable and the folders it is installed in (bound read-only), the trusted harness folder and
/// the module that starts a worker. The sandbox knows no language beyond this.</summary>
/// <param name="Executable">The runtime's executable (an interpreter).</param>
/// <param name="InstallRoots">Folders the runtime needs, bound read-only.</param>
/// <param name="HarnessDir">The harness folder on the host.</param>
/// <param name="EntryModule">The harness file that starts a worker.</param>
public sealed record SandboxedRuntime(string Executable, IReadOnlyList<string> InstallRoots, string HarnessDir, string EntryModule);
