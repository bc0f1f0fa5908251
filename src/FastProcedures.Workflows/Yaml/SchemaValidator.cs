using System.Text.Json;
using Json.Schema;

namespace FastProcedures.Workflows.Yaml;

/// <summary>Checks a <see cref="YamlSource"/> against a JSON Schema and reports each failure at its file:line:col.</summary>
public sealed partial class SchemaValidator
{
    private readonly JsonSchema _schema;

    private SchemaValidator(JsonSchema schema) => _schema = schema;

    /// <summary>A schema from its text; <paramref name="id"/> is its base URI.</summary>
    public static SchemaValidator FromText(string text, Uri id)
    {
        // Each schema gets its own registry, so building the same schema twice (tests, several registries) is harmless.
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        return new SchemaValidator(JsonSchema.FromText(text, options, id));
    }

    /// <summary>The engine's own schemas (<c>workflows/schema/</c>, embedded in the engine): the compilers read what
    /// they check, so a definition, calendar or data file is always checked against the shape the engine reads.</summary>
    public static SchemaValidator Workflow => Embedded("workflow.schema.json");

    public static SchemaValidator Calendar => Embedded("calendar.schema.json");

    /// <summary>The schema of a data file: <c>routing-rules.yaml</c> is checked by <c>routing-rules.schema.json</c>.</summary>
    public static SchemaValidator ForDataFile(string fileName) =>
        Embedded(fileName[..fileName.LastIndexOf('.')] + ".schema.json");

    private static SchemaValidator Embedded(string name)
    {
        using var stream = typeof(SchemaValidator).Assembly.GetManifestResourceStream("schema/" + name)
            ?? throw new InvalidOperationException($"The engine embeds no schema {name}.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return FromText(System.Text.Encoding.UTF8.GetString(bytes), new Uri("https://fastprocedures.eu/schema/" + name));
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
        var found = new List<(string Pointer, string Keyword, Diagnostic Diagnostic, bool InBranch)>();
        foreach (var detail in Flatten(results))
        {
            if (detail.Errors is null)
            {
                continue;
            }
            var pointer = detail.InstanceLocation.ToString().TrimStart('#');
            var path = detail.EvaluationPath.ToString();
            var inBranch = path.Contains("/oneOf/", StringComparison.Ordinal) || path.Contains("/anyOf/", StringComparison.Ordinal);
            foreach (var (keyword, message) in detail.Errors)
            {
                var diagnostic = keyword == "additionalProperties" || message.Contains("false schema")
                    ? source.AtKey(pointer, $"'{LastSegment(pointer)}' is not allowed here")
                    : keyword == "required"
                        ? source.At(pointer, $"{Describe(pointer)}missing {Missing(message)}")
                        : source.At(pointer, $"{Describe(pointer)}{message}");
                if (!found.Any(f => f.Diagnostic == diagnostic))
                {
                    found.Add((pointer, keyword, diagnostic, inBranch));
                }
            }
        }
        errors.AddRange(OneErrorPerMistake(found));
    }

    /// <summary>
    /// A value failing a oneOf/anyOf fails every branch; one mistake should read as one error. A missing property
    /// wanted by one branch is dropped when another branch found the problem inside the value. A type error where a
    /// branch of the value's own type found the real problem (at the value or inside it) is dropped; the type errors
    /// left at one place become one ("should be "string" or "array"").
    /// </summary>
    private static IEnumerable<Diagnostic> OneErrorPerMistake(List<(string Pointer, string Keyword, Diagnostic Diagnostic, bool InBranch)> found)
    {
        // A branch that wanted a property the value does not have lost to a branch that found a real problem inside.
        found = found.Where(f => !(f.Keyword == "required" && f.InBranch && found.Any(o =>
            o.Keyword is not ("required" or "type") && o.Pointer.StartsWith(f.Pointer + "/", StringComparison.Ordinal)))).ToList();
        foreach (var group in found.GroupBy(f => f.Pointer))
        {
            var pointer = group.Key;
            var types = group.Where(f => f.Keyword == "type").ToList();
            var deeper = found.Any(f => f.Keyword != "type"
                && (f.Pointer == pointer || f.Pointer.StartsWith(pointer + "/", StringComparison.Ordinal)));
            foreach (var other in group.Where(f => f.Keyword != "type"))
            {
                yield return other.Diagnostic;
            }
            if (types.Count == 0 || deeper)
            {
                continue;
            }
            var expected = types.Select(t => TypeError().Match(t.Diagnostic.Message))
                .Where(m => m.Success).Select(m => m.Groups[2].Value).Distinct().ToList();
            var actual = TypeError().Match(types[0].Diagnostic.Message);
            yield return types.Count == 1 || !actual.Success || expected.Count != types.Count
                ? types[0].Diagnostic
                : types[0].Diagnostic with
                {
                    Message = $"{Describe(pointer)}Value is \"{actual.Groups[1].Value}\" but should be " +
                              string.Join(" or ", expected.Select(e => $"\"{e}\"")),
                };
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("Value is \"(\\w+)\" but should be \"(\\w+)\"")]
    private static partial System.Text.RegularExpressions.Regex TypeError();

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
