using Alba;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Cases.Reception.Registering;
using FastProcedures.Cases.Return.OpeningReturnCase;
using FastProcedures.IntegrationTests.Infrastructure;

namespace FastProcedures.IntegrationTests.Api;

/// <summary>Cases the API tests start from, made through the cases layer as the units would.</summary>
internal static class ApiCases
{
    public static Task MadeAsync(IAlbaHost host, string country, string id) =>
        host.SendAsync(country, new MakeApplication(id, country, ApplicationPlace.Border, "Border crossing", "MAR", false,
            new PersonalDetails("Api Applicant", null, null), "officer-reception"));

    public static async Task RegisteredAsync(IAlbaHost host, string country, string id)
    {
        await MadeAsync(host, country, id);
        await host.SendAsync(country, new RegisterApplication(id, null, "border-procedure", "APR Art. 42(1)(j)", "APR Art. 45(1)", "officer"));
    }

    public static Task ReturnCaseAsync(IAlbaHost host, string country, string id) =>
        host.SendAsync(country, new OpenReturnCase(id, country, "TUN",
            new JointReturnDecision(14, "RD Art. 6(1), 7(1)", "Irregular stay."), "officer-return"));
}
