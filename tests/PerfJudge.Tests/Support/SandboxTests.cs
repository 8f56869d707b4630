namespace PerfJudge.Tests.Support;

/// <summary>Tests that run sandboxed workers share the machine's two cores: running them one
/// class at a time keeps timing-based verdicts (timeouts) from depending on the other tests.</summary>
[CollectionDefinition(Name)]
public sealed class SandboxTests
{
    public const string Name = "sandbox";
}
