using System.Globalization;

namespace PerfJudge.Sandbox;

/// <summary>The engine's cgroup subtree: <c>perfjudge-PID</c> under the engine's own group in each
/// hierarchy used, with one group per worker (<c>wN</c>) that is bound writable into that
/// worker's sandbox; the worker's zygote joins it once, so every candidate is born inside and one
/// candidate at a time is limited and measured there (<c>pj_cgroup.py</c>).
/// cgroup v2 when the engine's group offers the memory and pids controllers (a delegated
/// subtree, or root); else cgroup v1 as root (memory, pids, cpuacct hierarchies, as
/// ioi/isolate does); else none, and limits fall back to rlimits. Only used when candidates run
/// under uids of their own (root): the files are root's, so a candidate cannot change its
/// limits or leave its group.</summary>
public sealed class CgroupTree : IDisposable
{
    // No cpu controller: it schedules a group as one entity against every other task of its
    // parent, so on a loaded machine two workers together got the share of one task (measured:
    // half the throughput at load 35). CPU time is limited by RLIMIT_CPU and the wall deadline;
    // cpuacct (v1) and cpu.stat (v2, present without the controller) still count it.
    private static readonly string[] V2Controllers = ["memory", "pids"];
    private static readonly string[] V1Controllers = ["memory", "pids", "cpuacct"];
    private readonly Dictionary<string, string> _roots; // hierarchy name -> host folder perfjudge-PID

    private CgroupTree(string version, Dictionary<string, string> roots)
    {
        Version = version;
        _roots = roots;
    }

    /// <summary><c>v1</c> or <c>v2</c>.</summary>
    public string Version { get; }

    /// <summary>Whether to use cgroups: PERFJUDGE_CGROUPS=off (or v1 / v2) overrides the probe.</summary>
    private static string? Choice => Environment.GetEnvironmentVariable("PERFJUDGE_CGROUPS");

    /// <summary>Creates the engine's subtree, or returns null (with the reason) when this machine
    /// gives no usable cgroups to this process.</summary>
    public static CgroupTree? TryCreate(out string? why)
    {
        why = null;
        if (!OperatingSystem.IsLinux() || !WorkerCommand.IsRoot)
        {
            why = "cgroups are used only as root (candidates must not own their group's files)";
            return null;
        }
        var choice = Choice;
        if (choice == "off")
        {
            why = "PERFJUDGE_CGROUPS=off";
            return null;
        }
        // The pid namespace is part of the name: a pid means something only within its namespace,
        // and engines of other containers may share these hierarchies.
        var name = $"perfjudge-{PidNamespace}-{Environment.ProcessId}-{Random.Shared.Next():x}";
        var mounts = CgroupMounts.Read();
        SweepStale(mounts.V1Dirs.Values.Append(mounts.V2Dir).OfType<string>());
        if (choice != "v1" && mounts.V2Dir is { } v2 && TryV2(v2, name, out var tree))
        {
            return tree;
        }
        if (choice != "v2" && TryV1(mounts, name, out var tree1, out why))
        {
            return tree1;
        }
        why ??= "no cgroup v2 with the memory and pids controllers, and no writable cgroup v1 hierarchies";
        return null;
    }

    private static bool TryV2(string own, string name, out CgroupTree? tree)
    {
        tree = null;
        var controllers = ReadOrEmpty(Path.Combine(own, "cgroup.controllers")).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!controllers.Contains("memory") || !controllers.Contains("pids"))
        {
            return false;
        }
        var enable = string.Join(' ', V2Controllers.Where(controllers.Contains).Select(c => "+" + c));
        var root = Path.Combine(own, name);
        try
        {
            // No internal processes: a group with members cannot hand controllers to children.
            // When the engine's own group has members (the engine), the engine moves into a leaf
            // of its own first, as systemd's delegation expects. perfjudge-PID itself holds no
            // process; its children wN (leaves) hold a zygote and its candidate.
            try
            {
                EnableIn(own, enable);
            }
            catch (IOException)
            {
                var leaf = Path.Combine(own, $"perfjudge-engine-{Environment.ProcessId}");
                Directory.CreateDirectory(leaf);
                File.WriteAllText(Path.Combine(leaf, "cgroup.procs"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
                EnableIn(own, enable);
            }
            Directory.CreateDirectory(root);
            EnableIn(root, enable);
            tree = new CgroupTree("v2", new Dictionary<string, string> { ["unified"] = root });
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ReleaseDir(root);
            return false;
        }
    }

    private static void EnableIn(string dir, string enable) =>
        File.WriteAllText(Path.Combine(dir, "cgroup.subtree_control"), enable);

    private static bool TryV1(CgroupMounts mounts, string name, out CgroupTree? tree, out string? why)
    {
        tree = null;
        why = null;
        var roots = new Dictionary<string, string>();
        foreach (var controller in V1Controllers)
        {
            if (!mounts.V1Dirs.TryGetValue(controller, out var own))
            {
                if (controller is "memory" or "pids")
                {
                    why = $"no cgroup v1 {controller} hierarchy";
                    Remove(roots.Values);
                    return false;
                }
                continue;
            }
            try
            {
                var root = Path.Combine(own, name);
                Directory.CreateDirectory(root);
                roots[controller] = root;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                why = $"cannot create a cgroup under {own}: {ex.Message}";
                Remove(roots.Values);
                return false;
            }
        }
        tree = new CgroupTree("v1", roots);
        return true;
    }

    /// <summary>Creates the folders of worker <paramref name="index"/> (after removing a crashed predecessor's).</summary>
    public WorkerCgroups CreateWorker(int index)
    {
        var dirs = new Dictionary<string, string>();
        foreach (var (controller, root) in _roots)
        {
            var dir = Path.Combine(root, "w" + index.ToString(CultureInfo.InvariantCulture));
            ReleaseDir(dir);
            Directory.CreateDirectory(dir); // a leaf: the worker's zygote and its candidates live here
            dirs[controller] = dir;
        }
        return new WorkerCgroups(Version, dirs);
    }

    /// <summary>Kills what is left in a worker's groups and removes them. Only cgroup folders are
    /// touched: a cgroup file system holds no files of a candidate's making.</summary>
    public void ReleaseWorker(int index)
    {
        foreach (var root in _roots.Values)
        {
            ReleaseDir(Path.Combine(root, "w" + index.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static void ReleaseDir(string dir)
    {
        if (!Directory.Exists(dir))
        {
            return;
        }
        foreach (var child in Directory.GetDirectories(dir))
        {
            ReleaseDir(child);
        }
        for (var attempt = 0; attempt < 50; attempt++)
        {
            foreach (var line in ReadOrEmpty(Path.Combine(dir, "cgroup.procs")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(line, CultureInfo.InvariantCulture, out var pid))
                {
                    _ = Interop.kill(pid, 9);
                }
            }
            try
            {
                Directory.Delete(dir); // rmdir: not recursive
                return;
            }
            catch (IOException)
            {
                Thread.Sleep(10);
            }
        }
    }

    private static string PidNamespace
    {
        get
        {
            var link = new FileInfo("/proc/self/ns/pid").LinkTarget ?? "pid:[0]"; // pid:[4026531836]
            return new string(link.Where(char.IsAsciiDigit).ToArray());
        }
    }

    /// <summary>Removes the subtrees of engines that no longer run (killed with SIGKILL, they could
    /// not remove their own): <c>perfjudge-NS-PID-x</c> of this pid namespace whose PID is gone.</summary>
    private static void SweepStale(IEnumerable<string> owns)
    {
        foreach (var own in owns.Where(Directory.Exists))
        {
            foreach (var dir in Directory.GetDirectories(own, "perfjudge-*-*"))
            {
                var parts = Path.GetFileName(dir).Split('-');
                if (parts.Length == 4 && parts[1] == PidNamespace && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var pid)
                    && pid != Environment.ProcessId && !Directory.Exists("/proc/" + parts[2]))
                {
                    ReleaseDir(dir);
                }
            }
        }
    }

    private static void Remove(IEnumerable<string> dirs)
    {
        foreach (var dir in dirs)
        {
            ReleaseDir(dir);
        }
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <inheritdoc />
    public void Dispose() => Remove(_roots.Values);
}
