namespace PerfJudge.Generation;

/// <summary>Code taken from a model's answer, and how it was found.</summary>
/// <param name="Field">Samples-file field it goes in: <c>solution</c> (a whole program) or <c>completion</c> (appended to the prompt).</param>
/// <param name="Code">The program or completion.</param>
/// <param name="Status"><c>fenced</c>, <c>unfenced</c>, <c>truncated</c> (an unclosed fence or a length stop) or <c>no_code</c>.</param>
public sealed record ExtractedCode(string Field, string Code, string Status);
