namespace PerfJudge.Tasks;

/// <summary>One test of a whole-program task: the text given on stdin and the expected stdout.</summary>
/// <param name="Input">Standard input.</param>
/// <param name="Output">Expected standard output (what the checker compares with).</param>
public sealed record ProgramTest(string Input, string Output);
