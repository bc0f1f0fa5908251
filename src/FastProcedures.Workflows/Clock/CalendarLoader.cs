using System.Globalization;
using System.Text.Json.Nodes;
using FastProcedures.Workflows.Sources;
using FastProcedures.Workflows.Yaml;
using NodaTime;

namespace FastProcedures.Workflows.Clock;

/// <summary>Loads country calendars (<c>workflows/calendars/*.yaml</c>), validated against
/// <c>workflows/schema/calendar.schema.json</c> (embedded); every error is reported at its file:line:col.</summary>
public static class CalendarLoader
{
    /// <summary>The calendar in force per country (<c>calendars/*.yaml</c>) and every version kept, the older ones in
    /// <c>calendars/versions/&lt;country&gt;/v&lt;n&gt;.yaml</c>, so a case counts with the version it recorded.</summary>
    public static (IReadOnlyDictionary<string, CountryCalendar> Current, IReadOnlyDictionary<(string Country, int Version), CountryCalendar> All)
        LoadVersions(WorkflowSources sources)
    {
        var errors = new List<Diagnostic>();
        var calendars = new Dictionary<string, CountryCalendar>(StringComparer.OrdinalIgnoreCase);
        var all = new Dictionary<(string, int), CountryCalendar>();
        var validator = SchemaValidator.Calendar;
        foreach (var file in sources.Calendars.OrderBy(f => f.FileName, StringComparer.Ordinal))
        {
            var calendar = Load(file, validator, errors);
            if (calendar is not null && !calendars.TryAdd(calendar.Country, calendar))
            {
                errors.Add(new Diagnostic(file.FileName, 1, 1, $"a second calendar for country {calendar.Country}"));
            }
            else if (calendar is not null)
            {
                all[(calendar.Country.ToUpperInvariant(), calendar.Version)] = calendar;
            }
        }
        foreach (var file in sources.CalendarVersions.OrderBy(f => f.FileName, StringComparer.Ordinal))
        {
            if (Load(file, validator, errors) is not { } calendar)
            {
                continue;
            }
            var key = (calendar.Country.ToUpperInvariant(), calendar.Version);
            if (!all.TryAdd(key, calendar))
            {
                errors.Add(new Diagnostic(file.FileName, 1, 1,
                    $"calendar {calendar.Country} version {calendar.Version} is defined twice: give the change a new version"));
            }
            else if (calendars.TryGetValue(calendar.Country, out var current) && calendar.Version >= current.Version)
            {
                errors.Add(new Diagnostic(file.FileName, 1, 1,
                    $"calendar {calendar.Country} version {calendar.Version} is kept as an old version but calendars/ has version {current.Version}"));
            }
        }
        if (errors.Count > 0)
        {
            errors.Sort();
            throw new DefinitionException(errors);
        }
        return (calendars, all);
    }

    /// <summary>One calendar, checked against the engine's <c>calendar.schema.json</c>.</summary>
    public static CountryCalendar? Load(DefinitionSource file, List<Diagnostic> errors) => Load(file, SchemaValidator.Calendar, errors);

    public static CountryCalendar? Load(string file, string text, List<Diagnostic> errors) => Load(new DefinitionSource(file, text), errors);

    private static CountryCalendar? Load(DefinitionSource file, SchemaValidator validator, List<Diagnostic> errors)
    {
        var before = errors.Count;
        var source = YamlSource.Parse(file, errors);
        validator.Validate(source, errors);
        if (errors.Count > before || source.Root is not JsonObject root)
        {
            return null;
        }

        var zoneId = (string)root["time-zone"]!;
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) is null)
        {
            errors.Add(source.At("/time-zone", $"'{zoneId}' is not an IANA time zone"));
        }
        var rules = new List<HolidayRule>();
        var holidays = (JsonArray)root["holidays"]!;
        for (var i = 0; i < holidays.Count; i++)
        {
            var h = (JsonObject)holidays[i]!;
            int? month = null, day = null;
            if (h["date"] is { } date)
            {
                var parts = ((string)date!).Split('-');
                (month, day) = (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
                if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(2024, month.Value))
                {
                    errors.Add(source.At($"/holidays/{i}/date", $"'{date}' is not a day of the year"));
                    continue;
                }
            }
            rules.Add(new HolidayRule((string)h["name"]!, month, day, (int?)h["easter-offset"],
                (bool?)h["weekend-shift"] ?? false, (int?)h["from-year"], (int?)h["until-year"]));
        }
        var daysOff = Days(source, root, "extra-days-off", errors);
        var workingDays = Days(source, root, "extra-working-days", errors);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in root["parameters"] as JsonObject ?? [])
        {
            var period = (string)value!;
            if (!LegalPeriod.TryParse(period, false, out _, out var error))
            {
                errors.Add(source.At($"/parameters/{name}", error));
            }
            parameters[name] = period;
        }
        if (errors.Count > before)
        {
            return null;
        }
        return new CountryCalendar((string)root["country"]!, (int)root["version"]!, zoneId, source.CanonicalSha256(),
            rules, daysOff, workingDays, parameters)
        {
            ParameterSources = parameters.Keys.ToDictionary(name => name, name => source.At("/parameters/" + name, "")),
            DecreedDaysOffArePublicHolidays = (bool?)root["decreed-days-off-are-public-holidays"] ?? true,
        };
    }

    private static Dictionary<DateOnly, string> Days(YamlSource source, JsonObject root, string key, List<Diagnostic> errors)
    {
        var days = new Dictionary<DateOnly, string>();
        foreach (var (text, reason) in root[key] as JsonObject ?? [])
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                days[day] = (string?)reason ?? key;
            }
            else
            {
                errors.Add(source.AtKey($"/{key}/{text}", $"'{text}' is not a date"));
            }
        }
        return days;
    }
}
