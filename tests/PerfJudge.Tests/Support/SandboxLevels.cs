using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Measurement;
using PerfJudge.Runners.Python;
using PerfJudge.Sandbox;

namespace PerfJudge.Tests.Support;

/// <summary>The sandboxed isolation levels that work on this machine, so that tests run their
/// attacks at every one of them (CI installs bubblewrap, so both paths are tested on every
/// submission; a fresh machine without it still tests the namespaces level).</summary>
public static class SandboxLevels
{
    private static readonly Lazy<IReadOnlyList<string>> Levels = new(() =>
        new[] { IsolationLevel.Bubblewrap, IsolationLevel.Namespaces }
            .Where(level => SandboxEngineFactory.Probe(level.Name(), null, new List<Diagnostic>())?.Level == level)
            .Select(level => level.Name())
            .ToList());

    /// <summary>Names of the levels available here, strongest first.</summary>
    public static IReadOnlyList<string> Available => Levels.Value;

    /// <summary>The levels as theory data.</summary>
    public static IEnumerable<object[]> Data => Available.Select(l => new object[] { l });

    /// <summary>A one-worker Python runner at <paramref name="level"/> (one of <see cref="Available"/>).</summary>
    public static PythonRunner Runner(string level)
    {
        var (python, command, probed) = SandboxEngineFactory.Probe(level, null, new List<Diagnostic>())!.Value;
        return new PythonRunner(command, probed, python, 1, MachineFingerprint.Current);
    }
}
