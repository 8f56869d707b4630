namespace PerfJudge.Tasks;

/// <summary>Finds data sets that the environment provides: <c>$PERFJUDGE_DATA</c>, or a
/// <c>shared/data</c> folder beside or above the working directory.</summary>
public static class DataDirectory
{
    /// <summary>Returns the path of <paramref name="file"/> in data set <paramref name="dataset"/>, or null.</summary>
    public static string? Find(string dataset, string file)
    {
        foreach (var root in Roots())
        {
            var candidate = Path.Combine(root, dataset, file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private static IEnumerable<string> Roots()
    {
        var env = Environment.GetEnvironmentVariable("PERFJUDGE_DATA");
        if (!string.IsNullOrEmpty(env))
        {
            yield return env;
        }
        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        for (var i = 0; i < 6 && dir is not null; i++, dir = dir.Parent)
        {
            yield return Path.Combine(dir.FullName, "shared", "data");
            yield return Path.Combine(dir.FullName, "..", "shared", "data");
        }
    }
}
