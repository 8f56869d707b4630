using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PerfJudge.Storage;

namespace PerfJudge.Runners;

/// <summary>Decorates a runner with the result store: a request whose reply is stored is replayed
/// (marked <see cref="RunReply.FromStore"/>), any other is run and its reply stored, durably, before
/// it is returned, when the request calls it storable. The key is the request's serialized form with
/// everything else the reply depends on (runtime, harness, isolation, for costs the machine, for generated
/// inputs the input secret's id), so
/// the same work on the same machine is never redone and anything that could change it runs afresh.</summary>
public sealed class CachingRunner : IRunner
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly IRunner _inner;
    private readonly IResultStore _store;

    /// <summary>Wraps <paramref name="inner"/>; replies are kept in <paramref name="store"/>.</summary>
    public CachingRunner(IRunner inner, IResultStore store)
    {
        _inner = inner;
        _store = store;
    }

    /// <inheritdoc />
    public RunnerInfo Info => _inner.Info;

    /// <summary>The key of <paramref name="request"/> on a runner described by <paramref name="info"/>.</summary>
    public static string Key(RunRequest request, RunnerInfo info)
    {
        var text = string.Join('\n', "perfjudge.reply/1", request.GetType().Name, info.Runtime, info.Harness, info.Isolation,
            request.DependsOnMachine ? info.Machine : "", request.UsesInputSecret ? "inputs " + (info.InputSecretId ?? "per-worker") : "",
            JsonSerializer.Serialize(request, request.GetType(), Json));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <inheritdoc />
    public async Task<TReply> RunAsync<TReply>(RunRequest<TReply> request, CancellationToken cancel) where TReply : RunReply
    {
        var key = Key(request, _inner.Info);
        if (_store.GetDocument(key) is { } kept && Read<TReply>(kept) is { } replayed)
        {
            return replayed with { FromStore = true };
        }
        var reply = await _inner.RunAsync(request, cancel);
        if (request.Storable(reply))
        {
            _store.PutDocument(key, JsonSerializer.Serialize(reply with { FromStore = false }, Json));
        }
        return reply;
    }

    private static TReply? Read<TReply>(string json) where TReply : RunReply
    {
        try
        {
            return JsonSerializer.Deserialize<TReply>(json, Json);
        }
        catch (JsonException)
        {
            // A document of an older shape: run the request again and overwrite it.
            return null;
        }
    }

    /// <inheritdoc />
    public Task RecycleAsync(CancellationToken cancel) => _inner.RecycleAsync(cancel);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
