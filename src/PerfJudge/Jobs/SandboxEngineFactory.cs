using PerfJudge.Judging;
using PerfJudge.Measurement;
using PerfJudge.Runners;
using PerfJudge.Runners.Python;
using PerfJudge.Sandbox;
using PerfJudge.Storage;
using PerfJudge.Tasks;

namespace PerfJudge.Jobs;

/// <summary>Starts the real engine: resolves the interpreter, writes the harness, probes the strongest
/// isolation level that works here (checked against the user's choice), reads (or makes) the input
/// secret, and puts the store's caching in front of the Python runner.</summary>
public sealed class SandboxEngineFactory : IEngineFactory
{
    /// <inheritdoc />
    public Engine? Start(EngineOptions options, ICollection<Diagnostic> diagnostics)
    {
        var setup = Probe(options.Isolation, options.Python, diagnostics);
        if (setup is null)
        {
            return null;
        }
        var (python, command, level) = setup.Value;
        if (!TryInputSecret(options.InputSecret, command, level, diagnostics, out var secret))
        {
            return null;
        }
        IResultStore store;
        try
        {
            store = options.NoCache ? new NullResultStore() : ResultStores.Open(options.StorePath);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or ArgumentException or UriFormatException)
        {
            diagnostics.Add(Diagnostic.Environment("store.open", $"cannot open the result store {ResultStores.Display(options.StorePath)}: {ex.Message}"));
            return null;
        }
        IRunner runner = new PythonRunner(command, level, python, options.Workers, MachineFingerprint.Current, secret);
        if (!options.NoCache)
        {
            runner = new CachingRunner(runner, options.Fresh ? new WriteOnlyStore(store) : store);
        }
        return new Engine(runner, store, Records: !options.NoCache);
    }

    /// <summary>The machine's input secret (docs/security.md), or false with the reason in
    /// <paramref name="diagnostics"/>. Null (each worker draws its own, so inputs differ between
    /// runs) at the rlimits level: without a file-system sandbox a candidate could leave the
    /// inputs and answers it saw in a host folder for the next run's candidates (and without root
    /// read the file itself).</summary>
    private static bool TryInputSecret(string? choice, WorkerCommand command, IsolationLevel level,
        ICollection<Diagnostic> diagnostics, out InputSecret? secret)
    {
        secret = null;
        if (level == IsolationLevel.Rlimits)
        {
            diagnostics.Add(Diagnostic.Warning("input-secret.rlimits", "--isolation rlimits: without a file-system sandbox a candidate " +
                "could keep what it saw for the next run, so each worker draws its own input secret (generated inputs differ between runs)."));
            return true;
        }
        try
        {
            secret = InputSecret.LoadOrCreate(InputSecret.ResolvePath(choice));
        }
        catch (InputSecretException ex)
        {
            diagnostics.Add(Diagnostic.Environment("input-secret", ex.Message));
            return false;
        }
        if (SandboxFolderHolding(secret.FilePath, command) is { } bound)
        {
            diagnostics.Add(Diagnostic.Environment("input-secret", $"input secret {secret.FilePath} is inside {bound}, " +
                "which every sandbox shows to candidates: move it elsewhere (--input-secret FILE or $PERFJUDGE_INPUT_SECRET)."));
            return false;
        }
        return true;
    }

    /// <summary>The host folder bound into every sandbox of <paramref name="command"/> that holds
    /// <paramref name="file"/> (after symbolic links), or null when candidates cannot see it there.</summary>
    public static string? SandboxFolderHolding(string file, WorkerCommand command)
    {
        var real = RealPath(file);
        return MountPlan.Build(command.Runtime).Where(op => op.Kind is "ro" or "ro-try" or "rw").Select(op => op.Source!)
            .FirstOrDefault(dir => real == dir || real.StartsWith(dir.TrimEnd('/') + "/", StringComparison.Ordinal));
    }

    /// <summary><paramref name="path"/> with every symbolic link along it resolved (as realpath(3);
    /// a part that does not exist is kept as written).</summary>
    private static string RealPath(string path)
    {
        var parts = new Queue<string>(Path.GetFullPath(path).Split('/', StringSplitOptions.RemoveEmptyEntries));
        var real = "/";
        for (var hops = 0; parts.TryDequeue(out var part);)
        {
            var next = Path.Combine(real, part);
            if (new FileInfo(next).LinkTarget is { } target && ++hops < 40)
            {
                var rest = parts.ToArray();
                parts = new Queue<string>(Path.GetFullPath(target, real).Split('/', StringSplitOptions.RemoveEmptyEntries).Concat(rest));
                real = "/";
                continue;
            }
            real = next;
        }
        return real;
    }

    /// <summary>The interpreter, the worker command and the isolation level, or null with the reason
    /// in <paramref name="diagnostics"/>.</summary>
    public static (PythonInterpreter Python, WorkerCommand Command, IsolationLevel Level)? Probe(string isolationChoice,
        string? pythonChoice, ICollection<Diagnostic> diagnostics)
    {
        var python = PythonInterpreter.Resolve(pythonChoice);
        if (Version.TryParse(python.Version, out var version) && version < new Version(3, 9))
        {
            // The harness needs os.pidfd_open and socket.recv_fds (3.9); below that every sample
            // would end as sandbox_error (bench/notes-throughput.md).
            diagnostics.Add(Diagnostic.Environment("python.version", $"{python.Executable} is Python {python.Version}; " +
                "the harness needs Python 3.9 or newer (os.pidfd_open, socket.recv_fds). Pass --python or set PERFJUDGE_PYTHON."));
            return null;
        }
        var command = new WorkerCommand(new SandboxedRuntime(python.Executable, python.InstallRoots,
            HarnessFile.Materialize(SuiteResolver.DefaultCacheDir()), HarnessFile.EntryModule));
        var strongest = isolationChoice switch
        {
            "namespaces" => IsolationLevel.Namespaces,
            "rlimits" => IsolationLevel.Rlimits,
            _ => IsolationLevel.Bubblewrap,
        };
        var outcome = SandboxProbe.Probe(command, strongest);
        foreach (var note in outcome.Notes)
        {
            diagnostics.Add(Diagnostic.Warning("sandbox.probe", note));
        }
        // Resource limits alone leave the host's files open to candidates: only when asked by name.
        var required = isolationChoice switch
        {
            "strict" or "auto" => IsolationLevel.Namespaces,
            _ => strongest,
        };
        if (outcome.Level < required)
        {
            diagnostics.Add(Diagnostic.Environment("sandbox.level", $"isolation '{isolationChoice}' needs at least {required.Name()}, " +
                $"but only {outcome.Level.Name()} works here. Install bubblewrap (apt-get install bubblewrap), or allow namespaces " +
                "(run as root, or enable unprivileged user namespaces: sysctl kernel.unprivileged_userns_clone=1); " +
                "'--isolation rlimits' runs without a file-system sandbox."));
            return null;
        }
        if (outcome.Level == IsolationLevel.Rlimits)
        {
            diagnostics.Add(Diagnostic.Warning("sandbox.rlimits",
                "WARNING: --isolation rlimits: candidates run with resource limits only (no namespaces); they can read the host's files and write wherever their uid may."));
        }
        return (python, command, outcome.Level);
    }
}
