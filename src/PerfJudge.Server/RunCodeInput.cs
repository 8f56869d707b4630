using System.Text.Json.Serialization;

namespace PerfJudge.Server;

/// <summary>The body of <c>POST /run_code</c>, SandboxFusion's request (docs/serve.md says which fields are honoured).</summary>
public sealed record RunCodeInput
{
    /// <summary>The program's source.</summary>
    public string? Code { get; init; }

    /// <summary><c>python</c>, <c>cpp</c> or <c>csharp</c> (also <c>python3</c>, <c>c++</c>, <c>cs</c>).</summary>
    public string? Language { get; init; }

    /// <summary>Text on the program's standard input.</summary>
    public string? Stdin { get; init; }

    /// <summary>Wall seconds the compiler may take (default 10).</summary>
    public double CompileTimeout { get; init; } = 10;

    /// <summary>Wall and CPU seconds the run may take (default 10).</summary>
    public double RunTimeout { get; init; } = 10;

    /// <summary>Memory limit in MiB; -1 (SandboxFusion's default) means the server's default.</summary>
    [JsonPropertyName("memory_limit_MB")]
    public int MemoryLimitMb { get; init; } = -1;

    /// <summary>Files written into the work folder before the run: relative path to base64 content (null entries are skipped).</summary>
    public Dictionary<string, string?>? Files { get; init; }

    /// <summary>Files to send back after the run; only an empty list is accepted here.</summary>
    public List<string>? FetchFiles { get; init; }
}
