using MudBlazor;

namespace FastProcedures.Host.Ui;

/// <summary>MudBlazor's theme with colours dark enough for WCAG AA contrast on white text.</summary>
public static class UiTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0d47a1",
            Secondary = "#4a148c",
            AppbarBackground = "#0d47a1",
            Error = "#b71c1c",
            Warning = "#8a4b00",
            Success = "#1b5e20",
            Info = "#01579b",
        },
    };
}
