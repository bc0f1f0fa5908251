using System.Text.RegularExpressions;
using NCalc;

namespace FastProcedures.Workflows.Definitions;

/// <summary>
/// A transition or extension condition written in NCalc (e.g. <c>outcome == 'rejected'</c>), over the fields of the
/// event being decided. A field the event does not carry is null. Evaluation is deterministic and side-effect free.
/// </summary>
public sealed class Guard
{
    private Guard(string text, IReadOnlyList<string> parameters, LogicalExpression parsed)
    {
        Text = text;
        Parameters = parameters;
        _parsed = parsed;
    }

    /// <summary>Parsed once when the definition loads: the tree is immutable and each evaluation gets its own
    /// parameters, so a guard is evaluated without parsing its text again.</summary>
    private readonly LogicalExpression _parsed;

    public string Text { get; }
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>Longer guards are refused: real ones are a line, and NCalc parses and visits them recursively.</summary>
    public const int MaxLength = 500;

    /// <summary>More operators and brackets than this (outside quotes) are refused, for the same reason.</summary>
    public const int MaxOperators = 64;

    public static bool TryParse(string text, out Guard? guard, out string error)
    {
        guard = null;
        if (text.Length > MaxLength)
        {
            error = $"guard '{text[..40]}…' is longer than {MaxLength} characters";
            return false;
        }
        var operators = Regex.Replace(text, "'[^']*'|\"[^\"]*\"", "").Count(c => "+-*/%!<>=&|~^(?:".Contains(c));
        if (operators > MaxOperators)
        {
            error = $"guard '{(text.Length > 40 ? text[..40] + "…" : text)}' has more than {MaxOperators} operators and brackets";
            return false;
        }
        try
        {
            var expression = new Expression(text, ExpressionOptions.NoCache);
            if (expression.HasErrors())
            {
                error = $"guard '{text}' does not parse: {expression.Error?.Message}";
                return false;
            }
            guard = new Guard(text, expression.GetParameterNames(), expression.LogicalExpression!);
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
        var expression = new Expression(_parsed, ExpressionOptions.NoCache);
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
