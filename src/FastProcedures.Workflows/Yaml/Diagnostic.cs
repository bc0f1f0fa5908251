namespace FastProcedures.Workflows.Yaml;

/// <summary>An error in a definition or data file, printed as <c>path/file.yaml:line:col: message</c>.</summary>
public sealed record Diagnostic(string File, int Line, int Column, string Message) : IComparable<Diagnostic>
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";

    public int CompareTo(Diagnostic? other) => other is null ? 1
        : (string.CompareOrdinal(File, other.File), Line.CompareTo(other.Line), Column.CompareTo(other.Column)) switch
        {
            (not 0 and var f, _, _) => f,
            (_, not 0 and var l, _) => l,
            (_, _, not 0 and var c) => c,
            _ => string.CompareOrdinal(Message, other.Message),
        };
}

/// <summary>Thrown when definitions or data fail to load; carries every error found, sorted.</summary>
public sealed class DefinitionException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception(string.Join(Environment.NewLine, diagnostics))
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}
