namespace PerfJudge.Tasks;

/// <summary>One programming task: a prompt the candidate completes, and the test that judges it.</summary>
/// <param name="TaskId">Identifier unique within the suite, e.g. <c>HumanEval/0</c>.</param>
/// <param name="Prompt">Program text a <c>completion</c> is appended to; also loaded by the checker for its helpers.</param>
/// <param name="CanonicalSolution">The reference completion (appended to the prompt).</param>
/// <param name="Test">Test code defining <c>check(candidate)</c>; runs only on the trusted side.</param>
/// <param name="EntryPoint">Name of the function under test.</param>
/// <param name="Efficiency">Generator, levels, checker and references when the task measures efficiency.</param>
/// <param name="Program">The whole-program part of a task of kind <c>program</c> (stdin/stdout tests), else null.</param>
/// <param name="EvalPlus">Base and plus inputs and comparison rules of a HumanEval+ or MBPP+ task, else null.</param>
public sealed record CodeTask(string TaskId, string Prompt, string CanonicalSolution, string Test, string EntryPoint,
    EfficiencySpec? Efficiency = null, ProgramSpec? Program = null, EvalPlusSpec? EvalPlus = null)
{
    /// <summary>The full reference program.</summary>
    public string ReferenceProgram => JoinProgram(Prompt, CanonicalSolution);

    /// <summary>Prompt followed by a completion, with a line break between them when the prompt lacks one.</summary>
    public static string JoinProgram(string prompt, string completion) =>
        prompt.Length == 0 || prompt.EndsWith('\n') ? prompt + completion : prompt + "\n" + completion;
}
