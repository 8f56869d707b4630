namespace PerfJudge.Samples;

/// <summary>A problem with one line of a samples file, or with the whole file (<paramref name="Line"/> 0).</summary>
/// <param name="File">The samples file.</param>
/// <param name="Line">1-based line; 0 when the problem is the file's (missing, empty).</param>
/// <param name="Field">Field it is about.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Code">Stable short code: <c>samples.line</c>, <c>samples.unknown-task</c>, <c>samples.file</c>.</param>
public sealed record SampleProblem(string File, int Line, string? Field, string Message, string Code = "samples.line")
{
    /// <summary>True when the problem is the file's, not one line's: skipping invalid lines cannot help.</summary>
    public bool IsFileProblem => Line == 0;

    /// <inheritdoc />
    public override string ToString() =>
        (Line > 0 ? $"{File}:{Line}: " : $"{File}: ") + (Field is null ? Message : $"field '{Field}': {Message}");
}
