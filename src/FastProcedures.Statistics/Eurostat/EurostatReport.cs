using System.Text;
using FastProcedures.Statistics.Reading;

namespace FastProcedures.Statistics.Eurostat;

/// <summary>
/// The Eurostat tables of one reference period for one country, computed from the case events: monthly tables for
/// each month of the period (Art. 4(1)); quarterly tables when the period is a quarter (Art. 4(2)-(4), Art. 7).
/// </summary>
public sealed record EurostatReport(string Country, ReferencePeriod Period, IReadOnlyList<Table> Tables, IReadOnlyList<string> Notes)
{
    public Table this[string file] => Tables.Single(t => t.Definition.File == file || t.Definition.File == file + ".csv");

    public static EurostatReport Build(CaseBook book, ReferencePeriod period)
    {
        var tables = new List<Table>(AsylumTables.Monthly(book, period));
        var notes = new List<string>();
        if (period.Frequency == Frequency.Quarterly)
        {
            tables.AddRange(AsylumTables.Quarterly(book, period));
            tables.AddRange(ResponsibilityTables.Quarterly(book, period));
            tables.AddRange(ReturnTables.Quarterly(book, period));
        }
        else
        {
            notes.Add($"Quarterly tables (Art. 4(2)-(4), Art. 7) need a quarter: run with --period {period.Year}-Q{(period.Number + 2) / 3}.");
        }
        notes.Add("No use case records an explicit withdrawal yet: withdr=EXPL is not reported (Art. 4(1)(c)).");
        notes.Add("Incoming responsibility requests and transfers (migr_dubri, migr_dubti) and decisions on requests: no use case records them yet (Art. 4(4)).");
        notes.Add("Responsibility requests record no legal provision: leg_prov is UNK (Art. 4(4)(b)).");
        notes.Add("The destination of a return (country of origin, transit, other third country) and return assistance are not recorded (Art. 7(1)(b)).");
        notes.Add("Humanitarian status (HUMSTAT) is national law; no decision outcome records it, so it is not reported.");
        return new EurostatReport(book.Country, period, tables, notes);
    }

    /// <summary>One CSV per table and a README listing them, their legal basis and what is not reported.</summary>
    public IReadOnlyList<string> Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var (name, content) in Files())
        {
            var path = Path.Combine(directory, name);
            File.WriteAllText(path, content);
            written.Add(path);
        }
        return written;
    }

    /// <summary>The files of the report by name: one CSV per table, then <c>README.txt</c>; what <see cref="Write"/>
    /// writes to a folder and <c>GET /api/reports/eurostat</c> serves.</summary>
    public IReadOnlyList<(string Name, string Content)> Files()
    {
        var files = new List<(string, string)>();
        var readme = new StringBuilder();
        readme.Append($"Eurostat tables for {Country}, reference period {Period}, computed from the case events by FastProcedures.\n");
        readme.Append("OBS_VALUE is the figure as Eurostat publishes it (rounded to the nearest 5 where Eurostat rounds); UNROUNDED is the exact count.\n\n");
        foreach (var table in Tables)
        {
            files.Add((table.Definition.File, table.ToCsv()));
            readme.Append($"{table.Definition.File}: {table.Definition.Title}. {table.Definition.LegalBasis}. Counting: {table.Definition.Metadata}\n");
        }
        readme.Append('\n');
        foreach (var note in Notes)
        {
            readme.Append($"Not reported: {note}\n");
        }
        files.Add(("README.txt", readme.ToString()));
        return files;
    }
}
