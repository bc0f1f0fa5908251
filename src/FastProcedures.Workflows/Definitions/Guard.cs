using NCalc;

namespace FastProcedures.Workflows.Definitions;

/// <summary>
/// A transition or extension condition written in NCalc (e.g. <c>outcome == 'rejected'</c>), over the fields of the
/// event being decided. A field the event does not carry is null. Evaluation is deterministic and side-effect free.
/// </summary>
public sealed class Guard
{
    private Guard(string text, IReadOnlyList<string> parameters)
    {
        Text = text;
        Parameters = parameters;
    }

    public string Text { get; }
    public IReadOnlyList<string> Parameters { get; }

    public static bool TryParse(string text, out Guard? guard, out string error)
    {
        guard = null;
        try
        {
            var expression = new Expression(text, ExpressionOptions.NoCache);
            if (expression.HasErrors())
            {
                error = $"guard '{text}' does not parse: {expression.Error?.Message}";
                return false;
            }
            guard = new Guard(text, expression.GetParameterNames());
            error = "";
            return true;
        }
        catch (Exception e) when (e is NCalc.Exceptions.NCalcException or FormatException or InvalidOperationException)
        {
            error = $"guard '{text}' does not parse: {e.Message}";
            return false;
        }
    }

    public bool Holds(IReadOnlyDictionary<string, object?> data)
    {
        var expression = new Expression(Text, ExpressionOptions.NoCache);
        foreach (var name in Parameters)
        {
            expression.Parameters[name] = data.TryGetValue(name, out var value) ? Normalize(value) : null;
        }
        return expression.Evaluate() is true;
    }

    /// <summary>Enums and other values compare as text; numbers and booleans stay as they are.</summary>
    private static object? Normalize(object? value) => value switch
    {
        null or bool or int or long or double or decimal or string => value,
        Enum e => e.ToString(),
        DateOnly d => d.ToString("yyyy-MM-dd"),
        DateTimeOffset t => t,
        _ => value.ToString(),
    };
}
