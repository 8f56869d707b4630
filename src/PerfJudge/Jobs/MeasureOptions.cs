using PerfJudge.Judging;

namespace PerfJudge.Jobs;

/// <summary>What <c>measure</c> is asked to do: one program (or two, alternately) on one input.</summary>
/// <param name="Files">The program files (one, or two to compare).</param>
/// <param name="EntryPoint">Function to call.</param>
/// <param name="InputJson">The call's arguments as a JSON array.</param>
/// <param name="Meter">Meter choice.</param>
/// <param name="Target">Stop when the median's 95% CI half-width is this fraction of it.</param>
/// <param name="MinRounds">Fewest repetitions.</param>
/// <param name="MaxRounds">Most repetitions.</param>
/// <param name="TimeoutSeconds">Per-repetition time limit.</param>
/// <param name="Engine">Where the programs run.</param>
public sealed record MeasureOptions(IReadOnlyList<string> Files, string EntryPoint, string InputJson, string Meter, double Target,
    int MinRounds, int MaxRounds, double TimeoutSeconds, EngineOptions Engine)
{
    /// <summary>Every problem with these options.</summary>
    public IReadOnlyList<Diagnostic> Validate()
    {
        var problems = new List<Diagnostic>(Engine.Validate());
        if (MinRounds < 1 || MaxRounds < MinRounds || !(Target > 0))
        {
            problems.Add(Diagnostic.Usage("--min-rounds/--max-rounds/--target", "need 1 <= --min-rounds <= --max-rounds and --target > 0"));
        }
        if (!(TimeoutSeconds > 0 && TimeoutSeconds <= 3600))
        {
            problems.Add(Diagnostic.Usage("--timeout", "must be in (0, 3600] seconds"));
        }
        try
        {
            if (System.Text.Json.Nodes.JsonNode.Parse(InputJson) is not System.Text.Json.Nodes.JsonArray)
            {
                problems.Add(Diagnostic.Usage("--input", "must be a JSON array of arguments (not an array)"));
            }
        }
        catch (System.Text.Json.JsonException ex)
        {
            problems.Add(Diagnostic.Usage("--input", $"must be a JSON array of arguments ({ex.Message})"));
        }
        return problems;
    }
}
