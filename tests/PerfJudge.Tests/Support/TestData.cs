using PerfJudge.Tasks;

namespace PerfJudge.Tests.Support;

public static class TestData
{
    public static string Require(string dataset, string file) =>
        DataDirectory.Find(dataset, file) ?? throw new InvalidOperationException(
            $"data set {dataset}/{file} is required under CI=true but was not found (PERFJUDGE_DATA or ../shared/data)");

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "perfjudge-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
