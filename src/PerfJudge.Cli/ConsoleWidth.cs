using System.Globalization;

namespace PerfJudge.Cli;

/// <summary>The width tables are laid out for when standard output is not a terminal.</summary>
public static class ConsoleWidth
{
    /// <summary>Width used when output is redirected and COLUMNS is unset.</summary>
    public const int Redirected = 200;

    /// <summary>COLUMNS when it is a sensible number (20 to 1000), else <see cref="Redirected"/>.</summary>
    public static int ForRedirected(string? columns) =>
        int.TryParse(columns, NumberStyles.None, CultureInfo.InvariantCulture, out var width) && width is >= 20 and <= 1000
            ? width
            : Redirected;
}
