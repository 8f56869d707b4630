using PerfJudge.Runners;
using PerfJudge.Sandbox;
using PerfJudge.Tasks;

namespace PerfJudge.Cli;

/// <summary>What every command needs before judging: the interpreter, the harness and the
/// strongest isolation level that works here (probed, and checked against the user's choice).</summary>
public sealed record EngineSetup(PythonInterpreter Python, WorkerCommand Command, IsolationLevel Level)
{
    /// <summary>Resolves everything, or returns null after explaining the problem on <paramref name="errors"/>.</summary>
    public static EngineSetup? Create(string isolationChoice, string? python, TextWriter errors)
    {
        var interpreter = PythonInterpreter.Resolve(python);
        var command = new WorkerCommand(interpreter, HarnessFile.Materialize(SuiteResolver.DefaultCacheDir()));
        var strongest = isolationChoice switch
        {
            "namespaces" => IsolationLevel.Namespaces,
            "rlimits" => IsolationLevel.Rlimits,
            _ => IsolationLevel.Bubblewrap,
        };
        var outcome = SandboxProbe.Probe(command, strongest);
        foreach (var note in outcome.Notes)
        {
            errors.WriteLine("perfjudge: " + note);
        }
        // Resource limits alone leave the host's files open to candidates: only when asked by name.
        var required = isolationChoice switch
        {
            "strict" or "auto" => IsolationLevel.Namespaces,
            _ => strongest,
        };
        if (outcome.Level < required)
        {
            errors.WriteLine($"perfjudge: isolation '{isolationChoice}' needs at least {required.Name()}, but only {outcome.Level.Name()} works here. " +
                "Install bubblewrap (apt-get install bubblewrap), or allow namespaces (run as root, or enable unprivileged user namespaces: " +
                "sysctl kernel.unprivileged_userns_clone=1); '--isolation rlimits' runs without a file-system sandbox.");
            return null;
        }
        if (outcome.Level == IsolationLevel.Rlimits)
        {
            errors.WriteLine("perfjudge: WARNING: --isolation rlimits: candidates run with resource limits only (no namespaces); they can read the host's files and write wherever their uid may.");
        }
        return new EngineSetup(interpreter, command, outcome.Level);
    }
}
