using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PerfJudge.Server;

/// <summary>Builds the HTTP judge: Kestrel on the configured addresses (loopback by default), the
/// endpoints of docs/serve.md, the OpenAPI document, graceful shutdown.</summary>
public static class JudgeServer
{
    /// <summary>The application for <paramref name="service"/>; it owns the service from then on.</summary>
    public static WebApplication Build(ServerConfig config, JudgeService service)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(config.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = config.MaxBodyBytes);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(config.ShutdownSeconds));
        builder.Services.AddOpenApi();
        var app = builder.Build();
        var gate = new KeyGate(config.Keys);
        var admission = new Admission(config.Workers, config.QueueCapacity);
        var metrics = new ServerMetrics(() => admission.Waiting);
        var endpoints = new JudgeEndpoints(config, service, gate, admission, metrics);
        // Answers the framework gives without a body (415 for a body that is not declared JSON, 404 for
        // an unknown path, 405) get the service's error shape and a message that says what to do.
        app.UseStatusCodePages(async context =>
        {
            var (code, message) = context.HttpContext.Response.StatusCode switch
            {
                415 => ("unsupported_media_type", "send the body as JSON with Content-Type: application/json"),
                404 => ("not_found", $"no endpoint {context.HttpContext.Request.Path} (see /openapi/v1.json)"),
                405 => ("method_not_allowed", $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}"),
                var other => ("error", $"HTTP {other}"),
            };
            await Http.Error(context.HttpContext.Response.StatusCode, code, message).ExecuteAsync(context.HttpContext);
        });
        app.MapOpenApi("/openapi/v1.json");
        app.MapGet("/healthz", endpoints.Health);
        app.MapGet("/metrics", endpoints.MetricsAsync);
        app.MapGet("/v1/tasks", endpoints.ListTasks);
        app.MapGet("/v1/tasks/{**id}", endpoints.GetTask);
        app.MapPost("/v1/judge", (Delegate)endpoints.JudgeAsync).Accepts<JudgeInput>("application/json").Produces<JudgeOutput>()
            .Produces(400).Produces(401).Produces(404).Produces(413).Produces(429).Produces(504);
        app.MapPost("/v1/judge/batch", (Delegate)endpoints.BatchAsync).Accepts<BatchInput>("application/json").Produces<BatchOutput>()
            .Produces(400).Produces(401).Produces(413).Produces(429).Produces(504);
        app.MapPost("/run_code", (Delegate)endpoints.RunCodeAsync).Accepts<RunCodeInput>("application/json").Produces<RunCodeOutput>()
            .Produces(400).Produces(401).Produces(413).Produces(429).Produces(504);
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            gate.Dispose();
            service.DisposeAsync().AsTask().GetAwaiter().GetResult();
        });
        return app;
    }

    /// <summary>True when every address of <paramref name="urls"/> is a loopback one.</summary>
    public static bool LoopbackOnly(string urls) => urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .All(u => Uri.TryCreate(u.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            && (uri.IsLoopback || uri.Host == "localhost"));
}
