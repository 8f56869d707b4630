using System.Globalization;

namespace PerfJudge.Reports;

/// <summary>Tick labels people read: no exponent notation (<c>6E-06</c> is <c>6×10⁻⁶</c>), speedups
/// as <c>1/8x</c> … <c>8x</c> rather than log2 exponents, long task lists labelled every n-th task.</summary>
public static class AxisLabels
{
    private const string Superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /// <summary>A number as a tick label: plain decimals between 0.001 and 10⁶, else m×10ⁿ.</summary>
    public static string Number(double value)
    {
        var abs = Math.Abs(value);
        if (abs == 0 || (abs >= 1e-3 && abs < 1e6))
        {
            return value.ToString("0.####", CultureInfo.InvariantCulture);
        }
        var exponent = (int)Math.Floor(Math.Log10(abs));
        var mantissa = value / Math.Pow(10, exponent);
        var power = "10" + (exponent < 0 ? "⁻" : "") + string.Concat(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture).Select(d => Superscripts[d - '0']));
        var m = Math.Round(mantissa, 2);
        return m == 1 ? power : m.ToString("0.##", CultureInfo.InvariantCulture) + "×" + power;
    }

    /// <summary>A speedup given as its log2: <c>1x</c>, <c>2x</c>, <c>1/4x</c>.</summary>
    public static string Speedup(double log2)
    {
        var n = (int)Math.Round(log2);
        return n >= 0 ? Math.Pow(2, n).ToString(CultureInfo.InvariantCulture) + "x" : "1/" + Math.Pow(2, -n).ToString(CultureInfo.InvariantCulture) + "x";
    }

    /// <summary>Whole powers of two covering <paramref name="low"/>..<paramref name="high"/> (log2 values), at least -1..1.</summary>
    public static double[] Log2Ticks(double low, double high)
    {
        var from = (int)Math.Floor(Math.Min(-1, low));
        var to = (int)Math.Ceiling(Math.Max(1, high));
        var step = Math.Max(1, (int)Math.Ceiling((to - from) / 8.0));
        return Enumerable.Range(0, (to - from) / step + 1).Select(i => (double)(from + i * step)).ToArray();
    }

    /// <summary>Task labels for a heatmap axis: the ids without their shared prefix (<c>HumanEval/</c>),
    /// every n-th of them when there are more than <paramref name="most"/>.</summary>
    public static string[] Tasks(IReadOnlyList<string> taskIds, int most = 40)
    {
        var prefix = taskIds.Count > 1 ? SharedPrefix(taskIds) : "";
        var every = Math.Max(1, (int)Math.Ceiling(taskIds.Count / (double)most));
        return taskIds.Select((t, i) => i % every == 0 ? Short(t[prefix.Length..]) : "").ToArray();
    }

    private static string SharedPrefix(IReadOnlyList<string> ids)
    {
        var prefix = ids[0];
        foreach (var id in ids)
        {
            var n = 0;
            while (n < prefix.Length && n < id.Length && prefix[n] == id[n])
            {
                n++;
            }
            prefix = prefix[..n];
        }
        // Cut after the last separator, so "demo/1-x" and "demo/2-y" keep "1-x", not "-x".
        var cut = prefix.LastIndexOfAny(['/', '_', '-', '.']);
        return cut < 0 ? "" : prefix[..(cut + 1)];
    }

    private static string Short(string label) => label.Length <= 24 ? label : label[..23] + "…";
}
