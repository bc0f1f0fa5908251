namespace FastProcedures.Workflows.Clock;

/// <summary>Orthodox Easter Sunday in the Gregorian calendar: the Julian computus (Meeus) plus 13 days, valid for
/// 1900-2099 (the Julian calendar is 13 days behind in that range).</summary>
public static class OrthodoxEaster
{
    public static DateOnly Sunday(int year)
    {
        if (year is < 1900 or > 2099)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "The Julian-to-Gregorian offset of 13 days holds for 1900-2099.");
        }
        var a = year % 4;
        var b = year % 7;
        var c = year % 19;
        var d = (19 * c + 15) % 30;
        var e = (2 * a + 4 * b - d + 34) % 7;
        var month = (d + e + 114) / 31;
        var day = (d + e + 114) % 31 + 1;
        return new DateOnly(year, month, day).AddDays(13);
    }
}
