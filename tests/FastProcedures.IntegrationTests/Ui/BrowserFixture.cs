using System.Diagnostics;
using System.Text.Json;
using FastProcedures.Cases;
using FastProcedures.Host.Demo;
using FastProcedures.Host;
using FastProcedures.Host.Security;
using FastProcedures.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Wolverine;

namespace FastProcedures.IntegrationTests.Ui;

/// <summary>
/// The real host (Kestrel on a free loopback port) on this class's database with the demo cases and the
/// development issuer, and one headless Chromium (Debian's, never a downloaded one) shared by the class's tests.
/// </summary>
public sealed class BrowserFixture : DatabaseFixture
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public WebApplication App { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var clock = new DemoClock();
        var settings = new CasesSettings(ConnectionString)
        {
            DurabilityMode = DurabilityMode.Solo,
            ScheduledJobPollingTime = TimeSpan.FromMilliseconds(250),
            ConfigureWolverine = opts => opts.Services.AddSingleton<TimeProvider>(clock),
        };
        var builder = FastProceduresHost.CreateBuilder([], settings, new ApiSecurity(null, null, Tokens.Issuer));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(clock);
        App = FastProceduresHost.Build(builder);
        await App.StartAsync();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await new DemoSeeder(clock).SeedAsync(App.Services, CancellationToken.None);

        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: apt-get install chromium (.ci/run does it).");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
    }

    public override async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }
        await App.StopAsync();
        await App.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>A fresh browser context (own cookies) at the given width, signed in as the demo user when given.</summary>
    public async Task<IPage> OpenAsync(string? demoUser = null, int width = 1280, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            Locale = "en-GB",
            JavaScriptEnabled = javaScript,
        });
        // Generous: the machine is shared, and a page's first request compiles its code.
        context.SetDefaultTimeout(45_000);
        context.SetDefaultNavigationTimeout(45_000);
        var page = await context.NewPageAsync();
        if (demoUser is not null)
        {
            await page.GotoAsync("/login");
            await page.ClickAsync($"[data-test=login-{demoUser}]");
            await page.WaitForURLAsync(url => !url.Contains("/login"));
        }
        return page;
    }
}

/// <summary>Checks a page with axe-core (tools/axe, installed from npm on first use) and keeps its screenshots.</summary>
public static class PageChecks
{
    private static readonly Lazy<string> AxeScript = new(InstallAxe);

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The serious and critical axe-core violations of the page as it is now (WCAG 2.1 A and AA rules).</summary>
    public static async Task<IReadOnlyList<string>> AccessibilityViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript.Value });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
            }
            """);
        return violations.EnumerateArray().Select(v => v.GetString() ?? "").ToList();
    }

    /// <summary>Asserts 0 serious/critical violations, and writes the page's screenshots at 1280 and 768 px to the test
    /// output (TestResults/screenshots); with <c>FASTPROC_UPDATE_SCREENSHOTS=1</c> also the 1280 px one to
    /// docs/screenshots for the README.</summary>
    public static async Task CheckAsync(IPage page, string name)
    {
        var violations = await AccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{name} ({page.Url}): {string.Join("\n", violations)}");
        var output = Path.Combine(RepositoryRoot, "TestResults", "screenshots");
        Directory.CreateDirectory(output);
        foreach (var width in new[] { 1280, 768 })
        {
            await page.SetViewportSizeAsync(width, 900);
            var file = Path.Combine(output, $"{name}-{width}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            if (width == 1280 && Environment.GetEnvironmentVariable("FASTPROC_UPDATE_SCREENSHOTS") is "1")
            {
                var docs = Path.Combine(RepositoryRoot, "docs", "screenshots");
                Directory.CreateDirectory(docs);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(docs, $"{name}.png"), FullPage = false });
            }
        }
        await page.SetViewportSizeAsync(1280, 900);
    }

    private static string InstallAxe()
    {
        var directory = Path.Combine(RepositoryRoot, "tools", "axe");
        var script = Path.Combine(directory, "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(script))
        {
            var start = new ProcessStartInfo("npm") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            process.WaitForExit(TimeSpan.FromMinutes(3));
            Assert.True(process.ExitCode == 0 && File.Exists(script), "npm ci for axe-core failed: " + output.Result + errors.Result);
        }
        return script;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FastProcedures.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("FastProcedures.sln not found above " + AppContext.BaseDirectory);
    }
}
