using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PerfJudge.Generation;

/// <summary>The samples file <c>generate</c> writes: one JSON line per finished sample, appended and
/// flushed as soon as the answer is in, so that a crash loses only requests in flight. On restart the
/// lines already there are counted per task and only the missing samples are asked for; a last line
/// cut by the crash is removed first.</summary>
public sealed class GeneratedSamplesFile : IDisposable
{
    // Samples are read by people too: keep code readable (quotes, <, >, backticks unescaped).
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly FileStream _stream;
    private readonly Lock _gate = new();

    private GeneratedSamplesFile(FileStream stream) => _stream = stream;

    /// <summary>Samples of the model already in the file, per task id.</summary>
    public IReadOnlyDictionary<string, int> Finished { get; private init; } = new Dictionary<string, int>();

    /// <summary>Bytes of a cut last line removed on opening (0 when the file ended cleanly).</summary>
    public long Repaired { get; private init; }

    /// <summary>Opens (or creates) <paramref name="path"/> for appending the samples of <paramref name="model"/>.</summary>
    public static GeneratedSamplesFile Open(string path, string model)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        var finished = new Dictionary<string, int>(StringComparer.Ordinal);
        var end = 0;
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != (byte)'\n')
            {
                continue;
            }
            Count(bytes.AsSpan(start, i - start), model, finished);
            start = i + 1;
            end = start;
        }
        // Whatever follows the last line break is a line the crash cut (a finished line ends with one).
        var repaired = bytes.Length - end;
        if (repaired > 0 && !Count(bytes.AsSpan(end), model, finished))
        {
            stream.SetLength(end);
        }
        else if (repaired > 0)
        {
            stream.Write("\n"u8);
            repaired = 0;
        }
        stream.Seek(0, SeekOrigin.End);
        return new GeneratedSamplesFile(stream) { Finished = finished, Repaired = repaired };
    }

    /// <summary>Appends one sample line and flushes it to the operating system.</summary>
    public void Append(JsonObject sample)
    {
        var line = Encoding.UTF8.GetBytes(sample.ToJsonString(Json) + "\n");
        lock (_gate)
        {
            _stream.Write(line);
            _stream.Flush(flushToDisk: false);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    private static bool Count(ReadOnlySpan<byte> line, string model, Dictionary<string, int> finished)
    {
        if (line.Trim(" \t\r"u8).IsEmpty)
        {
            return true;
        }
        try
        {
            if (JsonNode.Parse(line) is not JsonObject o || o["task_id"]?.GetValueKind() != JsonValueKind.String)
            {
                return false;
            }
            var lineModel = o["model"]?.GetValueKind() == JsonValueKind.String ? o["model"]!.GetValue<string>() : null;
            if (lineModel == model)
            {
                var task = o["task_id"]!.GetValue<string>();
                finished[task] = finished.GetValueOrDefault(task) + 1;
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
