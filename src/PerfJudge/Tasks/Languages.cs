namespace PerfJudge.Tasks;

/// <summary>Languages of whole programs and their time-limit factors (docs/suite-format.md).</summary>
public static class Languages
{
    /// <summary>The languages a program task accepts.</summary>
    public static readonly IReadOnlyList<string> All = ["cpp", "csharp", "python"];

    /// <summary>The factor applied to a task's time limit: C++ 1; C# 2 (runtime start-up and JIT,
    /// ~0.1 s per process here); Python 5 (an interpreted language, as most judges grant it).</summary>
    public static double TimeFactor(string language) => language switch
    {
        "cpp" => 1.0,
        "csharp" => 2.0,
        _ => 5.0,
    };

    /// <summary>The canonical name of a language written as <paramref name="name"/> (e.g. <c>c++</c>, <c>cs</c>), or null.</summary>
    public static string? Normalize(string? name) => name?.ToLowerInvariant() switch
    {
        "cpp" or "c++" or "cxx" or "gnu++17" => "cpp",
        "csharp" or "c#" or "cs" => "csharp",
        "python" or "python3" or "py" => "python",
        _ => null,
    };
}
