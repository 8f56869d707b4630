using System.Text.Json;
using System.Text.Json.Serialization;
using PerfJudge.Judging;

namespace PerfJudge.Server;

/// <summary>The judge service's configuration (JSON file, docs/serve.md). Validated once, every
/// problem reported together with the file and field.</summary>
public sealed record ServerConfig
{
    /// <summary>Addresses to listen on; loopback unless told otherwise.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:8080";

    /// <summary>API keys; none: every caller is anonymous (allowed on loopback only).</summary>
    public IReadOnlyList<ApiKeyConfig> Keys { get; init; } = [];

    /// <summary>Requests waiting for a worker beyond those running; more are answered 429.</summary>
    public int QueueCapacity { get; init; } = 256;

    /// <summary>Largest request body, bytes.</summary>
    public long MaxBodyBytes { get; init; } = 4L << 20;

    /// <summary>Longest a request may take in all (queue + judging), seconds; then 504.</summary>
    public double DeadlineSeconds { get; init; } = 120;

    /// <summary>Suites whose tasks <c>/v1/judge</c> accepts by id (built-in names or paths).</summary>
    public IReadOnlyList<string> Suites { get; init; } = ["demo"];

    /// <summary>Sandboxed workers.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Isolation choice, as <c>--isolation</c>.</summary>
    public string Isolation { get; init; } = "auto";

    /// <summary>Result store (the CLI's by default, so both share replies).</summary>
    public string Store { get; init; } = Path.Combine(".perfjudge", "results.db");

    /// <summary>Weight of efficiency in the reward (docs/serve.md): reward = 0 when incorrect, else (1 - w) + w x e.</summary>
    public double EfficiencyWeight { get; init; } = 0.5;

    /// <summary>Seconds the server waits on shutdown for accepted work to finish.</summary>
    public double ShutdownSeconds { get; init; } = 60;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads <paramref name="path"/>, or returns null with the problems in <paramref name="diagnostics"/>.</summary>
    public static ServerConfig? Load(string path, ICollection<Diagnostic> diagnostics)
    {
        ServerConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<ServerConfig>(File.ReadAllText(path), Json);
        }
        catch (IOException ex)
        {
            diagnostics.Add(Diagnostic.Input("config", ex.Message, path));
            return null;
        }
        catch (JsonException ex)
        {
            diagnostics.Add(Diagnostic.Input("config", ex.Message.Split(" Path:")[0], path, (int?)(ex.LineNumber + 1), ex.Path));
            return null;
        }
        if (config is null)
        {
            diagnostics.Add(Diagnostic.Input("config", "empty configuration", path));
            return null;
        }
        var problems = config.Validate().Select(d => d with { File = path }).ToList();
        foreach (var d in problems)
        {
            diagnostics.Add(d);
        }
        return problems.Any(d => d.IsError) ? null : config;
    }

    /// <summary>Every problem with this configuration.</summary>
    public IEnumerable<Diagnostic> Validate()
    {
        if (QueueCapacity is < 0 or > 100_000) yield return Diagnostic.Input("config", "must be between 0 and 100000", field: "queue_capacity");
        if (MaxBodyBytes is < 1024 or > 1L << 30) yield return Diagnostic.Input("config", "must be between 1 KiB and 1 GiB", field: "max_body_bytes");
        if (!(DeadlineSeconds is > 0 and <= 3600)) yield return Diagnostic.Input("config", "must be in (0, 3600] seconds", field: "deadline_seconds");
        if (Workers is < 1 or > 256) yield return Diagnostic.Input("config", "must be between 1 and 256", field: "workers");
        if (!(EfficiencyWeight is >= 0 and <= 1)) yield return Diagnostic.Input("config", "must be in [0, 1]", field: "efficiency_weight");
        for (var i = 0; i < Keys.Count; i++)
        {
            foreach (var problem in Keys[i].Validate())
            {
                yield return Diagnostic.Input("config", problem, field: $"keys[{i}]");
            }
        }
        if (Keys.Select(k => k.Sha256).Distinct(StringComparer.OrdinalIgnoreCase).Count() != Keys.Count)
        {
            yield return Diagnostic.Input("config", "two keys have the same hash", field: "keys");
        }
    }
}
