using System.Reflection;
using Spectre.Console.Cli;

namespace FastProcedures.Cli;

/// <summary>
/// Refuses an option given without its value (<c>replay X --as-of</c> at the end of the line). Spectre.Console.Cli
/// then fills the option with its internal default-command name instead of failing; this names the option instead.
/// </summary>
internal sealed class OptionValues : ICommandInterceptor
{
    private const string SpectreDefaultCommand = "__default_command";

    /// <summary>Spectre's conversion failure names .NET types ("Failed to convert 'x' to Nullable`1."); users get the value.</summary>
    public static string Describe(Exception exception) =>
        System.Text.RegularExpressions.Regex.Match(exception.Message, "^Failed to convert '(.*)' to ([A-Za-z0-9`]+)") is { Success: true } m
            ? m.Groups[1].Value == SpectreDefaultCommand
                ? "an option is given without its value."
                : $"'{m.Groups[1].Value}' is not a valid {(m.Groups[2].Value is "Int32" or "Int64" or "Nullable`1" ? "number" : "value")}."
            : exception.Message.ReplaceLineEndings(" ");

    public void Intercept(CommandContext context, CommandSettings settings)
    {
        foreach (var property in settings.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<CommandOptionAttribute>() is not { } option)
            {
                continue;
            }
            var missing = property.GetValue(settings) switch
            {
                string value => value == SpectreDefaultCommand,
                string[] values => values.Contains(SpectreDefaultCommand),
                _ => false,
            };
            if (missing)
            {
                var name = option.LongNames.FirstOrDefault() is { } longName ? "--" + longName : "-" + option.ShortNames.FirstOrDefault();
                throw new UsageException($"{name} needs a value.");
            }
        }
    }

    public void InterceptResult(CommandContext context, CommandSettings settings, ref int result)
    {
    }
}

/// <summary>Bad usage found outside Spectre's parser: one line and exit 2, like a parse error.</summary>
internal sealed class UsageException(string message) : Exception(message);
