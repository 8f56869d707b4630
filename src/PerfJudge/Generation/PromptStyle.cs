namespace PerfJudge.Generation;

/// <summary>How a model is asked: instruct models through chat completions, base models through
/// plain completions of the task's prompt (as EvalPlus does for each kind).</summary>
public enum PromptStyle
{
    /// <summary><c>/v1/chat/completions</c> with EvalPlus's instruction; the answer is a whole program in a code block.</summary>
    Chat,
    /// <summary><c>/v1/completions</c> of the prompt itself; the answer is the function's body.</summary>
    Completion,
}
