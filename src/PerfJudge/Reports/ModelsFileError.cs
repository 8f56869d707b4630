namespace PerfJudge.Reports;

/// <summary>One problem in a models file, located for the person who wrote it.</summary>
/// <param name="File">The file name as given.</param>
/// <param name="Line">1-based line number.</param>
/// <param name="Field">The YAML field concerned, or null for structural problems.</param>
/// <param name="Message">What is wrong.</param>
public sealed record ModelsFileError(string File, long Line, string? Field, string Message)
{
    /// <summary>Compiler-style text, e.g. <c>models.yaml:7: field 'parameters': must be a positive number</c>.</summary>
    public override string ToString() =>
        Field is null ? $"{File}:{Line}: {Message}" : $"{File}:{Line}: field '{Field}': {Message}";
}
