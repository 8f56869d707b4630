namespace PerfJudge.Samples;

/// <summary>A problem with one line of a samples file.</summary>
public sealed record SampleProblem(string File, int Line, string? Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        Field is null ? $"{File}:{Line}: {Message}" : $"{File}:{Line}: field '{Field}': {Message}";
}
