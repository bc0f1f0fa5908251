using Alba;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Asylum.Appeals;
using FastProcedures.Cases.Asylum.Examining;
using FastProcedures.Cases.Asylum.IssuingDecision;
using FastProcedures.Cases.Audit.ErasingPersonalData;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Cases.Reception.Registering;
using FastProcedures.Cases.Reception.Screening;
using FastProcedures.Cases.Return.ExecutingRemoval;
using FastProcedures.Cases.Return.OpeningReturnCase;
using FastProcedures.Cases.Return.SchedulingRemoval;
using FastProcedures.Cases.Return.VoluntaryDeparture;
using FastProcedures.Cases.Procedures;
using FastProcedures.IntegrationTests.Infrastructure;
using FastProcedures.Statistics.Reading;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace FastProcedures.IntegrationTests.Statistics;

/// <summary>
/// A small set of Bulgarian cases in 2027, made through the commands units send, whose statistics are counted by hand
/// in the tests. Every counting rule meets its edge here:
/// <list type="bullet">
/// <item>A (SYR, F, born 1990): two applications in March (same Eurodac reference), the first in the accelerated procedure.</item>
/// <item>B (AFG, M, born 15 March 2009): an unaccompanied minor who applies in February at 17 and is granted subsidiary
/// protection on 25 March, at 18.</item>
/// <item>C (MAR, M, born 1980): applies in January in the border procedure, rejected on 10 March with a joint return
/// decision, appeal dismissed on 8 April, removed on 15 April, applies again on 20 April (a subsequent application).</item>
/// <item>D (IRQ): applies on 5 March; the data protection officer erases the person's data: sex and age unknown.</item>
/// <item>E (TUN): an irregular stay, ordered to leave on 1 February, departs voluntarily on 10 February.</item>
/// <item>F (PAK): an irregular stay, ordered to leave on 1 March with 7 days to depart; nobody organises the removal.</item>
/// </list>
/// </summary>
public sealed class StatisticsCases : DatabaseFixture
{
    public const string A1 = "BG-2027-810001";
    public const string A2 = "BG-2027-810002";
    public const string B = "BG-2027-810003";
    public const string C1 = "BG-2027-810004";
    public const string C2 = "BG-2027-810005";
    public const string D = "BG-2027-810006";
    public const string E = "BG-2027-810007";
    public const string F = "BG-2027-810008";

    public IAlbaHost Host { get; private set; } = null!;

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Host = await StartHostAsync();
        await ApplyAsync(A1, "2027-03-03T10:00:00+02:00", "SYR", ApplicationPlace.Territory, new PersonalDetails("Amina A", new DateOnly(1990, 1, 1), null, "F"), "EURODAC-A");
        await RegisterAsync(A1, "2027-03-04T10:00:00+02:00", "accelerated-procedure");
        await ApplyAsync(A2, "2027-03-20T10:00:00+02:00", "SYR", ApplicationPlace.Territory, new PersonalDetails("Amina A", new DateOnly(1990, 1, 1), null, "F"), "EURODAC-A");

        await ApplyAsync(B, "2027-02-10T10:00:00+02:00", "AFG", ApplicationPlace.Territory, new PersonalDetails("Bashir B", new DateOnly(2009, 3, 15), null, "M"), "EURODAC-B",
            ["unaccompanied-minor"]);
        await RegisterAsync(B, "2027-02-11T10:00:00+02:00", "regular-procedure");
        await At("2027-03-25T10:00:00+02:00", B, new IssueDecision(B, null, DecisionOutcome.GrantedSubsidiary,
            new DecisionReason("QR Art. 15", "Serious harm on return."), "APR Art. 35", "officer-asylum", null));

        await ApplyAsync(C1, "2027-01-12T10:00:00+02:00", "MAR", ApplicationPlace.Border, new PersonalDetails("Karim C", new DateOnly(1980, 5, 5), null, "M"), "EURODAC-C");
        await RegisterAsync(C1, "2027-01-13T10:00:00+02:00", "border-procedure");
        await At("2027-03-10T10:00:00+02:00", C1, new IssueDecision(C1, null, DecisionOutcome.RejectedManifestlyUnfounded,
            new DecisionReason("APR Art. 42(1)(j)", "Recognition rate below 20 %."), "APR Art. 39", "officer-asylum",
            new JointReturnDecision(0, "RBPR Art. 4; RD Art. 6", "No right to stay after the rejection.")));
        await At("2027-03-12T10:00:00+02:00", C1, new LodgeAppeal(C1, null, "Administrative Court Haskovo", true, "officer-asylum"));
        await At("2027-04-08T10:00:00+03:00", C1, new DecideAppeal(C1, null, AppealOutcome.Dismissed, "officer-asylum"));
        await At("2027-04-14T10:00:00+03:00", C1 + "-R", new ScheduleRemoval(C1 + "-R", null, new DateOnly(2027, 4, 15), "Bulgaria Air", "FB1234", 2, "officer-return"));
        await At("2027-04-15T10:00:00+03:00", C1 + "-R", new ExecuteRemoval(C1 + "-R", null, "officer-return"));
        await ApplyAsync(C2, "2027-04-20T10:00:00+03:00", "MAR", ApplicationPlace.Territory, new PersonalDetails("Karim C", new DateOnly(1980, 5, 5), null, "M"), "EURODAC-C");

        await ApplyAsync(D, "2027-03-05T10:00:00+02:00", "IRQ", ApplicationPlace.Territory, new PersonalDetails("Dana D", new DateOnly(2000, 6, 1), null, "F"), null);
        await At("2027-03-06T10:00:00+02:00", D, new ErasePersonalData(D, "GDPR Art. 17(1)(a): no longer necessary", "dpo-bg"));

        await At("2027-02-01T10:00:00+02:00", E, new OpenReturnCase(E, "BG", "TUN", new JointReturnDecision(14, "RD Art. 6(1), 7(1)", "Irregular stay."), "officer-return"));
        await At("2027-02-10T10:00:00+02:00", E, new ConfirmVoluntaryDeparture(E, null, "officer-return"));
        await At("2027-03-01T10:00:00+02:00", F, new OpenReturnCase(F, "BG", "PAK", new JointReturnDecision(7, "RD Art. 6(1), 7(1)", "Irregular stay."), "officer-return"));
    }

    public override async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await base.DisposeAsync();
    }

    public Task<CaseBook> BookAsync() =>
        CaseBook.LoadAsync(Store, "BG", WorkflowCatalog.Load().Calendar("BG").Zone);

    private async Task ApplyAsync(
        string id, string at, string nationality, ApplicationPlace place, PersonalDetails person, string? eurodac, IReadOnlyList<string>? vulnerabilities = null)
    {
        var made = DateTimeOffset.Parse(at);
        await At(made, id, new MakeApplication(id, "BG", place, place == ApplicationPlace.Border ? "Lesovo" : "Sofia", nationality, false, person, "officer-reception"));
        await At(made.AddMinutes(10), id, new StartScreening(id, null, "officer-reception"));
        if (eurodac is not null)
        {
            await At(made.AddMinutes(20), id, new TakeBiometrics(id, null, eurodac, "officer-reception"));
        }
        await At(made.AddMinutes(30), id, new CompleteScreening(id, null, true, true, vulnerabilities ?? [], SecurityCheckOutcome.Clear,
            ScreeningReferral.Asylum, "officer-reception"));
    }

    private async Task RegisterAsync(string id, string at, string procedure)
    {
        var registered = DateTimeOffset.Parse(at);
        await At(registered, id, new RegisterApplication(id, null, procedure, procedure == "border-procedure" ? "APR Art. 42(1)(j)" : "none",
            procedure == "border-procedure" ? "APR Art. 45(1)" : "APR Art. 35(4)", "officer-reception"));
        await At(registered.AddHours(1), id, new LodgeApplication(id, null, "officer-asylum"));
        await At(registered.AddDays(1), id, new HoldInterview(id, null, "officer-asylum"));
    }

    private Task At(string at, string _, object command) => At(DateTimeOffset.Parse(at), _, command);

    private async Task At(DateTimeOffset at, string _, object command)
    {
        Clock.Set(at);
        await Host.SendAsync("BG", command);
    }
}
