using System.Text.Json.Nodes;
using Alba;
using FastProcedures.IntegrationTests.Infrastructure;
using Wolverine.Tracking;

namespace FastProcedures.IntegrationTests.Api;

/// <summary>
/// The 2023 pilot path through the REST API only, each unit with its own token: application made at the border,
/// screened and registered into the border procedure, rejected with the joint return decision, appeal window and
/// appeal, hand-over to the return unit, removal scheduled.
/// </summary>
public sealed class when_a_case_walks_the_pilot_path_over_http(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Id = "BG-2026-910001";
    private const string ReturnId = Id + "-R";
    private IAlbaHost _host = null!;

    public async Task InitializeAsync() => _host = await database.StartHostAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Posts and waits for every message the command cascades to other units.</summary>
    private async Task<JsonNode> Act(string token, string url, object body, int status = 200, string? ifMatch = null)
    {
        (int Status, JsonNode? Body, IScenarioResult Result) answer = default;
        await _host.TrackActivity(TimeSpan.FromSeconds(60)).DoNotAssertOnExceptionsDetected()
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(async _ => answer = await _host.PostAsync(token, url, body, ifMatch)));
        Assert.True(answer.Status == status, $"{url}: {answer.Status} {answer.Body?.ToJsonString()}");
        return answer.Body!;
    }

    private static IEnumerable<string> Types(JsonNode result) => result["events"]!.AsArray().Select(e => (string)e!["type"]!);

    [Fact]
    public async Task every_unit_acts_over_http_from_the_application_to_the_scheduled_removal()
    {
        var reception = Tokens.Reception("BG");
        var asylum = Tokens.Asylum("BG");
        var returns = Tokens.ReturnOfficer("BG");

        var made = await _host.Scenario(s =>
        {
            s.WithBearerToken(reception);
            s.Post.Json(new
            {
                caseId = Id, place = "Border", location = "Lesovo border crossing", nationality = "MAR", hasTravelDocument = false,
                applicant = new { fullName = "Test Applicant", dateOfBirth = "1995-03-01" },
            }).ToUrl("/api/cases");
            s.StatusCodeShouldBe(201);
            s.Header("Location").SingleValueShouldEqual($"/api/cases/{Id}");
        });
        var version = (long)JsonNode.Parse(await made.ReadAsTextAsync())!["version"]!;

        var screening = await Act(reception, $"/api/cases/{Id}/start-screening", new { }, ifMatch: $"\"{version}\"");
        Assert.Contains("ScreeningStarted", Types(screening));
        await Act(reception, $"/api/cases/{Id}/take-biometrics", new { eurodacReference = "EURODAC-BG-91" });
        await Act(reception, $"/api/cases/{Id}/complete-screening", new
        {
            identityVerified = true, healthCheckDone = true, vulnerabilities = Array.Empty<string>(), securityCheck = "Clear", referral = "Asylum",
        });
        var registered = await Act(reception, $"/api/cases/{Id}/register-application",
            new { procedure = "border-procedure", ground = "APR Art. 42(1)(j)", legalBasis = "APR Art. 45(1)" });
        Assert.Contains(registered["events"]!.AsArray(), e => (string)e!["type"]! == "DeadlineStarted"
            && (string)e["data"]!["step"]!["timer"]! == "border-procedure-limit" && (string)e["data"]!["step"]!["period"]! == "P12W");
        // A workflow event shows its effect once, as its step.
        Assert.All(registered["events"]!.AsArray(), e => Assert.False(e!["data"]!.AsObject().ContainsKey("effect")));

        var registeredAt = database.Clock.GetUtcNow();
        var (status, now, _) = await _host.GetAsync(asylum, $"/api/cases/{Id}");
        Assert.Equal(200, status);
        Assert.Equal("border-procedure", (string)now!["procedure"]!);
        Assert.Equal("asylum", (string)now["unit"]!);
        Assert.Contains(now["workflows"]!.AsArray(), w => (string)w!["id"]! == "border-procedure" && ((string)w["hash"]!).Length == 64);
        var limit = Assert.Single(now["deadlines"]!.AsArray(), d => (string)d!["timer"]! == "border-procedure-limit")!;
        Assert.Equal("running", (string)limit["status"]!);
        Assert.Equal("APR Art. 51(2)", (string)limit["legalBasis"]!);
        Assert.Contains(limit["explanation"]!.AsArray(), step => ((string)step!).StartsWith("Art. 3(1)"));
        Assert.Contains(now["deadlines"]!.AsArray(), d => (string)d!["timer"]! == "registration-limit" && (string)d["status"]! == "met");
        Assert.Contains("issue-decision", now["allowedActions"]!.AsArray().Select(a => (string)a!));

        await Act(asylum, $"/api/cases/{Id}/lodge-application", new { });
        await Act(returns, $"/api/cases/{Id}/hold-return-counselling", new { });
        await Act(asylum, $"/api/cases/{Id}/hold-interview", new { });
        var decided = await Act(asylum, $"/api/cases/{Id}/issue-decision", new
        {
            outcome = "RejectedManifestlyUnfounded",
            reason = new { code = "APR Art. 42(1)(j)", text = "Nationality with an EU-wide recognition rate below 20 %." },
            legalBasis = "APR Art. 39",
            returnDecision = new { voluntaryDepartureDays = 0, legalBasis = "RBPR Art. 4; RD Art. 6", reason = "No right to stay after the rejection." },
        });
        var decision = Assert.Single(decided["events"]!.AsArray(), e => (string)e!["type"]! == "DecisionIssued")!;
        Assert.Equal("caseworker-asylum-bg", (string)decision["data"]!["decidedBy"]!);
        // Revision 2: a border-procedure rejection is appealed within 7 to 10 days (APR Art. 67(7)(a)); BG uses 7 days.
        Assert.Equal("P7D", (string)decision["data"]!["appealWindow"]!);

        (status, now, _) = await _host.GetAsync(asylum, $"/api/cases/{Id}");
        Assert.Equal("appeal-window", (string)now!["stage"]!);
        Assert.Equal(ReturnId, (string)now["linkedCaseId"]!);
        Assert.Contains("lodge-appeal", now["allowedActions"]!.AsArray().Select(a => (string)a!));
        Assert.DoesNotContain("issue-decision", now["allowedActions"]!.AsArray().Select(a => (string)a!));
        var (_, returnCase, _) = await _host.GetAsync(returns, $"/api/cases/{ReturnId}");
        Assert.Equal("return", (string)returnCase!["kind"]!);
        Assert.Contains(returnCase["removalBars"]!.AsArray(), b => ((string)b!).Contains("appeal window is open"));
        // RD Art. 11(1)(a): no voluntary departure was granted, so the return officer is offered the entry ban.
        Assert.Contains("issue-entry-ban", returnCase["allowedActions"]!.AsArray().Select(a => (string)a!));

        await Act(asylum, $"/api/cases/{Id}/lodge-appeal", new { court = "Administrative Court Haskovo", suspensiveEffect = true });
        var refused = await Act(returns, $"/api/cases/{ReturnId}/execute-removal", new { }, status: 422);
        Assert.Contains("an appeal with suspensive effect is pending (APR Art. 68)", (string)refused["detail"]!);

        await Act(asylum, $"/api/cases/{Id}/decide-appeal", new { outcome = "Dismissed" });
        (_, now, _) = await _host.GetAsync(asylum, $"/api/cases/{Id}");
        Assert.Equal("handed-to-return", (string)now!["stage"]!);
        Assert.Contains(now["deadlines"]!.AsArray(), d => (string)d!["timer"]! == "border-procedure-limit" && (string)d["status"]! == "met");

        (_, returnCase, var returnRead) = await _host.GetAsync(returns, $"/api/cases/{ReturnId}");
        Assert.Empty(returnCase!["removalBars"]!.AsArray());
        Assert.Equal($"\"{(long)returnCase["version"]!}\"", returnRead.Context.Response.Headers.ETag.ToString());
        var tomorrow = DateOnly.FromDateTime(database.Clock.GetUtcNow().UtcDateTime.AddDays(1));
        var scheduled = await Act(returns, $"/api/cases/{ReturnId}/schedule-removal", new
        {
            removalOn = tomorrow.ToString("yyyy-MM-dd"), carrier = "Bulgaria Air", flight = "FB1234", escorts = 2,
        }, ifMatch: returnRead.Context.Response.Headers.ETag.ToString());
        Assert.Contains("RemovalScheduled", Types(scheduled));

        var (_, timeline, _) = await _host.GetAsync(returns, $"/api/cases/{ReturnId}/timeline");
        var events = timeline!["events"]!.AsArray();
        Assert.Equal("ReturnCaseOpened", (string)events[0]!["type"]!);
        Assert.Contains(events, e => (string)e!["type"]! == "HandOverReceived");
        var removal = Assert.Single(events, e => (string)e!["type"]! == "RemovalScheduled")!;
        Assert.Equal("return-officer-bg", (string)removal["actor"]!);
        Assert.All(events, e => Assert.DoesNotContain(e!["type"]!.GetValue<string>(), new[] { "WorkflowStageEntered", "DeadlineStarted" }));
        var sequences = events.Select(e => (long)e!["sequence"]!).ToList();
        Assert.Equal(sequences.Order(), sequences);

        var (_, removable, _) = await _host.GetAsync(returns, $"/api/return/removable?on={tomorrow:yyyy-MM-dd}");
        var line = Assert.Single(removable!["items"]!.AsArray(), l => (string)l!["caseId"]! == ReturnId)!;
        Assert.True((bool)line["removable"]!, line.ToJsonString());
        Assert.Equal(tomorrow.ToString("yyyy-MM-dd"), (string)line["scheduledOn"]!);

        var auditor = Tokens.Auditor("BG");
        var (_, then, _) = await _host.GetAsync(auditor, $"/api/cases/{Id}/as-of?at={Uri.EscapeDataString(registeredAt.ToString("O"))}");
        Assert.Equal("examination", (string)then!["stages"]!["border-procedure"]!);
        Assert.Contains(then["deadlines"]!.AsArray(), d => (string)d!["timer"]! == "border-procedure-limit");
        var (_, verdict, _) = await _host.PostAsync(auditor, $"/api/cases/{Id}/verify", null);
        Assert.True((bool)verdict!["verification"]!["verified"]!, verdict.ToJsonString());
        Assert.Contains(verdict["accessLog"]!.AsArray(), r => (string)r!["readBy"]! == "auditor-bg");

        var (_, board, _) = await _host.GetAsync(returns, "/api/deadlines?dueBefore=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.AddYears(1).ToString("O")));
        Assert.Contains(board!["items"]!.AsArray(), d => (string)d!["caseId"]! == ReturnId);

        // RD Art. 11(1)(a): the decision granted no voluntary departure, so the case closes only after the entry ban.
        var unbanned = await Act(returns, $"/api/cases/{ReturnId}/close-return-case", new { reason = "Returnee left." }, status: 422);
        Assert.Contains("RD Art. 11(1)", (string)unbanned["detail"]!);
        await Act(returns, $"/api/cases/{ReturnId}/issue-entry-ban", new { years = 3, legalBasis = "RD Art. 11(1)(a)" });
        Assert.Contains("ReturnCaseClosed", Types(await Act(returns, $"/api/cases/{ReturnId}/close-return-case", new { reason = "Returnee left." })));
    }
}
