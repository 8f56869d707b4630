using System.Globalization;
using PerfJudge.Metrics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PerfJudge.Reports;

/// <summary>Walks the YAML tree of a models file, collecting every error with its line.</summary>
internal sealed class ModelsFileParser(string fileName)
{
    private static readonly string[] AcceleratorFields = ["name", "peak_flops", "memory_bandwidth"];
    private static readonly string[] ModelFields = ["name", "parameters", "bytes_per_parameter", "price_per_1m_tokens", "accelerator"];

    private readonly List<ModelsFileError> errors = [];
    private readonly HashSet<string> acceleratorNames = new(AcceleratorCatalog.BuiltIn.Names, StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> modelNames = new(StringComparer.Ordinal);

    public ModelsFile Parse(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ModelsFileException([new ModelsFileError(fileName, e.Start.Line, null, e.Message)]);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var line = stream.Documents.Count == 0 ? 1 : stream.Documents[0].RootNode.Start.Line;
            throw new ModelsFileException([new ModelsFileError(fileName, line, null, "expected a mapping with 'models' (and optionally 'accelerators')")]);
        }
        CheckKeys(root, ["accelerators", "models"]);
        var accelerators = Items(root, "accelerators", required: false).Select(Accelerator).OfType<AcceleratorProfile>().ToList();
        var models = Items(root, "models", required: true).Select(Model).OfType<ModelSpec>().ToList();
        return errors.Count > 0 ? throw new ModelsFileException(errors.OrderBy(e => e.Line).ToList()) : new ModelsFile(accelerators, models);
    }

    private List<YamlMappingNode> Items(YamlMappingNode root, string key, bool required)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            if (required)
            {
                Error(root, key, "missing");
            }
            return [];
        }
        if (node is not YamlSequenceNode sequence || (required && sequence.Children.Count == 0))
        {
            Error(node, key, required ? "must be a non-empty list" : "must be a list");
            return [];
        }
        var items = sequence.Children.OfType<YamlMappingNode>().ToList();
        foreach (var other in sequence.Children.Where(c => c is not YamlMappingNode))
        {
            Error(other, key, "each entry must be a mapping");
        }
        return items;
    }

    private AcceleratorProfile? Accelerator(YamlMappingNode node)
    {
        CheckKeys(node, AcceleratorFields);
        var name = UniqueName(node, acceleratorNames, "accelerator", "(built-in or earlier in the file)");
        var flops = Number(node, "peak_flops", required: true, allowZero: false);
        var bandwidth = Number(node, "memory_bandwidth", required: true, allowZero: false);
        return name is null || flops is null || bandwidth is null ? null : new AcceleratorProfile(name, flops.Value, bandwidth.Value);
    }

    private ModelSpec? Model(YamlMappingNode node)
    {
        CheckKeys(node, ModelFields);
        var name = UniqueName(node, modelNames, "model", "earlier in the file");
        var parameters = Number(node, "parameters", required: true, allowZero: false);
        var bytes = Number(node, "bytes_per_parameter", required: true, allowZero: false);
        var price = Number(node, "price_per_1m_tokens", required: false, allowZero: true);
        var accelerator = Text(node, "accelerator", required: false);
        if (accelerator is not null && !acceleratorNames.Contains(accelerator))
        {
            Error(node.Children[new YamlScalarNode("accelerator")], "accelerator",
                $"unknown accelerator '{accelerator}'; known: {string.Join(", ", acceleratorNames.Order(StringComparer.Ordinal))}");
        }
        return name is null || parameters is null || bytes is null
            ? null
            : new ModelSpec(name, parameters.Value, bytes.Value, price, accelerator);
    }

    private string? UniqueName(YamlMappingNode node, HashSet<string> seen, string kind, string where)
    {
        var name = Text(node, "name", required: true);
        if (name is not null && !seen.Add(name))
        {
            Error(node.Children[new YamlScalarNode("name")], "name", $"{kind} '{name}' is already defined {where}");
            return null;
        }
        return name;
    }

    private string? Text(YamlMappingNode node, string field, bool required)
    {
        if (!node.Children.TryGetValue(new YamlScalarNode(field), out var value))
        {
            if (required)
            {
                Error(node, field, "missing");
            }
            return null;
        }
        if (value is not YamlScalarNode { Value: { Length: > 0 } text } || string.IsNullOrWhiteSpace(text))
        {
            Error(value, field, "must be a non-empty string");
            return null;
        }
        return text;
    }

    private double? Number(YamlMappingNode node, string field, bool required, bool allowZero)
    {
        var text = Text(node, field, required);
        if (text is null)
        {
            return null;
        }
        var ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && (value > 0 || (allowZero && value == 0));
        if (!ok)
        {
            Error(node.Children[new YamlScalarNode(field)], field, allowZero ? "must be a non-negative number" : "must be a positive number");
        }
        return ok ? value : null;
    }

    private void CheckKeys(YamlMappingNode node, string[] known)
    {
        foreach (var key in node.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name } || !known.Contains(name, StringComparer.Ordinal))
            {
                Error(key, (key as YamlScalarNode)?.Value ?? "?", $"unknown field; expected one of {string.Join(", ", known)}");
            }
        }
    }

    private void Error(YamlNode node, string field, string message) =>
        errors.Add(new ModelsFileError(fileName, node.Start.Line, field, message));
}
