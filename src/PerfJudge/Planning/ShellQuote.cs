namespace PerfJudge.Planning;

/// <summary>POSIX shell quoting: every word single-quoted, so nothing in it is expanded.</summary>
public static class ShellQuote
{
    /// <summary><paramref name="word"/> as one shell word.</summary>
    public static string Word(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@%+".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>A bash array literal of <paramref name="words"/>: <c>(a 'b c')</c>.</summary>
    public static string Array(IEnumerable<string> words) => "(" + string.Join(" ", words.Select(Word)) + ")";
}
