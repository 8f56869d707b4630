namespace PerfJudge.Sandbox;

/// <summary>Where this process's own cgroups are: the v2 group's folder, and per v1 controller
/// the folder of its group in that hierarchy (from /proc/self/cgroup and /proc/self/mountinfo).</summary>
/// <param name="V2Dir">Folder of the process's cgroup v2 group, or null.</param>
/// <param name="V1Dirs">v1 controller name to the folder of the process's group in its hierarchy.</param>
public sealed record CgroupMounts(string? V2Dir, IReadOnlyDictionary<string, string> V1Dirs)
{
    /// <summary>Reads this process's cgroups.</summary>
    public static CgroupMounts Read()
    {
        string[] membership, mountinfo;
        try
        {
            membership = File.ReadAllLines("/proc/self/cgroup");
            mountinfo = File.ReadAllLines("/proc/self/mountinfo");
        }
        catch (IOException)
        {
            return new CgroupMounts(null, new Dictionary<string, string>());
        }
        // mountinfo: id parent major:minor root mountpoint options ... - fstype source superoptions
        var mounts = mountinfo.Select(l => l.Split(' ')).Where(f => f.Length > 6)
            .Select(f => (Root: f[3], Point: Unescape(f[4]), Fs: f[(Array.IndexOf(f, "-") + 1)..]))
            .Where(m => m.Fs.Length >= 3 && m.Fs[0] is "cgroup" or "cgroup2").ToList();
        string? v2 = null;
        var v1 = new Dictionary<string, string>();
        foreach (var line in membership)
        {
            var parts = line.Split(':', 3);
            if (parts.Length != 3)
            {
                continue;
            }
            if (parts[0] == "0" && parts[1].Length == 0)
            {
                var m = mounts.FirstOrDefault(m => m.Fs[0] == "cgroup2");
                v2 = m.Point is null ? null : Join(m.Point, m.Root, parts[2]);
                continue;
            }
            foreach (var controller in parts[1].Split(','))
            {
                var m = mounts.FirstOrDefault(m => m.Fs[0] == "cgroup" && m.Fs[2].Split(',').Contains(controller));
                if (m.Point is not null)
                {
                    v1[controller] = Join(m.Point, m.Root, parts[2]);
                }
            }
        }
        return new CgroupMounts(v2, v1);
    }

    private static string Join(string mountPoint, string mountRoot, string group)
    {
        var relative = mountRoot != "/" && group.StartsWith(mountRoot, StringComparison.Ordinal) ? group[mountRoot.Length..] : group;
        return (mountPoint.TrimEnd('/') + "/" + relative.TrimStart('/')).TrimEnd('/');
    }

    private static string Unescape(string path) => path.Replace("\\040", " ", StringComparison.Ordinal);
}
