using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PerfJudge.Runners;
using PerfJudge.Sandbox;
using PerfJudge.Storage;

namespace PerfJudge.Evaluation;

/// <summary>Whole-task worker requests (an efficiency task, a stress search) whose successful replies
/// are kept in the store. The key is the request with everything else its result depends on —
/// harness, interpreter, isolation, machine — so the same work on the same machine is replayed,
/// not measured again, and anything that could change the result measures afresh.</summary>
public sealed class StoredWork
{
    private readonly WorkerPool _pool;
    private readonly IResultStore _store;
    private readonly string _interpreterVersion;

    /// <summary>Creates the runner.</summary>
    public StoredWork(WorkerPool pool, IResultStore store, string interpreterVersion)
    {
        _pool = pool;
        _store = store;
        _interpreterVersion = interpreterVersion;
    }

    /// <summary>The pool the work runs on.</summary>
    public WorkerPool Pool => _pool;

    /// <summary>Replays the stored reply of <paramref name="request"/>, or runs it and stores the reply
    /// when its verdict is <c>passed</c>. <paramref name="kind"/> names the document type in the key.</summary>
    public async Task<StoredReply> RunAsync(string kind, JsonObject request, double hardSeconds, CancellationToken cancel)
    {
        var text = $"{kind}\n{HarnessFile.Version}\n{_interpreterVersion}\n{_pool.Level.Name()}\n{MachineFingerprint.Current}\n{request.ToJsonString()}";
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        if (_store.GetDocument(key) is { } kept)
        {
            return new StoredReply(JsonNode.Parse(kept), null, FromStore: true);
        }
        var answer = await _pool.RunJsonAsync(request, hardSeconds, cancel);
        if (answer.Result is JsonObject reply && reply["verdict"]?.GetValue<string>() == "passed")
        {
            var saved = reply.DeepClone().AsObject();
            saved.Remove("id");
            saved.Remove("wall_s");
            _store.PutDocument(key, saved.ToJsonString());
        }
        return new StoredReply(answer.Result, answer.Failure?.Detail, FromStore: false);
    }
}

/// <summary>A worker's reply (null when it gave none), why not, and whether it came from the store.</summary>
/// <param name="Result">The reply document.</param>
/// <param name="Failure">What went wrong when there is no reply.</param>
/// <param name="FromStore">True when replayed from the store.</param>
public readonly record struct StoredReply(JsonNode? Result, string? Failure, bool FromStore);
