using System.Text.Json;
using Json.Schema;

namespace FastProcedures.Workflows.Yaml;

/// <summary>Checks a <see cref="YamlSource"/> against a JSON Schema and reports each failure at its file:line:col.</summary>
public sealed class SchemaValidator
{
    private readonly JsonSchema _schema;

    private SchemaValidator(JsonSchema schema) => _schema = schema;

    public static SchemaValidator FromFile(string schemaFile)
    {
        var text = File.ReadAllText(schemaFile);
        // Each schema gets its own registry, so loading the same file twice (tests, several registries) is harmless.
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        return new SchemaValidator(JsonSchema.FromText(text, options, new Uri(Path.GetFullPath(schemaFile))));
    }

    public void Validate(YamlSource source, List<Diagnostic> errors)
    {
        if (source.Root is null)
        {
            return;
        }
        using var document = JsonDocument.Parse(source.Root.ToJsonString());
        var results = _schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        if (results.IsValid)
        {
            return;
        }
        var found = new HashSet<string>();
        foreach (var detail in Flatten(results))
        {
            if (detail.Errors is null)
            {
                continue;
            }
            var pointer = detail.InstanceLocation.ToString().TrimStart('#');
            foreach (var (keyword, message) in detail.Errors)
            {
                var diagnostic = keyword == "additionalProperties" || message.Contains("false schema")
                    ? source.AtKey(pointer, $"'{LastSegment(pointer)}' is not allowed here")
                    : keyword == "required"
                        ? source.At(pointer, $"{Describe(pointer)}missing {Missing(message)}")
                        : source.At(pointer, $"{Describe(pointer)}{message}");
                if (found.Add(diagnostic.ToString()))
                {
                    errors.Add(diagnostic);
                }
            }
        }
    }

    /// <summary>The failing nodes only: errors inside a oneOf/anyOf branch that another branch satisfied are noise.</summary>
    private static IEnumerable<EvaluationResults> Flatten(EvaluationResults results)
    {
        if (results.IsValid)
        {
            yield break;
        }
        yield return results;
        foreach (var detail in results.Details ?? [])
        {
            foreach (var nested in Flatten(detail))
            {
                yield return nested;
            }
        }
    }

    /// <summary>"missing legal-basis (...)": a timer or extension without its legal basis is refused.</summary>
    private static string Missing(string message)
    {
        var names = System.Text.RegularExpressions.Regex.Matches(message, "\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        var text = names.Count == 0 ? message : string.Join(", ", names);
        return names.Contains("legal-basis") ? text + " (every timer and extension must cite its regulation and article)" : text;
    }

    private static string LastSegment(string pointer) =>
        pointer[(pointer.LastIndexOf('/') + 1)..].Replace("~1", "/").Replace("~0", "~");

    private static string Describe(string pointer) => pointer.Length == 0 ? "" : $"{pointer}: ";
}
