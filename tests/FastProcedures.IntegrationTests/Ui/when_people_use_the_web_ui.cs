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
    }
}
