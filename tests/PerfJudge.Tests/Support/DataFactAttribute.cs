using PerfJudge.Tasks;

namespace PerfJudge.Tests.Support;

/// <summary>A fact that needs a data set from shared/data: skipped with a reason when absent,
/// except under CI=true, where it must run (and then fails loudly).</summary>
public sealed class DataFactAttribute : FactAttribute
{
    public DataFactAttribute(string dataset, string file)
    {
        if (DataDirectory.Find(dataset, file) is null && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = $"data set {dataset}/{file} not found (set PERFJUDGE_DATA or place shared/data beside the repository)";
        }
    }
}
