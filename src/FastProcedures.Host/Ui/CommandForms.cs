using System.Reflection;
using System.Text.Json.Nodes;
using System.Security.Claims;
using FastProcedures.Host.Apis;
using FastProcedures.Host.Security;
using Microsoft.AspNetCore.Http;

namespace FastProcedures.Host.Ui;

public enum FieldKind { Text, Number, Decimal, Boolean, Date, DateTime, Choice }

/// <summary>An input of an action form: the path of the body field (<c>ReturnDecision.Reason</c>) and how to enter it.</summary>
public sealed record FormField(string Path, string Label, FieldKind Kind, bool Required, IReadOnlyList<string> Choices)
{
    public string InputName => "f." + Path;

    public string InputId(string action) => $"{action}-{Path.Replace('.', '-')}";
}

/// <summary>
/// The form of an API action, drawn from the command record the action carries (the API body is the command's fields,
/// the case id from the route, the version seen in If-Match): so a new command field shows up in the UI by itself.
/// </summary>
public static class CommandForms
{
    /// <summary>Taken by the API from the route, <c>If-Match</c> and the token, never typed in.</summary>
    private static readonly HashSet<string> NotInBody = ["CaseId", "ExpectedVersion", "Country"];

    /// <summary>The API's own action-to-command mapping (filled when its endpoints are mapped).</summary>
    public static CaseCommand? CommandFor(string action) => CaseCommands.All.FirstOrDefault(c => c.Action == action);

    /// <summary>Whether the signed-in person's role and unit may send the action (else the API answers 403).</summary>
    public static bool MayAct(string action, ClaimsPrincipal user) =>
        CommandFor(action) is { } command && command.Unit.MayAct(new Caller(
            user.Identity?.Name ?? "", user.FindFirstValue(ClaimTypes.Role) ?? "", user.FindFirstValue("tenant") ?? "",
            user.FindFirstValue("unit") is { Length: > 0 } unit ? unit : null));

    public static string Title(string action) => char.ToUpperInvariant(action[0]) + action[1..].Replace('-', ' ');

    /// <param name="opensCase">A command that opens a case names it in the body (<c>POST /api/cases</c>).</param>
    public static IReadOnlyList<FormField> Fields(string action, bool opensCase = false) =>
        CommandFor(action) is { } command
            ? FieldsOf(command.Type, "", opensCase ? NotInBody.Except(["CaseId"]).ToHashSet() : NotInBody)
                .Where(f => !(f.Kind == FieldKind.Text && !f.Path.Contains('.') && f.Path.EndsWith("By", StringComparison.Ordinal)))
                .ToList()
            : [];

    private static IEnumerable<FormField> FieldsOf(Type type, string prefix, IReadOnlySet<string> skip)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var nullability = new NullabilityInfoContext();
        foreach (var parameter in constructor.GetParameters())
        {
            var name = char.ToUpperInvariant(parameter.Name![0]) + parameter.Name[1..];
            if (skip.Contains(name))
            {
                continue;
            }
            var path = prefix + name;
            var nullable = Nullable.GetUnderlyingType(parameter.ParameterType) is not null
                           || nullability.Create(parameter).WriteState == NullabilityState.Nullable;
            var underlying = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            if (Kind(underlying) is { } kind)
            {
                var choices = underlying.IsEnum ? Enum.GetNames(underlying) : [];
                yield return new FormField(path, Label(path), kind, !nullable && kind != FieldKind.Boolean, choices);
            }
            else if (underlying.IsClass && underlying != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(underlying))
            {
                foreach (var inner in FieldsOf(underlying, path + ".", new HashSet<string>()))
                {
                    yield return inner with { Required = inner.Required && !nullable };
                }
            }
            else if (typeof(System.Collections.IEnumerable).IsAssignableFrom(underlying) && underlying != typeof(string))
            {
                yield return new FormField(path, Label(path) + " (one per line)", FieldKind.Text, false, ["list"]);
            }
        }
    }

    private static FieldKind? Kind(Type type) =>
        type == typeof(string) ? FieldKind.Text
        : type == typeof(int) || type == typeof(long) ? FieldKind.Number
        : type == typeof(decimal) || type == typeof(double) ? FieldKind.Decimal
        : type == typeof(bool) ? FieldKind.Boolean
        : type == typeof(DateOnly) ? FieldKind.Date
        : type == typeof(DateTimeOffset) || type == typeof(DateTime) ? FieldKind.DateTime
        : type.IsEnum ? FieldKind.Choice
        : null;

    /// <summary>The JSON body from the posted inputs (camelCase, nested objects for dotted paths); optional groups
    /// left empty are left out.</summary>
    public static JsonObject Body(IReadOnlyList<FormField> fields, IFormCollection form)
    {
        var body = new JsonObject();
        foreach (var field in fields)
        {
            var raw = form[field.InputName].ToString().Trim();
            if (field.Kind == FieldKind.Boolean)
            {
                Set(body, field.Path, JsonValue.Create(raw is "true" or "on"));
                continue;
            }
            if (raw.Length == 0)
            {
                continue;
            }
            JsonNode? value = field.Kind switch
            {
                FieldKind.Number when long.TryParse(raw, out var n) => JsonValue.Create(n),
                FieldKind.Decimal when decimal.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
                FieldKind.DateTime when DateTimeOffset.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var at) => JsonValue.Create(at),
                FieldKind.Text when field.Choices is ["list"] => new JsonArray(raw.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(line => (JsonNode?)JsonValue.Create(line)).ToArray()),
                _ => JsonValue.Create(raw), // the API reports what it cannot read as a 400 with the field
            };
            Set(body, field.Path, value);
        }
        return body;
    }

    private static void Set(JsonObject body, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var target = body;
        foreach (var part in parts[..^1])
        {
            var key = Camel(part);
            if (target[key] is not JsonObject inner)
            {
                inner = new JsonObject();
                target[key] = inner;
            }
            target = inner;
        }
        target[Camel(parts[^1])] = value;
    }

    /// <summary>The messages of a 400 that belong to a field, whatever casing or prefix the API gives its key.</summary>
    public static IEnumerable<string> ErrorsFor(ApiProblem? problem, FormField field)
    {
        if (problem is null)
        {
            return [];
        }
        var path = field.Path.Replace(".", "");
        return problem.Errors
            .Where(e => Normalise(e.Key) == Normalise(field.Path) || Normalise(e.Key).EndsWith(Normalise(path), StringComparison.Ordinal))
            .SelectMany(e => e.Value);
    }

    private static string Normalise(string key) => key.Replace("$.", "").Replace(".", "").Replace("-", "").ToLowerInvariant();

    private static string Label(string path)
    {
        var words = System.Text.RegularExpressions.Regex.Replace(path.Replace(".", " › "), "(?<=[a-z])(?=[A-Z])", " ");
        return char.ToUpperInvariant(words[0]) + words[1..].ToLowerInvariant().Replace("› ", "› ");
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
