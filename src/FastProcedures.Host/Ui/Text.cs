namespace FastProcedures.Host.Ui;

/// <summary>The caseworker screens' texts: English in the code, Bulgarian and Romanian in Text.bg.resx, Text.ro.resx.</summary>
public sealed class Text;
