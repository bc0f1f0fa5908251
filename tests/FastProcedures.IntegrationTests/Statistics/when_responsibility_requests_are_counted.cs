using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Cases.Reception.Screening;
using FastProcedures.Cases.Procedures;
using FastProcedures.IntegrationTests.Audit;
using FastProcedures.IntegrationTests.Infrastructure;
using FastProcedures.Statistics.Eurostat;
using FastProcedures.Statistics.Reading;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace FastProcedures.IntegrationTests.Statistics;

/// <summary>
/// Art. 4(4) tables. No use case records responsibility requests yet, so after the applications are made through the
/// commands, the requests, replies and transfers are appended as the AMMR definition expects them.
/// </summary>
public sealed class when_responsibility_requests_are_counted(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task a_person_requested_twice_in_a_quarter_is_counted_once_and_the_transfer_in_the_quarter_it_happened()
    {
        await using var host = await database.StartHostAsync();
        database.Clock.Set(DateTimeOffset.Parse("2027-01-05T10:00:00+02:00"));
        // X: an adult woman; Y: a boy of 16 screened as an unaccompanied minor.
        foreach (var (id, nationality, sex, born, eurodac, vulnerabilities) in new[]
                 {
                     ("RO-2027-820001", "SYR", "F", new DateOnly(1995, 1, 1), "EU-X", Array.Empty<string>()),
                     ("RO-2027-820002", "AFG", "M", new DateOnly(2010, 6, 1), "EU-Y", ["unaccompanied-minor"]),
                 })
        {
            await host.SendAsync("RO", new MakeApplication(id, "RO", ApplicationPlace.Territory, "Bucharest", nationality, false,
                new PersonalDetails("Requested Applicant", born, null, sex), "officer"));
            await host.SendAsync("RO", new StartScreening(id, null, "officer"));
            await host.SendAsync("RO", new TakeBiometrics(id, null, eurodac, "officer"));
            await host.SendAsync("RO", new CompleteScreening(id, null, true, true, vulnerabilities, SecurityCheckOutcome.Clear,
                ScreeningReferral.Asylum, "officer"));
        }
        await using (var session = host.Session("RO"))
        {
            session.Events.Append("RO-2027-820001",
                new TakeChargeRequestSent("RO-2027-820001", "AT", true, "officer", DateTimeOffset.Parse("2027-01-10T10:00:00+02:00")),
                new ResponsibilityReplyReceived("RO-2027-820001", ResponsibilityOutcome.Refused, "officer", DateTimeOffset.Parse("2027-01-20T10:00:00+02:00")),
                new TakeChargeRequestSent("RO-2027-820001", "AT", false, "officer", DateTimeOffset.Parse("2027-02-10T10:00:00+02:00")),
                new ResponsibilityReplyReceived("RO-2027-820001", ResponsibilityOutcome.Accepted, "officer", DateTimeOffset.Parse("2027-02-20T10:00:00+02:00")),
                new TransferExecuted("RO-2027-820001", "officer", DateTimeOffset.Parse("2027-04-02T10:00:00+03:00")));
            session.Events.Append("RO-2027-820002",
                new TakeBackNotificationSent("RO-2027-820002", "GRC", "officer", DateTimeOffset.Parse("2027-03-30T10:00:00+03:00")));
            await session.SaveChangesAsync();
        }
        var book = await CaseBook.LoadAsync(host.Services.GetRequiredService<IDocumentStore>(), "RO", WorkflowCatalog.Load().Calendar("RO").Zone);
        ReferencePeriod.TryParse("2027-Q1", out var q1);
        ReferencePeriod.TryParse("2027-Q2", out var q2);

        var first = EurostatReport.Build(book, q1);
        var second = EurostatReport.Build(book, q2);

        var requests = first["migr_dubro"];
        Assert.Equal(2, requests.Value(q1, "TOTAL", "TOTAL", "TOTAL", "T", "TOTAL"));
        Assert.Equal(1, requests.Value(q1, "AT", "TAKE_CHG", "TOTAL", "F", "ADULT"));
        Assert.Equal(1, requests.Value(q1, "EL", "TAKE_BCK", "UNK", "M", "UAM"));
        Assert.Equal(1, requests.Value(q1, "TOTAL", "TOTAL", "TOTAL", "T", "UAM"));
        Assert.Equal(0, requests.Value(q1, "TOTAL", "TOTAL", "TOTAL", "T", "ACM"));
        Assert.Equal(1, first["migr_dubro-eurodac"].Value(q1, "AT", "TAKE_CHG", "TOTAL", "F", "TOTAL"));
        Assert.Equal(0, first["migr_dubto"].Value(q1, "TOTAL", "T", "TOTAL"));
        Assert.Equal(1, second["migr_dubto"].Value(q2, "AT", "F", "ADULT"));
        Assert.Equal(0, second["migr_dubro"].Value(q2, "TOTAL", "TOTAL", "TOTAL", "T", "TOTAL"));
        Assert.Contains("ESTAT:MIGR_DUBRO(1.0),Q,PER,AT,TAKE_CHG,TOTAL,F,TOTAL,RO,2027-Q1,1,1", requests.ToCsv());
    }
}
