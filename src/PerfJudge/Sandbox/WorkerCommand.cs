using System.Diagnostics;
using System.Globalization;
using PerfJudge.Runners.Python;

namespace PerfJudge.Sandbox;

/// <summary>Builds the command line that starts one sandboxed worker at a given isolation level.</summary>
public sealed class WorkerCommand
{
    /// <summary>Where the harness folder is bound inside a bubblewrap sandbox.</summary>
    public const string HarnessInSandbox = "/perfjudge";

    private readonly PythonInterpreter _python;
    private readonly string _harnessDir;

    /// <summary>Creates a builder for one interpreter and harness file.</summary>
    public WorkerCommand(PythonInterpreter python, string harnessDir)
    {
        _python = python;
        _harnessDir = harnessDir;
    }

    /// <summary>Path of a harness module as the interpreter sees it at <paramref name="level"/>.</summary>
    public string ModulePath(IsolationLevel level, string module) =>
        (level == IsolationLevel.Bubblewrap ? HarnessInSandbox : _harnessDir) + "/" + module;

    /// <summary>setarch, used as <c>setarch -R</c> to run the worker without address-space randomisation.</summary>
    public static string? NoAslr { get; } = new[] { "/usr/bin/setarch", "/bin/setarch" }.FirstOrDefault(File.Exists);

    /// <summary>True when the engine runs as root: workers then drop each candidate to its own uid.</summary>
    public static bool IsRoot { get; } = OperatingSystem.IsLinux() && Interop.geteuid() == 0;

    /// <summary>The start info for a worker; <paramref name="scratch"/> is a host folder used below bubblewrap;
    /// <paramref name="prefix"/> runs before the interpreter (e.g. valgrind).</summary>
    public ProcessStartInfo Build(IsolationLevel level, long uidBase, string scratch, IReadOnlyList<string>? pythonArgs = null, int cpu = 0,
        IReadOnlyList<string>? prefix = null)
    {
        var info = new ProcessStartInfo { UseShellExecute = false };
        var args = info.ArgumentList;
        // -S: site imports threading here, whose at-fork hooks cost every candidate >100 page faults;
        // the harness adds site-packages to sys.path itself. -s, not -I: -I implies -E, which
        // ignores PYTHONHASHSEED (hashing then varies run to run); the environment is cleared anyway.
        var harnessDir = level == IsolationLevel.Bubblewrap ? HarnessInSandbox : _harnessDir;
        var inner = pythonArgs ?? ["-s", "-S", harnessDir + "/" + HarnessFile.EntryModule];
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
        command.Add(_python.Executable);
        command.AddRange(inner);
        switch (level)
        {
            case IsolationLevel.Bubblewrap:
                info.FileName = "bwrap";
                AddBubblewrapArgs(args, uidBase, cpu);
                break;
            case IsolationLevel.Namespaces:
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
        info.Environment["PERFJUDGE_SCRATCH"] = level == IsolationLevel.Bubblewrap ? "/tmp" : scratch;
        info.Environment["PERFJUDGE_CPU"] = cpu.ToString(CultureInfo.InvariantCulture);
        return info;
    }

    private void AddBubblewrapArgs(System.Collections.ObjectModel.Collection<string> args, long uidBase, int cpu)
    {
        void Add(params string[] items)
        {
            foreach (var item in items)
            {
                args.Add(item);
            }
        }
        Add("--ro-bind", "/usr", "/usr");
        foreach (var dir in new[] { "/bin", "/lib", "/lib64", "/lib32", "/sbin" })
        {
            if (Directory.Exists(dir))
            {
                Add("--ro-bind", dir, dir);
            }
        }
        foreach (var file in new[] { "/etc/ld.so.cache", "/etc/localtime", "/etc/alternatives" })
        {
            Add("--ro-bind-try", file, file);
        }
        var made = new HashSet<string>(StringComparer.Ordinal) { "/", "/usr", "/bin", "/lib", "/lib64", "/tmp" };
        foreach (var root in _python.InstallRoots)
        {
            // bubblewrap creates missing parents as 0700; the candidate's uid must traverse them.
            var parents = new List<string>();
            for (var p = Path.GetDirectoryName(root); p is not null && p != "/"; p = Path.GetDirectoryName(p))
            {
                parents.Insert(0, p);
            }
            foreach (var parent in parents.Where(made.Add))
            {
                Add("--perms", "0755", "--dir", parent);
            }
            Add("--ro-bind", root, root);
        }
        Add("--ro-bind", _harnessDir, HarnessInSandbox);
        Add("--proc", "/proc", "--dev", "/dev", "--size", "268435456", "--tmpfs", "/tmp");
        Add("--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try");
        Add("--die-with-parent", "--new-session", "--clearenv");
        if (IsRoot)
        {
            // Real root inside the sandbox keeps only what the trusted harness needs to drop each
            // candidate to its own uid and to clean up after it; the candidate ends with none.
            Add("--cap-drop", "ALL");
            // SYS_PTRACE: the checker opens performance counters on candidates of other uids.
            foreach (var cap in new[] { "CAP_SETUID", "CAP_SETGID", "CAP_KILL", "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_SYS_PTRACE" })
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
    }
}
