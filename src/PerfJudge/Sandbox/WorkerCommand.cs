using System.Diagnostics;
using System.Globalization;

namespace PerfJudge.Sandbox;

/// <summary>Builds the command line that starts one sandboxed worker at a given isolation level.</summary>
public sealed class WorkerCommand
{
    /// <summary>Where the harness folder is bound inside a bubblewrap sandbox.</summary>
    public const string HarnessInSandbox = "/perfjudge";

    private readonly SandboxedRuntime _runtime;
    private readonly string _harnessDir;

    /// <summary>Creates a builder for one runtime and harness.</summary>
    public WorkerCommand(SandboxedRuntime runtime)
    {
        _runtime = runtime;
        _harnessDir = runtime.HarnessDir;
    }

    /// <summary>The runtime and harness the workers run.</summary>
    public SandboxedRuntime Runtime => _runtime;

    /// <summary>Path of a harness module as the interpreter sees it at <paramref name="level"/>.</summary>
    public string ModulePath(IsolationLevel level, string module) =>
        (level == IsolationLevel.Rlimits ? _harnessDir : HarnessInSandbox) + "/" + module;

    /// <summary>setarch, used as <c>setarch -R</c> to run the worker without address-space randomisation.</summary>
    public static string? NoAslr { get; } = new[] { "/usr/bin/setarch", "/bin/setarch" }.FirstOrDefault(File.Exists);

    /// <summary>True when the engine runs as root: workers then drop each candidate to its own uid.</summary>
    public static bool IsRoot { get; } = OperatingSystem.IsLinux() && Interop.geteuid() == 0;

    private static readonly string[] BubblewrapPlaces = ["/usr/bin/bwrap", "/bin/bwrap", "/usr/local/bin/bwrap"];

    /// <summary>The bubblewrap binary, or null when there is none. <c>PERFJUDGE_BWRAP</c> overrides the
    /// search: a path, or <c>none</c> to act as if bubblewrap were not installed (the tests use it to
    /// run the attack set at the namespaces level on a machine that has bubblewrap).</summary>
    public static string? Bubblewrap
    {
        get
        {
            var chosen = Environment.GetEnvironmentVariable("PERFJUDGE_BWRAP");
            if (!string.IsNullOrEmpty(chosen))
            {
                return chosen == "none" ? null : chosen;
            }
            return BubblewrapPlaces.FirstOrDefault(File.Exists);
        }
    }

    /// <summary>The start info for a worker; <paramref name="scratch"/> is a host folder used at the rlimits
    /// level only; <paramref name="prefix"/> runs before the interpreter (e.g. valgrind);
    /// <paramref name="cgroups"/> are the worker's cgroup folders, if any.</summary>
    public ProcessStartInfo Build(IsolationLevel level, long uidBase, string scratch, IReadOnlyList<string>? pythonArgs = null, int cpu = 0,
        IReadOnlyList<string>? prefix = null, WorkerCgroups? cgroups = null)
    {
        var info = new ProcessStartInfo { UseShellExecute = false };
        var args = info.ArgumentList;
        var sandboxed = level != IsolationLevel.Rlimits;
        // -S: site imports threading here, whose at-fork hooks cost every candidate >100 page faults;
        // the harness adds site-packages to sys.path itself. -s, not -I: -I implies -E, which
        // ignores PYTHONHASHSEED (hashing then varies run to run); the environment is cleared anyway.
        var inner = pythonArgs ?? ["-s", "-S", ModulePath(level, _runtime.EntryModule)];
        // The command run inside the isolation: [setarch -R] [prefix...] python args...
        // Address-space randomisation off: every worker (and so every candidate, forked from it)
        // gets the same memory layout, run after run. Layout alone moved the cost of one Python
        // loop by 10% between worker starts here.
        var command = new List<string>();
        if (NoAslr is not null)
        {
            command.Add(NoAslr);
            command.Add("-R");
        }
        command.AddRange(prefix ?? []);
        command.Add(_runtime.Executable);
        command.AddRange(inner);
        var plan = sandboxed ? MountPlan.Build(_runtime, cgroups?.HostDirs) : [];
        var cgroupSpec = cgroups is null ? "" : cgroups.Version + ":" + string.Join(',', cgroups.HostDirs.Keys.Select(k =>
            k + "=" + (sandboxed ? MountPlan.CgroupsInSandbox + "/" + k : cgroups.HostDirs[k])));
        switch (level)
        {
            case IsolationLevel.Bubblewrap:
                info.FileName = Bubblewrap ?? "bwrap";
                AddBubblewrapArgs(args, plan, uidBase, cpu, cgroupSpec);
                break;
            case IsolationLevel.Namespaces:
                // unshare makes the namespaces; pj_mountns.py (trusted, first to run inside) builds
                // the same view bubblewrap would from the same plan, pivots into it and execs the worker.
                info.FileName = "unshare";
                foreach (var a in new[] { "--pid", "--fork", "--kill-child", "--net", "--ipc", "--uts", "--mount" })
                {
                    args.Add(a);
                }
                if (!IsRoot)
                {
                    args.Add("--user");
                    args.Add("--map-root-user");
                }
                command.InsertRange(0, [_runtime.Executable, "-s", "-S", _harnessDir + "/pj_mountns.py", MountPlan.MountnsJson(plan), "--"]);
                break;
            default:
                info.FileName = command[0];
                command.RemoveAt(0);
                break;
        }
        foreach (var a in command)
        {
            args.Add(a);
        }
        info.Environment.Clear();
        info.Environment["PYTHONHASHSEED"] = "0";
        info.Environment["PATH"] = "/usr/bin:/bin";
        info.Environment["LANG"] = "C.UTF-8";
        info.Environment["PERFJUDGE_UID_BASE"] = IsRoot ? uidBase.ToString(CultureInfo.InvariantCulture) : "0";
        info.Environment["PERFJUDGE_SCRATCH"] = sandboxed ? "/tmp" : scratch;
        info.Environment["PERFJUDGE_CPU"] = cpu.ToString(CultureInfo.InvariantCulture);
        info.Environment["PERFJUDGE_CGROUPS"] = cgroupSpec;
        return info;
    }

    private static void AddBubblewrapArgs(System.Collections.ObjectModel.Collection<string> args, IReadOnlyList<MountPlan.Op> plan,
        long uidBase, int cpu, string cgroupSpec)
    {
        void Add(params string[] items)
        {
            foreach (var item in items)
            {
                args.Add(item);
            }
        }
        foreach (var arg in MountPlan.BubblewrapArgs(plan))
        {
            args.Add(arg);
        }
        Add("--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts");
        if (cgroupSpec.Length == 0)
        {
            // With cgroups bound in, the worker stays in the engine's cgroup namespace: a namespace
            // rooted at the engine's group would hide the worker's groups from cgroup v2 moves.
            Add("--unshare-cgroup-try");
        }
        Add("--die-with-parent", "--new-session", "--clearenv");
        if (IsRoot)
        {
            // Real root inside the sandbox keeps only what the trusted harness needs to drop each
            // candidate to its own uid and to clean up after it; the candidate ends with none.
            Add("--cap-drop", "ALL");
            // SYS_PTRACE: the checker opens performance counters on candidates of other uids.
            // SYS_ADMIN: the zygote gives every candidate a new IPC namespace (unshare), so SysV
            // and POSIX IPC objects of one candidate are invisible to the next.
            foreach (var cap in new[] { "CAP_SETUID", "CAP_SETGID", "CAP_KILL", "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_SYS_PTRACE", "CAP_SYS_ADMIN" })
            {
                Add("--cap-add", cap);
            }
        }
        else
        {
            Add("--unshare-user");
        }
        Add("--setenv", "PYTHONHASHSEED", "0", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "LANG", "C.UTF-8");
        Add("--setenv", "PERFJUDGE_UID_BASE", IsRoot ? uidBase.ToString(CultureInfo.InvariantCulture) : "0");
        Add("--setenv", "PERFJUDGE_SCRATCH", "/tmp");
        Add("--setenv", "PERFJUDGE_CPU", cpu.ToString(CultureInfo.InvariantCulture));
        Add("--setenv", "PERFJUDGE_CGROUPS", cgroupSpec);
    }
}
