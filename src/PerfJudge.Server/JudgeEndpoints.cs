using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace PerfJudge.Server;

/// <summary>The handlers of the native API. Order of checks: key (401), body (400/413), request
/// (400/404), the key's rate (429), the bounded queue (429), then judging within the deadline (504).</summary>
public sealed class JudgeEndpoints(ServerConfig config, JudgeService service, KeyGate gate, Admission admission, ServerMetrics metrics)
{
    private readonly CodeRunService _code = new(service.Backend);

    /// <summary>Largest batch.</summary>
    public const int MaxBatch = 1000;

    /// <summary><c>GET /healthz</c>.</summary>
    public IResult Health() => Http.Ok(new
    {
        status = "ok",
        isolation = service.Runner.Isolation,
        runtime = service.Runner.Runtime,
        workers = service.Runner.Parallelism,
        queue = admission.Waiting,
        tasks = service.Tasks.Count,
    });

    /// <summary><c>GET /metrics</c> (Prometheus text).</summary>
    public async Task MetricsAsync(HttpContext context)
    {
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary><c>GET /v1/tasks</c>.</summary>
    public IResult ListTasks() => Http.Ok(service.Tasks.Values.Select(t => new
    {
        task_id = t.Task.TaskId, suite = t.Suite, entry_point = t.Task.EntryPoint, efficiency = t.Task.Efficiency is { Scored: true },
    }));

    /// <summary><c>GET /v1/tasks/{id}</c>.</summary>
    public IResult GetTask(string id) => service.Tasks.TryGetValue(id, out var t)
        ? Http.Ok(new
        {
            task_id = t.Task.TaskId, suite = t.Suite, entry_point = t.Task.EntryPoint, prompt = t.Task.Prompt,
            efficiency = t.Task.Efficiency is { Scored: true }, levels = t.Task.Efficiency?.Levels.Count ?? 0,
        })
        : Http.Error(404, "unknown_task", $"unknown task_id '{id}' (GET /v1/tasks lists the loaded tasks)");

    /// <summary><c>POST /v1/judge</c>.</summary>
    public Task<IResult> JudgeAsync(HttpContext context) => Measured("judge", context, async key =>
    {
        var (input, error) = await Http.ReadAsync<JudgeInput>(context.Request, context.RequestAborted);
        if (error is not null)
        {
            return error;
        }
        if (service.Check(input!) is { } problem)
        {
            return Http.Error(problem.Status, problem.Status == 404 ? "unknown_task" : "bad_request", problem.Message);
        }
        return await Admitted(key, 1, context, async cancel => Http.Ok(await JudgeOneAsync(input!, cancel)));
    });

    /// <summary><c>POST /v1/judge/batch</c>.</summary>
    public Task<IResult> BatchAsync(HttpContext context) => Measured("batch", context, async key =>
    {
        var (batch, error) = await Http.ReadAsync<BatchInput>(context.Request, context.RequestAborted);
        if (error is not null)
        {
            return error;
        }
        if (batch!.Requests.Count is 0 or > MaxBatch)
        {
            return Http.Error(400, "bad_request", $"'requests' must hold 1 to {MaxBatch} judgements");
        }
        var problems = batch.Requests.Select(r => service.Check(r)?.Message).ToList();
        var valid = problems.Count(p => p is null);
        return await Admitted(key, Math.Max(1, valid), context, async cancel =>
        {
            var results = await Task.WhenAll(batch.Requests.Select((r, i) =>
                problems[i] is null ? JudgeOneAsync(r, cancel)! : Task.FromResult<JudgeOutput?>(null)));
            return Http.Ok(new BatchOutput(results, problems));
        });
    });

    /// <summary><c>POST /run_code</c> (SandboxFusion's API).</summary>
    public Task<IResult> RunCodeAsync(HttpContext context) => Measured("run_code", context, async key =>
    {
        var (input, error) = await Http.ReadAsync<RunCodeInput>(context.Request, context.RequestAborted);
        if (error is not null)
        {
            return error;
        }
        if (CodeRunService.Check(input!) is { } problem)
        {
            return Http.Error(400, "bad_request", problem);
        }
        return await Admitted(key, 1, context, async cancel => Http.Ok(await _code.RunAsync(input!, cancel)));
    });

    private async Task<JudgeOutput?> JudgeOneAsync(JudgeInput input, CancellationToken cancel)
    {
        var output = await service.JudgeAsync(input, cancel);
        metrics.Verdicts.WithLabels(output.Verdict).Inc();
        return output;
    }

    private async Task<IResult> Admitted(string key, int units, HttpContext context, Func<CancellationToken, Task<IResult>> work)
    {
        var (ok, retry) = gate.TakeRate(key, units);
        if (!ok)
        {
            return Http.Error(429, "rate_limited", $"key '{key}' is over its requests per minute", retry);
        }
        if (!admission.TryEnter(units))
        {
            return Http.Error(429, "queue_full", $"the queue is full ({admission.Admitted} requests admitted); retry later", admission.RetryAfterSeconds);
        }
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            deadline.CancelAfter(TimeSpan.FromSeconds(config.DeadlineSeconds));
            try
            {
                using var permit = await gate.RunAsync(key, deadline.Token);
                return await work(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
            {
                return Http.Error(504, "deadline", $"not judged within the deadline of {config.DeadlineSeconds} s");
            }
        }
        finally
        {
            admission.Leave(units);
        }
    }

    private async Task<IResult> Measured(string endpoint, HttpContext context, Func<string, Task<IResult>> handle)
    {
        var clock = Stopwatch.StartNew();
        IResult result;
        var key = gate.Identify(Presented(context.Request));
        result = key is null
            ? Http.Error(401, "unauthorized", "a valid API key is required (Authorization: Bearer KEY, or X-API-Key)")
            : await handle(key);
        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? 200;
        metrics.Requests.WithLabels(endpoint, status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        metrics.Latency.WithLabels(endpoint).Observe(clock.Elapsed.TotalSeconds);
        return result;
    }

    private static string? Presented(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return auth["Bearer ".Length..].Trim();
        }
        var header = request.Headers["X-API-Key"].ToString();
        // A client that cannot set headers (verl's sandbox_fusion_url) may put the key in the URL.
        var query = request.Query["api_key"].ToString();
        return header.Length > 0 ? header : query.Length > 0 ? query : null;
    }
}
