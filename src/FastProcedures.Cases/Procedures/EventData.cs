using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using FastProcedures.Workflows;

namespace FastProcedures.Cases.Procedures;

/// <summary>
/// A case event as the engine sees it: its type name, and its scalar properties in snake_case (enum values in
/// kebab-case) for guards such as <c>outcome == 'rejected-unfounded'</c> or <c>covers_case == true</c>.
/// </summary>
public static class EventData
{
    private static readonly ConcurrentDictionary<Type, (string Name, PropertyInfo Property)[]> Fields = new();

    public static WorkflowEvent ToWorkflowEvent(object @event)
    {
        var data = new Dictionary<string, object?>();
        foreach (var (name, property) in Fields.GetOrAdd(@event.GetType(), ScalarFields))
        {
            data[name] = Scalar(property.GetValue(@event));
        }
        return new WorkflowEvent(@event.GetType().Name, data);
    }

    private static (string, PropertyInfo)[] ScalarFields(Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => IsScalar(Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType))
        .Select(p => (SnakeCase(p.Name), p))
        .ToArray();

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
        || type == typeof(DateTimeOffset) || type == typeof(DateOnly);

    private static object? Scalar(object? value) => value switch
    {
        Enum e => KebabCase(e.ToString()),
        DateOnly d => d.ToString("yyyy-MM-dd"),
        DateTimeOffset d => d.ToString("O"),
        _ => value,
    };

    /// <summary>Field names: words and numbers apart (<c>HeldOver72Hours</c> is <c>held_over_72_hours</c>).</summary>
    public static string SnakeCase(string name) => Separate(name, '_', numbers: true);

    public static string KebabCase(string name) => Separate(name, '-', numbers: false);

    private static string Separate(string name, char separator, bool numbers)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && (char.IsUpper(name[i]) || (numbers && char.IsDigit(name[i]) && char.IsLetter(name[i - 1]))))
            {
                text.Append(separator);
            }
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
