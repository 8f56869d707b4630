using System.Globalization;
using System.Runtime.CompilerServices;

namespace PerfJudge.Tests.Reports;

/// <summary>Compares text with a file under Reports/Snapshots. With PERFJUDGE_UPDATE_SNAPSHOTS=1 the
/// file is (re)written instead and the test fails, so an update is always a deliberate second run.</summary>
public static class Snapshot
{
    public static void Match(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots", name);
        if (Environment.GetEnvironmentVariable("PERFJUDGE_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
            Assert.Fail($"snapshot {name} written; rerun without PERFJUDGE_UPDATE_SNAPSHOTS");
        }
        Assert.True(File.Exists(path), $"snapshot {path} is missing; run once with PERFJUDGE_UPDATE_SNAPSHOTS=1 and review it");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));
    }

    /// <summary>Runs <paramref name="render"/> with <paramref name="culture"/> as the current culture.</summary>
    public static string InCulture(string culture, Func<string> render)
    {
        var (saved, savedUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            return render();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (saved, savedUi);
        }
    }
}
