namespace FastProcedures.IntegrationTests.Ui;

/// <summary>One flow per role in headless Chromium against the real host with the demo cases: sign in, act, see the
/// result; every page checked with axe-core and photographed at 1280 and 768 px.</summary>
[Trait("Category", "Browser")]
public sealed class when_people_use_the_web_ui(BrowserFixture host) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task the_login_page_offers_a_demo_user_per_role_and_country_and_signs_out()
    {
        var page = await host.OpenAsync();
        await page.GotoAsync("/login");
        Assert.Equal("Sign in", await page.InnerTextAsync("h1"));
        Assert.True(await page.EvaluateAsync<bool>("() => [...document.styleSheets].some(s => s.cssRules.length > 100)"), "MudBlazor's stylesheet is served");
        Assert.Contains("Asylum caseworker, Bulgaria", await page.InnerTextAsync("main"));
        Assert.Contains("Return officer, Romania", await page.InnerTextAsync("main"));
        await PageChecks.CheckAsync(page, "login");

        await page.ClickAsync("[data-test=login-asylum-ro]");
        await page.WaitForURLAsync("**/queue");
        Assert.Equal("Asylum caseworker, Romania", await page.InnerTextAsync("[data-test=user-title]"));
        Assert.Equal("RO", await page.InnerTextAsync("[data-test=user-country]"));

        await page.ClickAsync("text=Sign out");
        await page.WaitForURLAsync("**/login");
        await page.GotoAsync("/queue");
        Assert.EndsWith("/login?ReturnUrl=%2Fqueue", page.Url);
    }

    [Fact]
    public async Task an_asylum_caseworker_issues_a_decision_and_the_case_moves_to_the_appeal_window()
    {
        var page = await host.OpenAsync("asylum-bg");
        Assert.Contains("Work queue", await page.InnerTextAsync("h1"));
        Assert.True(await page.Locator("[data-test=queue-row]").CountAsync() > 0);
        Assert.True(await page.Locator("[data-test=due-overdue]").CountAsync() > 0, "the demo's breached border procedure is on top");
        await PageChecks.CheckAsync(page, "caseworker-queue");

        await page.GotoAsync("/cases/BG-2026-900004");
        await PageChecks.CheckAsync(page, "caseworker-case");
        await page.ClickAsync("[data-test=action-issue-decision] summary");
        await page.ClickAsync("[data-test=submit-issue-decision]");
        var refusal = await page.InnerTextAsync("[data-test=action-issue-decision] [role=alert]");
        Assert.Contains("malformed or incomplete", refusal); // the API's 400, its field errors beside the fields
        Assert.Contains("required", await page.InnerTextAsync("#issue-decision-LegalBasis-error"), StringComparison.OrdinalIgnoreCase);

        await page.SelectOptionAsync("#issue-decision-Outcome", "RejectedUnfounded");
        await page.FillAsync("#issue-decision-Reason-Code", "APR Art. 39(1)");
        await page.FillAsync("#issue-decision-Reason-Text", "No well-founded fear shown at the interview.");
        await page.FillAsync("#issue-decision-LegalBasis", "APR Art. 39");
        await page.FillAsync("#issue-decision-ReturnDecision-VoluntaryDepartureDays", "14");
        await page.FillAsync("#issue-decision-ReturnDecision-LegalBasis", "RD Art. 6(6)");
        await page.FillAsync("#issue-decision-ReturnDecision-Reason", "Joint return decision with the rejection.");
        await page.ClickAsync("[data-test=submit-issue-decision]");
        await page.WaitForURLAsync("**/cases/BG-2026-900004?done=issue-decision");
        Assert.Equal("appeal-window", await page.InnerTextAsync("[data-test=stage-regular-procedure]"));
        Assert.Contains("DecisionIssued", await page.InnerTextAsync("[data-test=timeline]"));
        Assert.Equal("BG-2026-900004-R", await page.InnerTextAsync("[data-test=linked-case]"));

        await page.ClickAsync("nav a[lang=bg]");
        await page.WaitForURLAsync("**/cases/BG-2026-900004*");
        Assert.Contains("Хронология", await page.InnerTextAsync("main"));
        await page.GotoAsync("/culture/ro?back=/queue");
        Assert.StartsWith("Coada de lucru", await page.InnerTextAsync("h1"));
        await PageChecks.CheckAsync(page, "caseworker-queue-ro");
    }

    [Fact]
    public async Task the_pages_work_without_javascript()
    {
        var page = await host.OpenAsync("asylum-ro", javaScript: false);
        Assert.True(await page.Locator("[data-test=queue-row]").CountAsync() > 0);
        await page.SelectOptionAsync("#stage", "examination");
        await page.ClickAsync("text=Filter");
        await page.WaitForURLAsync("**/queue?procedure=&stage=examination");
        var stages = await page.Locator("[data-test=queue-row] td:last-child").AllInnerTextsAsync();
        Assert.NotEmpty(stages);
        Assert.All(stages, stage => Assert.Equal("examination", stage));
        await page.Locator("[data-test=queue-row] a").First.ClickAsync();
        await page.WaitForURLAsync("**/cases/RO-*");
        Assert.Contains("Timeline", await page.InnerTextAsync("main"));
    }

    [Fact]
    public async Task the_accessibility_check_really_finds_violations()
    {
        var page = await host.OpenAsync();
        await page.SetContentAsync("<html lang=en><body><main><input type=text><img src=x.png></main></body></html>");
        var violations = await PageChecks.AccessibilityViolationsAsync(page);
        Assert.Contains(violations, v => v.Contains("image-alt"));
        Assert.Contains(violations, v => v.Contains("label"));
    }

    [Fact]
    public async Task a_reception_caseworker_records_a_new_application()
    {
        var page = await host.OpenAsync("reception-ro");
        await page.GotoAsync("/applications/new");
        await PageChecks.CheckAsync(page, "reception-new-application");
        await page.FillAsync("#make-application-CaseId", "RO-2026-123456");
        await page.SelectOptionAsync("#make-application-Place", "Border");
        await page.FillAsync("#make-application-Location", "Nădlac II border crossing");
        await page.FillAsync("#make-application-Nationality", "SYR");
        await page.FillAsync("#make-application-Applicant-FullName", "Test Applicant");
        await page.ClickAsync("[data-test=submit-make-application]");
        await page.WaitForURLAsync("**/cases/RO-2026-123456?done=make-application");
        Assert.Equal("screening", await page.InnerTextAsync("[data-test=stage-screening]"));
    }

    [Fact]
    public async Task a_return_officer_schedules_a_removal_and_the_planner_shows_it()
    {
        var page = await host.OpenAsync("return-bg");
        Assert.Equal("Return cases", await page.InnerTextAsync("h1"));
        Assert.True(await page.Locator("[data-test=timer-voluntary-departure]").CountAsync() > 0);
        await PageChecks.CheckAsync(page, "return-cases");

        await page.GotoAsync("/return/removable");
        Assert.Contains("voluntary departure period is running", await page.InnerTextAsync("[data-test=removable]"));
        await PageChecks.CheckAsync(page, "return-removable");

        var day = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd");
        await page.GotoAsync("/cases/BG-2026-900006-R");
        await page.ClickAsync("[data-test=action-schedule-removal] summary");
        await page.FillAsync("#schedule-removal-RemovalOn", day);
        await page.FillAsync("#schedule-removal-Carrier", "Bulgaria Air");
        await page.FillAsync("#schedule-removal-Flight", "FB 471");
        await page.FillAsync("#schedule-removal-Escorts", "5");
        await page.ClickAsync("[data-test=submit-schedule-removal]");
        await page.WaitForURLAsync("**?done=schedule-removal");

        await page.GotoAsync("/return/planner");
        var planned = await page.InnerTextAsync("[data-test=planned-BG-2026-900006-R]");
        Assert.Contains("FB 471", planned);
        Assert.Contains(day, planned);
        Assert.Contains("FB 471", await page.InnerTextAsync("[data-test=calendar]"));
        // The escort capacity is dated data (workflows/data/removal-capacity.yaml: 4 a day in BG), not a typed number.
        Assert.Contains("4 from 2026-06-12", await page.InnerTextAsync("[data-test=escort-capacity]"));
        Assert.Contains("escorts: 5 needed", await page.InnerTextAsync("[data-test=planned-BG-2026-900006-R]"));
        Assert.Contains("4 available", planned);
        await PageChecks.CheckAsync(page, "return-planner");
    }

    [Fact]
    public async Task an_auditor_slides_back_in_time_and_verification_passes()
    {
        var page = await host.OpenAsync("auditor-bg");
        Assert.Contains("BG-2026-900003", await page.InnerTextAsync("[data-test=audit-cases]"));
        await PageChecks.CheckAsync(page, "auditor-cases");

        await page.GotoAsync("/audit/BG-2026-900003");
        await page.Locator("#step").FillAsync("1");
        await page.ClickAsync("[data-test=travel]");
        await page.WaitForURLAsync("**/audit/BG-2026-900003?step=1");
        Assert.Contains("screening: screening", await page.InnerTextAsync("[data-test=as-of]"));

        await page.ClickAsync("[data-test=verify]");
        Assert.StartsWith("Verified", (await page.InnerTextAsync("[data-test=verdict]")).Trim());
        Assert.StartsWith("Intact", (await page.InnerTextAsync("[data-test=chain]")).Trim());
        Assert.Contains("auditor.bg", await page.InnerTextAsync("[data-test=access-log]"));
        await PageChecks.CheckAsync(page, "auditor-case");
    }

    [Fact]
    public async Task the_steering_committee_sees_both_countries_side_by_side()
    {
        var page = await host.OpenAsync("steering-bg");
        Assert.Equal("KPI dashboard", await page.InnerTextAsync("h1"));
        Assert.Contains("Bulgaria", await page.InnerTextAsync("[data-test=kpi-BG]"));
        Assert.Contains("Romania", await page.InnerTextAsync("[data-test=kpi-RO]"));
        Assert.DoesNotContain("-2026-", await page.InnerTextAsync("main")); // no case number, no person
        Assert.Contains("screening", await page.InnerTextAsync("[data-test=stages-BG]"));
        Assert.Contains("screening", await page.InnerTextAsync("[data-test=backlog-RO]"));
        await PageChecks.CheckAsync(page, "steering-kpis");

        // The report links download the country's files through the person's own token.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-test=report-eps]"));
        Assert.Matches(@"^BG-\d{4}-\d{2}-eps-indicators\.csv$", download.SuggestedFilename);
        Assert.StartsWith("indicator,citizen,geo,TIME_PERIOD,value", File.ReadAllText(await download.PathAsync()));
        var href = await page.GetAttributeAsync("[data-test=report-eurostat]", "href");
        var zip = await page.APIRequest.GetAsync(href!);
        Assert.Equal(200, zip.Status);
        Assert.Equal("application/zip", zip.Headers["content-type"]);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await zip.BodyAsync())[..2]));
    }

    [Fact]
    public async Task an_admin_sees_the_definitions_and_calendars_and_no_case_pages()
    {
        var page = await host.OpenAsync("admin-bg");
        Assert.Equal("Definitions and calendars", await page.InnerTextAsync("h1"));
        Assert.Contains("Europe/Sofia", await page.InnerTextAsync("[data-test=calendars]"));
        await page.ClickAsync("[data-test=workflow-border-procedure] summary");
        Assert.Contains("border-procedure-limit", await page.InnerTextAsync("[data-test=workflow-border-procedure]"));
        await PageChecks.CheckAsync(page, "admin");

        await page.GotoAsync("/queue");
        Assert.EndsWith("/denied?ReturnUrl=%2Fqueue", page.Url);
    }
}
