using PerfJudge.Tasks;

namespace PerfJudge.Generation;

/// <summary>What a model is sent for a task, built as EvalPlus builds it: an instruct model gets its
/// fixed instruction followed by the prompt in a code fence; a base model gets the prompt to continue,
/// stopped where a new top-level statement would begin.</summary>
public static class GenerationPrompt
{
    /// <summary>EvalPlus's instruction for instruct models.</summary>
    public const string InstructionPrefix =
        "Please provide a self-contained Python script that solves the following problem in a markdown code block:";

    /// <summary>Stop sequences of a plain completion (the API allows at most four): a base model that
    /// goes on to write another function, a class, a main block or a print has finished the body.</summary>
    public static readonly IReadOnlyList<string> CompletionStops = ["\ndef ", "\nclass ", "\nif __name__", "\nprint("];

    /// <summary>The user message of a chat request.</summary>
    public static string Chat(CodeTask task) => $"{InstructionPrefix}\n```\n{task.Prompt.Trim()}\n```\n";

    /// <summary>The text a base model continues.</summary>
    public static string Completion(CodeTask task) => task.Prompt;
}
