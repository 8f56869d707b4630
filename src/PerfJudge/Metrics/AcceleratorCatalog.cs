using System.Diagnostics.CodeAnalysis;

namespace PerfJudge.Metrics;

/// <summary>Accelerator profiles by name (case-insensitive): the built-in ones plus any added.</summary>
public sealed class AcceleratorCatalog
{
    private readonly Dictionary<string, AcceleratorProfile> byName;

    /// <summary>Creates a catalog of <paramref name="profiles"/>.</summary>
    /// <exception cref="ArgumentException">Two profiles share a name, or a figure is not a positive
    /// finite number.</exception>
    public AcceleratorCatalog(IEnumerable<AcceleratorProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        byName = new Dictionary<string, AcceleratorProfile>(StringComparer.OrdinalIgnoreCase);
        foreach (var profile in profiles)
        {
            if (!IsPositive(profile.PeakFlops) || !IsPositive(profile.MemoryBandwidth))
            {
                throw new ArgumentException(
                    $"Accelerator '{profile.Name}': peak FLOP/s and memory bandwidth must be positive finite numbers.",
                    nameof(profiles));
            }
            if (!byName.TryAdd(profile.Name, profile))
            {
                throw new ArgumentException($"Accelerator '{profile.Name}' is defined more than once.", nameof(profiles));
            }
        }
    }

    /// <summary>The built-in profiles (see docs/idealized-runtime.md for their sources).</summary>
    public static AcceleratorCatalog BuiltIn { get; } = new([
        AcceleratorProfile.A100Sxm80GB, AcceleratorProfile.H100Sxm, AcceleratorProfile.L4, AcceleratorProfile.Rtx4090]);

    /// <summary>Known names, sorted.</summary>
    public IReadOnlyList<string> Names => byName.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>A new catalog with this one's profiles and <paramref name="extra"/> ones (names must
    /// not clash).</summary>
    public AcceleratorCatalog With(IEnumerable<AcceleratorProfile> extra) => new(byName.Values.Concat(extra));

    /// <summary>Looks a profile up; false when the name is unknown.</summary>
    public bool TryGet(string name, [MaybeNullWhen(false)] out AcceleratorProfile profile) => byName.TryGetValue(name, out profile);

    /// <summary>Looks a profile up by name, ignoring case.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known names.</exception>
    public AcceleratorProfile Get(string name) =>
        TryGet(name, out var profile)
            ? profile
            : throw new ArgumentException($"Unknown accelerator '{name}'; known: {string.Join(", ", Names)}.", nameof(name));

    internal static bool IsPositive(double value) => double.IsFinite(value) && value > 0;
}
