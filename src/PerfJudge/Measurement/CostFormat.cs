using System.Globalization;

namespace PerfJudge.Measurement;

/// <summary>Costs as people read them: seconds scaled to s/ms/µs/ns with four significant digits,
/// counts with thousands separators; never an exponent such as <c>4.237E-05</c>.</summary>
public static class CostFormat
{
    /// <summary><paramref name="value"/> in <paramref name="unit"/> (a meter's unit), with its unit.</summary>
    public static string Format(double value, string unit)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return value.ToString(CultureInfo.InvariantCulture) + " " + unit;
        }
        if (unit != "s")
        {
            return value.ToString(Math.Abs(value) >= 100 ? "N0" : "0.###", CultureInfo.InvariantCulture) + " " + unit;
        }
        var abs = Math.Abs(value);
        var (scale, name) = abs >= 1 || abs == 0 ? (1.0, "s") : abs >= 1e-3 ? (1e3, "ms") : abs >= 1e-6 ? (1e6, "µs") : (1e9, "ns");
        return Significant(value * scale) + " " + name;
    }

    /// <summary>A ratio or other plain number with four significant digits and no exponent.</summary>
    public static string Plain(double value) => Significant(value);

    private static string Significant(double value)
    {
        var abs = Math.Abs(value);
        var decimals = abs == 0 ? 3 : Math.Clamp(3 - (int)Math.Floor(Math.Log10(abs)), 0, 9);
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
