using PerfJudge.Generation;

namespace PerfJudge.Tests.Generation;

public sealed class AnswerExtractorTests
{
    private static readonly PerfJudge.Tasks.CodeTask Task = DemoModel.Suite.Tasks[1]; // count_distinct

    [Fact]
    public void A_whole_function_in_a_block_becomes_a_program_after_the_prompt()
    {
        var code = AnswerExtractor.Extract("Sure!\n```python\ndef count_distinct(values):\n    return len(set(values))\n```\nDone.", Task, PromptStyle.Chat, "stop");
        Assert.Equal(("solution", "fenced"), (code.Field, code.Status));
        Assert.StartsWith(Task.Prompt, code.Code, StringComparison.Ordinal);
        Assert.EndsWith("def count_distinct(values):\n    return len(set(values))\n", code.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_only_answer_is_a_completion()
    {
        var code = AnswerExtractor.Extract("```\n    return len(set(values))\n```", Task, PromptStyle.Chat, "stop");
        Assert.Equal(("completion", "fenced", "    return len(set(values))\n"), (code.Field, code.Status, code.Code));
    }

    [Fact]
    public void Prose_without_code_is_no_code_and_an_unclosed_block_is_truncated()
    {
        Assert.Equal(("completion", "", "no_code"), Parts(AnswerExtractor.Extract("I cannot help with that.", Task, PromptStyle.Chat, "stop")));
        var cut = AnswerExtractor.Extract("```python\ndef count_distinct(values):\n    return len(set(", Task, PromptStyle.Chat, "length");
        Assert.Equal(("solution", "truncated"), (cut.Field, cut.Status));
        Assert.EndsWith("return len(set(\n", cut.Code, StringComparison.Ordinal);
        var unfenced = AnswerExtractor.Extract("def count_distinct(values):\n    return len(set(values))\n", Task, PromptStyle.Chat, null);
        Assert.Equal(("solution", "unfenced"), (unfenced.Field, unfenced.Status));
        Assert.Equal("truncated", AnswerExtractor.Extract("    return len(", Task, PromptStyle.Completion, "length").Status);
    }

    private static (string, string, string) Parts(ExtractedCode c) => (c.Field, c.Code, c.Status);
}
