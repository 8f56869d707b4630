using PerfJudge.Metrics;

namespace PerfJudge.Reports;

/// <summary>A models file: the models compared in Pareto and compare reports (size, precision,
/// price) and any accelerator profiles beyond the built-in ones. Format in docs/models-file.md.</summary>
/// <param name="Accelerators">Profiles declared in the file (not the built-in ones).</param>
/// <param name="Models">The models, in file order.</param>
public sealed record ModelsFile(IReadOnlyList<AcceleratorProfile> Accelerators, IReadOnlyList<ModelSpec> Models)
{
    /// <summary>Built-in profiles plus the ones declared in the file.</summary>
    public AcceleratorCatalog Catalog => AcceleratorCatalog.BuiltIn.With(Accelerators);

    /// <summary>Parses YAML text; <paramref name="fileName"/> only labels error messages.</summary>
    /// <exception cref="ModelsFileException">The text is not a valid models file; every problem is listed.</exception>
    public static ModelsFile Parse(string yaml, string fileName = "models.yaml")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fileName);
        return new ModelsFileParser(fileName).Parse(yaml);
    }

    /// <summary>Reads and parses the file at <paramref name="path"/>; errors name the path as given.</summary>
    /// <exception cref="ModelsFileException">The file is not a valid models file.</exception>
    public static ModelsFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), path);
    }
}
