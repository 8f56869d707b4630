namespace PerfJudge.Tests.Support;

/// <summary>A fact that needs a Chromium binary ($PERFJUDGE_CHROMIUM or /usr/bin/chromium): skipped
/// with a reason when absent, except under CI=true, where .ci/run installs it and it must run.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public static string Path => Environment.GetEnvironmentVariable("PERFJUDGE_CHROMIUM") ?? "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Path) && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = $"no Chromium at {Path} (apt-get install chromium, or set PERFJUDGE_CHROMIUM)";
        }
    }
}
