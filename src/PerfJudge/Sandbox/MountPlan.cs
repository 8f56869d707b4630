using System.Text.Json;

namespace PerfJudge.Sandbox;

/// <summary>The file-system view every sandboxed worker gets, as a list of operations that both
/// levels carry out: bubblewrap as its arguments, the <c>namespaces</c> level through
/// <c>pj_mountns.py</c> (mount namespace, bind mounts, <c>pivot_root</c>). One list, so the two
/// levels cannot drift apart: read-only system folders and interpreter, the harness at
/// <see cref="WorkerCommand.HarnessInSandbox"/>, a fresh <c>/proc</c>, a minimal <c>/dev</c>
/// (its <c>shm</c> is root's, 0755), a private 256 MiB <c>/tmp</c>, and nothing else of the host:
/// no home folders, no working directory, no result store.</summary>
public static class MountPlan
{
    /// <summary>Size of the private <c>/tmp</c>.</summary>
    public const long TmpBytes = 256L << 20;

    /// <summary>Where the worker's cgroup folders appear inside the sandbox.</summary>
    public const string CgroupsInSandbox = "/cgroup";

    /// <summary>One operation: <c>ro</c>, <c>ro-try</c>, <c>rw</c> (Source bound on Path), <c>dir</c>
    /// (Mode), <c>symlink</c> (Source is the link's target), <c>proc</c>, <c>dev</c>, <c>tmpfs</c>.</summary>
    public sealed record Op(string Kind, string Path, string? Source = null, string? Mode = null);

    /// <summary>The operations for one worker; <paramref name="cgroupDirs"/> (controller name to host
    /// folder) are bound writable under <see cref="CgroupsInSandbox"/>.</summary>
    public static IReadOnlyList<Op> Build(SandboxedRuntime runtime,
        IReadOnlyDictionary<string, string>? cgroupDirs = null)
    {
        var ops = new List<Op> { new("ro", "/usr", "/usr") };
        foreach (var dir in new[] { "/bin", "/lib", "/lib64", "/lib32", "/sbin" })
        {
            var info = new DirectoryInfo(dir);
            if (info.LinkTarget is { } target)
            {
                ops.Add(new Op("symlink", dir, target)); // merged /usr: /bin -> usr/bin
            }
            else if (info.Exists)
            {
                ops.Add(new Op("ro", dir, dir));
            }
        }
        foreach (var file in new[] { "/etc/ld.so.cache", "/etc/localtime", "/etc/alternatives" })
        {
            ops.Add(new Op("ro-try", file, file));
        }
        var made = new HashSet<string>(StringComparer.Ordinal) { "/", "/usr", "/bin", "/lib", "/lib64", "/tmp" };
        foreach (var root in runtime.InstallRoots)
        {
            // Missing parents would be 0700; the candidate's uid must traverse them.
            var parents = new List<string>();
            for (var p = Path.GetDirectoryName(root); p is not null && p != "/"; p = Path.GetDirectoryName(p))
            {
                parents.Insert(0, p);
            }
            ops.AddRange(parents.Where(made.Add).Select(p => new Op("dir", p, Mode: "0755")));
            ops.Add(new Op("ro", root, root));
        }
        ops.Add(new Op("ro", WorkerCommand.HarnessInSandbox, runtime.HarnessDir));
        ops.Add(new Op("proc", "/proc"));
        ops.Add(new Op("dev", "/dev"));
        ops.Add(new Op("tmpfs", "/tmp"));
        foreach (var (name, hostDir) in cgroupDirs ?? new Dictionary<string, string>())
        {
            ops.Add(new Op("rw", CgroupsInSandbox + "/" + name, hostDir));
        }
        return ops;
    }

    /// <summary>The plan as bubblewrap arguments.</summary>
    public static IEnumerable<string> BubblewrapArgs(IReadOnlyList<Op> ops) => ops.SelectMany(op => op.Kind switch
    {
        "ro" => new[] { "--ro-bind", op.Source!, op.Path },
        "ro-try" => ["--ro-bind-try", op.Source!, op.Path],
        "rw" => ["--bind", op.Source!, op.Path],
        "dir" => ["--perms", op.Mode!, "--dir", op.Path],
        "symlink" => ["--symlink", op.Source!, op.Path],
        "proc" => ["--proc", op.Path],
        "dev" => ["--dev", op.Path],
        "tmpfs" => ["--size", TmpBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), "--tmpfs", op.Path],
        _ => throw new InvalidOperationException("unknown mount operation " + op.Kind),
    });

    /// <summary>The plan as the JSON argument of <c>pj_mountns.py</c>.</summary>
    public static string MountnsJson(IReadOnlyList<Op> ops) => JsonSerializer.Serialize(ops.Select(op => op.Kind switch
    {
        "ro" or "ro-try" or "rw" or "symlink" => new object[] { op.Kind, op.Source!, op.Path },
        "dir" => [op.Kind, op.Path, op.Mode!],
        "tmpfs" => [op.Kind, op.Path, TmpBytes],
        _ => [op.Kind, op.Path],
    }));
}
