using FastProcedures.Statistics.Eurostat;
using NodaTime;

namespace FastProcedures.IntegrationTests.Statistics;

/// <summary>The pure counting rules at their edges: completed years, age groups, periods, rounding, country codes.</summary>
public sealed class when_ages_periods_and_codes_are_worked_out
{
    [Theory]
    [InlineData("2009-03-15", "2027-03-14", 17)]
    [InlineData("2009-03-15", "2027-03-15", 18)]   // 18 on the birthday itself
    [InlineData("2008-02-29", "2026-02-27", 17)]   // born on 29 February: 18 on 28 February in a common year
    [InlineData("2008-02-29", "2026-02-28", 18)]   // (unconfirmed, docs/legal-notes.md)
    public void age_is_counted_in_completed_years_on_the_day(string born, string on, int age) =>
        Assert.Equal(age, Codes.AgeOn(DateOnly.Parse(born), LocalDate.FromDateTime(DateTime.Parse(on))));

    [Fact]
    public void an_unknown_or_future_date_of_birth_gives_no_age()
    {
        Assert.Null(Codes.AgeOn(null, new LocalDate(2027, 1, 1)));
        Assert.Null(Codes.AgeOn(new DateOnly(2028, 1, 1), new LocalDate(2027, 1, 1)));
    }

    [Theory]
    [InlineData(13, "Y_LT14", true)]
    [InlineData(14, "Y14-17", true)]
    [InlineData(17, "Y14-17", true)]
    [InlineData(18, "Y18-34", false)]
    [InlineData(34, "Y18-34", false)]
    [InlineData(35, "Y35-64", false)]
    [InlineData(64, "Y35-64", false)]
    [InlineData(65, "Y_GE65", false)]
    public void each_age_falls_in_one_eurostat_group_and_minors_also_in_y_lt18(int age, string group, bool minor)
    {
        var codes = Codes.AgeGroup(age);

        Assert.Contains("TOTAL", codes);
        Assert.Contains(group, codes);
        Assert.Equal(minor, codes.Contains("Y_LT18"));
        Assert.Equal(["TOTAL", "UNK"], Codes.AgeGroup(null));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 5)]
    [InlineData(7, 5)]
    [InlineData(8, 10)]
    [InlineData(1591, 1590)]
    [InlineData(1593, 1595)]
    public void published_values_are_rounded_to_the_nearest_five(int exact, int published) =>
        Assert.Equal(published, Codes.RoundToFive(exact));

    [Theory]
    [InlineData("SYR", "SY")]
    [InlineData("GRC", "EL")]
    [InlineData("GBR", "UK")]
    [InlineData("XKX", "XK")]
    [InlineData("XXX", "STLS")]
    [InlineData("QQQ", "UNK")]
    public void citizenship_takes_eurostats_country_codes(string alpha3, string code) => Assert.Equal(code, Codes.Citizen(alpha3));

    [Theory]
    [InlineData("AT", "AT")]
    [InlineData("GR", "EL")]
    [InlineData("DEU", "DE")]
    [InlineData("Austria", "UNK")]
    public void a_partner_state_takes_eurostats_code(string recorded, string code) => Assert.Equal(code, ResponsibilityTables.Partner(recorded));

    [Fact]
    public void a_quarter_is_its_three_months_and_ends_on_its_last_day()
    {
        Assert.True(ReferencePeriod.TryParse("2026-Q4", out var q4));

        Assert.Equal(["2026-10", "2026-11", "2026-12"], q4.Months.Select(m => m.ToString()));
        Assert.Equal(new LocalDate(2026, 12, 31), q4.LastDay);
        Assert.True(q4.Contains(new LocalDate(2026, 10, 1)));
        Assert.False(q4.Contains(new LocalDate(2027, 1, 1)));
        Assert.True(ReferencePeriod.TryParse("2026-02", out var february));
        Assert.Equal(new LocalDate(2026, 2, 28), february.LastDay);
        Assert.False(ReferencePeriod.TryParse("2026-00", out _));
        Assert.False(ReferencePeriod.TryParse("2026-Q0", out _));
        Assert.False(ReferencePeriod.TryParse("26-10", out _));
    }
}
