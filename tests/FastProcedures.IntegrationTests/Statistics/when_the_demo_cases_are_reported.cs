using FastProcedures.Host.Demo;
using FastProcedures.Cases.Procedures;
using FastProcedures.IntegrationTests.Infrastructure;
using FastProcedures.Statistics.Eurostat;
using FastProcedures.Statistics.Indicators;
using FastProcedures.Statistics.ProcessMining;
using FastProcedures.Statistics.Reading;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace FastProcedures.IntegrationTests.Statistics;

/// <summary>
/// The cases <c>serve --demo</c> seeds, reported for BG and RO. Counted by hand from <see cref="DemoSeeder"/>: per country
/// seven applications of seven persons within the last 90 days (none with sex recorded), three rejected at first
/// instance with a joint return decision, one appeal dismissed, and one irregular stay ordered to leave. (Nationalities are
/// drawn per run, so the cells are checked by totals.)
/// The demo's dates follow today, so the cells are summed over the months and quarters of the last 100 days.
/// </summary>
public sealed class when_the_demo_cases_are_reported(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task each_report_of_each_country_matches_the_hand_count_of_the_demo()
    {
        var clock = new DemoClock();
        await using var host = await database.StartHostAsync(opts => opts.Services.AddSingleton<TimeProvider>(clock));
        await new DemoSeeder(clock).SeedAsync(host.Services, CancellationToken.None);
        var store = host.Services.GetRequiredService<IDocumentStore>();

        foreach (var country in new[] { "BG", "RO" })
        {
            var zone = WorkflowCatalog.Load().Calendar(country).Zone;
            var book = await CaseBook.LoadAsync(store, country, zone);
            var today = SystemClock.Instance.GetCurrentInstant().InZone(zone).Date;
            var quarters = Enumerable.Range(0, 101).Select(d => today.PlusDays(-d))
                .Select(d => Period($"{d.Year}-Q{(d.Month + 2) / 3}")).Distinct().ToList();
            var reports = quarters.Select(q => EurostatReport.Build(book, q)).ToList();

            int Sum(string table, Func<Table, ReferencePeriod, int> cell) =>
                reports.Sum(r => r.Period.Months.Concat([r.Period]).Sum(p => cell(r[table], p)));

            Assert.Equal(7, Sum("migr_asyappctzm", (t, p) => p.Frequency == Frequency.Monthly ? t.Value(p, "TOTAL", "T", "TOTAL", "ASY_APP") : 0));
            Assert.Equal(7, Sum("migr_asyappctzm", (t, p) => p.Frequency == Frequency.Monthly ? t.Value(p, "TOTAL", "UNK", "TOTAL", "NASY_APP") : 0));
            Assert.Equal(0, Sum("migr_asyappctzm", (t, p) => p.Frequency == Frequency.Monthly ? t.Value(p, "TOTAL", "T", "TOTAL", "SASY_APP") : 0));
            Assert.Equal(3, Sum("migr_asydcfstq", (t, p) => p.Frequency == Frequency.Quarterly ? t.Value(p, "TOTAL", "T", "TOTAL", "REJECTED") : 0));
            Assert.Equal(0, Sum("migr_asydcfstq", (t, p) => p.Frequency == Frequency.Quarterly ? t.Value(p, "TOTAL", "T", "TOTAL", "TOTAL_POS") : 0));
            Assert.Equal(1, Sum("migr_asydcfina", (t, p) => p.Frequency == Frequency.Quarterly ? t.Value(p, "TOTAL", "T", "TOTAL", "REJECTED") : 0));
            Assert.Equal(4, Sum("migr_eiord", (t, p) => p.Frequency == Frequency.Quarterly ? t.Total(p) : 0));
            Assert.Equal(4, Sum("migr_eiord", (t, p) => p.Frequency == Frequency.Quarterly ? t.Value(p, "TOTAL", "UNK", "TOTAL") : 0));
            Assert.Equal(0, Sum("migr_eirtn", (t, p) => p.Frequency == Frequency.Quarterly ? t.Total(p) : 0));

            var months = quarters.SelectMany(q => q.Months).ToList();
            var eps = quarters.Select(q => EpsIndicators.Build(book, q)).ToList();
            var frontex = quarters.Select(q => FrontexIndicators.Build(book, q)).ToList();
            Assert.Equal(7, eps.Sum(t => months.Sum(m => t.Value(EpsIndicators.Applications, m))));
            Assert.Equal(3, eps.Sum(t => months.Sum(m => t.Value(EpsIndicators.Decisions, m))));
            Assert.Equal(0, eps.Sum(t => months.Sum(m => t.Value(EpsIndicators.Positive, m))));
            Assert.Equal(4, frontex.Sum(t => months.Sum(m => t.Value(FrontexIndicators.ReturnDecisions, m))));
            Assert.Equal(0, frontex.Sum(t => months.Sum(m => t.Value(FrontexIndicators.ForcedReturns, m) + t.Value(FrontexIndicators.VoluntaryReturns, m))));

            var log = ProcessLog.Build(country, book.Streams, today.PlusDays(-100).AtStartOfDayInZone(zone).ToDateTimeOffset(),
                DateTimeOffset.UtcNow.AddDays(1), new Pseudonyms());
            Assert.Equal(7, log.Cases.Count(c => c.Kind == ProcessLog.AsylumCase));
            Assert.Equal(4, log.Cases.Count(c => c.Kind == ProcessLog.ReturnCase));
        }
    }

    private static ReferencePeriod Period(string text) => ReferencePeriod.TryParse(text, out var p) ? p : throw new ArgumentException(text);
}
