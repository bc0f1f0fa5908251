using CsCheck;
using FastProcedures.Workflows.Clock;

namespace FastProcedures.Workflows.Tests.Clock;

public sealed class legal_clock_properties
{
    private static readonly Gen<DateTimeOffset> Instants =
        Gen.Long[new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(),
                 new DateTimeOffset(2035, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()]
            .Select(DateTimeOffset.FromUnixTimeSeconds);

    private static readonly Gen<string> Periods = Gen.OneOf(
        Gen.Int[1, 400].Select(n => $"P{n}D"),
        Gen.Int[1, 30].Select(n => $"P{n}W"),
        Gen.Int[1, 24].Select(n => $"P{n}M"),
        Gen.Int[1, 3].Select(n => $"P{n}Y"),
        Gen.Int[1, 300].Select(n => $"PT{n}H"));

    private static readonly Gen<string> Countries = Gen.OneOf("BG", "RO");

    [Fact]
    public void a_period_never_expires_before_it_starts() =>
        Gen.Select(Instants, Periods, Countries).Sample((from, period, country) =>
            LegalClock.Expiry(from, LegalPeriod.Parse(period), Calendars.Of(country)).ExpiresAt > from);

    [Fact]
    public void a_period_in_days_weeks_months_or_years_never_ends_on_a_non_working_day() =>
        Gen.Select(Instants, Periods.Where(p => !p.Contains('H')), Countries).Sample((from, period, country) =>
        {
            var calendar = Calendars.Of(country);
            var deadline = LegalClock.Expiry(from, LegalPeriod.Parse(period), calendar);
            return deadline.LastDay is { } last && calendar.IsWorkingDay(last);
        });

    [Fact]
    public void a_longer_period_never_expires_earlier() =>
        Gen.Select(Instants, Gen.Int[1, 200], Countries).Sample((from, days, country) =>
        {
            var calendar = Calendars.Of(country);
            return LegalClock.Expiry(from, LegalPeriod.Parse($"P{days + 1}D"), calendar).ExpiresAt
                >= LegalClock.Expiry(from, LegalPeriod.Parse($"P{days}D"), calendar).ExpiresAt;
        });

    [Fact]
    public void a_period_expires_at_local_midnight_unless_counted_in_hours() =>
        Gen.Select(Instants, Periods.Where(p => !p.Contains('H')), Countries).Sample((from, period, country) =>
        {
            var expiry = LegalClock.Expiry(from, LegalPeriod.Parse(period), Calendars.Of(country)).ExpiresAt;
            return expiry.TimeOfDay == TimeSpan.Zero;
        });
}
