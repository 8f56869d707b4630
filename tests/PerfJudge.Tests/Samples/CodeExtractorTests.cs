using PerfJudge.Samples;

namespace PerfJudge.Tests.Samples;

public class CodeExtractorTests
{
    [Fact]
    public void Plain_code_is_unchanged() => Assert.Equal("x = 1\n", CodeExtractor.Extract("x = 1\n"));

    [Fact]
    public void Python_blocks_are_preferred_over_other_blocks()
    {
        var text = "```bash\npip install x\n```\nthen\n```python\nprint(1)\n```\n";
        Assert.Equal("print(1)\n", CodeExtractor.Extract(text));
    }

    [Fact]
    public void Untagged_blocks_are_joined()
    {
        var text = "```\na = 1\n```\n```\nb = 2\n```";
        Assert.Equal("a = 1\n\nb = 2\n", CodeExtractor.Extract(text));
    }
}
