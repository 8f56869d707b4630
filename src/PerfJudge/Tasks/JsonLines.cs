using System.IO.Compression;
using System.Text.Json;

namespace PerfJudge.Tasks;

/// <summary>Reads JSON Lines files, plain or gzip-compressed, keeping line numbers for errors.</summary>
public static class JsonLines
{
    /// <summary>One non-blank line: its 1-based number and parsed JSON, or the parse error.</summary>
    public readonly record struct Line(int Number, JsonElement? Value, string? Error);

    /// <summary>Opens a file for reading, decompressing when it ends in <c>.gz</c>.</summary>
    public static TextReader Open(string path)
    {
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }
        return new StreamReader(stream);
    }

    /// <summary>Enumerates the non-blank lines of a file.</summary>
    public static IEnumerable<Line> Read(string path)
    {
        using var reader = Open(path);
        var number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            JsonElement? value = null;
            string? error = null;
            try
            {
                using var doc = JsonDocument.Parse(text);
                value = doc.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                error = Describe(ex);
            }
            yield return new Line(number, value, error);
        }
    }

    /// <summary>The parser's message without its "LineNumber: 0 | BytePositionInLine: n" tail (the line
    /// number is the file's, given separately), with the column instead.</summary>
    private static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var tail = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (tail >= 0)
        {
            message = message[..tail];
        }
        var column = ex.BytePositionInLine is { } position
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $" at column {position + 1}")
            : "";
        return $"malformed JSON{column}: {message.TrimEnd()}";
    }

    /// <summary>Reads a required string field, or describes why it is not one.</summary>
    public static string? GetString(JsonElement obj, string field, out string? problem)
    {
        problem = null;
        if (!obj.TryGetProperty(field, out var value))
        {
            problem = $"missing field '{field}'";
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            problem = $"field '{field}' must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}";
            return null;
        }
        return value.GetString();
    }
}
