using PerfJudge.Runners;

namespace PerfJudge.Tests.Runners;

/// <summary>The input secret's file: made on first use (0600, atomically, so concurrent first uses
/// agree), read back the same, and refused with the file's name when it is malformed, unreadable or
/// readable by others.</summary>
public sealed class InputSecretTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pj-secret-").FullName;

    private string PathIn(params string[] parts) => Path.Combine([_dir, .. parts]);

    [Fact]
    public void First_use_makes_a_private_file_of_32_hex_digits_and_later_uses_read_the_same()
    {
        var path = PathIn("sub", "perfjudge", "input-secret");
        var made = InputSecret.LoadOrCreate(path);
        Assert.Matches("^[0-9a-f]{32}\n$", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        Assert.Equal(File.ReadAllText(path).Trim(), made.Hex);
        Assert.Equal(made.Hex, InputSecret.LoadOrCreate(path).Hex);
        Assert.Equal(made.Id, InputSecret.LoadOrCreate(path).Id);
        Assert.DoesNotContain(made.Hex, made.Id, StringComparison.Ordinal);
        Assert.Equal(["input-secret"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Two_files_hold_two_secrets()
    {
        Assert.NotEqual(InputSecret.LoadOrCreate(PathIn("a")).Hex, InputSecret.LoadOrCreate(PathIn("b")).Hex);
        Assert.NotEqual(InputSecret.LoadOrCreate(PathIn("a")).Id, InputSecret.LoadOrCreate(PathIn("b")).Id);
    }

    [Fact]
    public async Task Concurrent_first_uses_all_get_the_one_secret_that_was_linked_first()
    {
        for (var trial = 0; trial < 5; trial++)
        {
            var path = PathIn("race" + trial, "input-secret");
            using var start = new Barrier(8);
            var secrets = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                return InputSecret.LoadOrCreate(path).Hex;
            })));
            Assert.Single(secrets.Distinct());
            Assert.Equal(secrets[0] + "\n", File.ReadAllText(path));
            Assert.Equal(["input-secret"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("0123456789abcdef")]
    [InlineData("0123456789abcdef0123456789abcdef00")]
    [InlineData("0123456789abcdef0123456789abcdeg")]
    [InlineData("0123456789abcdef0123456789abcdef\n\n")]
    [InlineData(" 0123456789abcdef0123456789abcdef")]
    public void A_malformed_file_is_an_error_naming_it(string content)
    {
        var path = PathIn("input-secret");
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var error = Assert.Throws<InputSecretException>(() => InputSecret.LoadOrCreate(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(path)); // never replaced behind the user's back
    }

    [Fact]
    public void A_secret_written_by_hand_in_capitals_is_read()
    {
        var path = PathIn("input-secret");
        File.WriteAllText(path, "0123456789ABCDEF0123456789ABCDEF");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal("0123456789abcdef0123456789abcdef", InputSecret.LoadOrCreate(path).Hex);
    }

    [Fact]
    public void A_file_others_may_read_is_refused()
    {
        var path = PathIn("input-secret");
        File.WriteAllText(path, "0123456789abcdef0123456789abcdef\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var error = Assert.Throws<InputSecretException>(() => InputSecret.LoadOrCreate(path));
        Assert.Contains("chmod 600 " + path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_that_is_a_folder_or_under_a_file_is_an_error_naming_it()
    {
        var folder = PathIn("a-folder");
        Directory.CreateDirectory(folder);
        Assert.Contains(folder, Assert.Throws<InputSecretException>(() => InputSecret.LoadOrCreate(folder)).Message, StringComparison.Ordinal);
        var file = PathIn("a-file");
        File.WriteAllText(file, "x");
        var under = Path.Combine(file, "input-secret");
        Assert.Contains(under, Assert.Throws<InputSecretException>(() => InputSecret.LoadOrCreate(under)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_path_given_wins_and_the_default_is_per_user()
    {
        Assert.Equal(PathIn("x"), InputSecret.ResolvePath(PathIn("x")));
        Assert.EndsWith(Path.Combine("perfjudge", "input-secret"), InputSecret.DefaultPath(), StringComparison.Ordinal);
        Assert.True(Path.IsPathRooted(InputSecret.DefaultPath()));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
