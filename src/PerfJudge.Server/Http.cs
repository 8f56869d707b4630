using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace PerfJudge.Server;

/// <summary>JSON in and out, and errors in one shape: <c>{"error": {"code", "message"}}</c>.</summary>
public static class Http
{
    /// <summary>The service's JSON options: snake_case names, unknown fields refused, no trailing junk.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // A JSON API, not HTML: apostrophes and non-ASCII stay readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads the body as <typeparamref name="T"/>; on failure the error to answer.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, CancellationToken cancel) where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Json, cancel);
            return value is null ? (null, Error(400, "bad_request", "the body is JSON null; expected an object")) : (value, null);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 1 } path ? $" at {path}" : "";
            return (null, Error(400, "bad_json", $"malformed request body{where}: {ex.Message.Split(" Path:")[0]}"));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Error(413, "too_large", ex.Message));
        }
    }

    /// <summary>An error answer.</summary>
    public static IResult Error(int status, string code, string message, int? retryAfter = null) =>
        new ErrorResult(status, code, message, retryAfter);

    /// <summary>A JSON answer.</summary>
    public static IResult Ok<T>(T value) => Microsoft.AspNetCore.Http.Results.Json(value, Json);

    private sealed class ErrorResult(int status, string code, string message, int? retryAfter) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => status;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (retryAfter is { } seconds)
            {
                httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return Microsoft.AspNetCore.Http.Results.Json(new { error = new { code, message } }, Json, statusCode: status).ExecuteAsync(httpContext);
        }
    }
}
