using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace PerfJudge.Runners;

/// <summary>The 128-bit secret mixed into the seed of every generated input (the seed, the task
/// and the generator are public; without it a program could regenerate the measured inputs while
/// it is imported and look its answers up). Kept in a file of the trusted side, made on first use,
/// so the same seed gives the same inputs on this machine run after run; it reaches the worker's
/// checker only over its request pipe (<see cref="Python.PythonWorker"/>), never in argv or the
/// environment, and the file is never inside the sandbox (docs/security.md).</summary>
public sealed partial class InputSecret
{
    /// <summary>The variable naming the secret's file when <c>--input-secret</c> is not given.</summary>
    public const string EnvironmentVariable = "PERFJUDGE_INPUT_SECRET";

    private const int Bytes = 16;
    private readonly byte[] _secret;

    private InputSecret(string path, byte[] secret)
    {
        FilePath = path;
        _secret = secret;
    }

    /// <summary>The file the secret was read from.</summary>
    public string FilePath { get; }

    /// <summary>The secret as 32 lowercase hex digits: what the checker receives.</summary>
    public string Hex => Convert.ToHexStringLower(_secret);

    /// <summary>A public name of the secret (16 hex digits of a SHA-256 over it), for cache keys:
    /// replies measured on inputs of one secret are not replayed for another. Learning the secret
    /// from it means inverting SHA-256 over 128 random bits.</summary>
    public string Id => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes("perfjudge.input-secret/1\n" + Hex)))[..16];

    /// <summary>Made from given bytes (tests, a secret from elsewhere); nothing is written.</summary>
    public static InputSecret FromBytes(ReadOnlySpan<byte> secret, string path = "(memory)") =>
        secret.Length == Bytes ? new InputSecret(path, secret.ToArray()) : throw new ArgumentException($"an input secret is {Bytes} bytes", nameof(secret));

    /// <summary>The file to use: <paramref name="choice"/> (<c>--input-secret</c>), else
    /// <c>$PERFJUDGE_INPUT_SECRET</c>, else <c>$XDG_DATA_HOME/perfjudge/input-secret</c>, else
    /// <c>~/.local/share/perfjudge/input-secret</c>.</summary>
    public static string ResolvePath(string? choice = null)
    {
        if (!string.IsNullOrWhiteSpace(choice))
        {
            return Path.GetFullPath(choice);
        }
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } named)
        {
            return Path.GetFullPath(named);
        }
        return DefaultPath();
    }

    /// <summary>The per-user default: <c>$XDG_DATA_HOME/perfjudge/input-secret</c> when that is an
    /// absolute path (the XDG rule), else <c>~/.local/share/perfjudge/input-secret</c>.</summary>
    public static string DefaultPath()
    {
        var data = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(data) || !Path.IsPathRooted(data))
        {
            data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }
        return Path.Combine(data, "perfjudge", "input-secret");
    }

    /// <summary>Reads the secret from <paramref name="path"/>, creating the file first when there is
    /// none: random bytes written to a temporary name (mode 0600) and linked to the name, so two
    /// first uses at once both end up with the one that was linked first.</summary>
    /// <exception cref="InputSecretException">The file cannot be read or made, or is malformed.</exception>
    public static InputSecret LoadOrCreate(string path)
    {
        path = Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            Create(path);
        }
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.ASCII);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputSecretException($"input secret {path}: cannot read it: {ex.Message}");
        }
        var digits = text.EndsWith('\n') ? text[..^1] : text;
        if (digits.Length != 2 * Bytes || !digits.All(char.IsAsciiHexDigit))
        {
            throw new InputSecretException($"input secret {path}: malformed: expected {2 * Bytes} hex digits (128 bits) and " +
                $"at most a newline, found {text.Length} characters. Remove it to have a new one made, or write one with " +
                $"`openssl rand -hex {Bytes} > {path}; chmod 600 {path}`.");
        }
        if ((File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
        {
            throw new InputSecretException($"input secret {path}: readable by other users (mode " +
                $"{Convert.ToString((int)File.GetUnixFileMode(path), 8)}); a candidate running under another uid could read it: chmod 600 {path}");
        }
        return new InputSecret(path, Convert.FromHexString(digits));
    }

    private static void Create(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        var temp = Path.Combine(folder, $".input-secret.{Environment.ProcessId}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp");
        try
        {
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            using (var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            {
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Bytes)) + "\n"));
                stream.Flush(flushToDisk: true);
            }
            // link(2) fails with EEXIST when another process made the name first: then its secret is
            // the one everybody reads, ours is dropped. (rename would replace it.)
            if (link(temp, path) != 0 && Marshal.GetLastPInvokeError() is var errno && errno != EEXIST)
            {
                throw new InputSecretException($"input secret {path}: cannot create it: {Marshal.GetPInvokeErrorMessage(errno)}");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputSecretException($"input secret {path}: cannot create it: {ex.Message}");
        }
        finally
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
                // the folder could not be made: there is no temporary file
            }
        }
    }

    private const int EEXIST = 17;

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int link(string oldPath, string newPath);
}
