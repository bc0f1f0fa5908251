using Alba;
using FastProcedures.Cases;
using FastProcedures.Host;
using FastProcedures.Host.Security;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace FastProcedures.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh database on the run's cluster for one test class (use as <c>IClassFixture&lt;DatabaseFixture&gt;</c>),
/// and the full host (Marten, Wolverine, HTTP) built on it through Alba.
/// </summary>
public class DatabaseFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public virtual async Task InitializeAsync() =>
        ConnectionString = await TestCluster.CreateDatabaseAsync(GetType().Name + Guid.NewGuid().ToString("N")[..6]);

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The decision clock of the hosts this fixture starts.</summary>
    public ShiftedClock Clock { get; } = new();

    /// <summary>The app as it runs in production, with test-friendly durability settings.</summary>
    /// <param name="security">Who the API trusts; by default the test run's development issuer (<see cref="Tokens"/>).</param>
    public Task<IAlbaHost> StartHostAsync(
        Action<WolverineOptions>? configureWolverine = null, string? workflowsDirectory = null, ApiSecurity? security = null)
    {
        var settings = new CasesSettings(ConnectionString)
        {
            DurabilityMode = DurabilityMode.Solo,
            ScheduledJobPollingTime = TimeSpan.FromMilliseconds(250),
            ApplicationAssembly = typeof(DatabaseFixture).Assembly,
            WorkflowsDirectory = workflowsDirectory,
            ConfigureWolverine = opts =>
            {
                opts.Discovery.IncludeAssembly(typeof(DatabaseFixture).Assembly);
                opts.Services.AddSingleton<TimeProvider>(Clock);
                configureWolverine?.Invoke(opts);
            },
        };
        var builder = FastProceduresHost.CreateBuilder([], settings, security ?? new ApiSecurity(null, null, Tokens.Issuer));
        return AlbaHost.For(builder, FastProceduresHost.MapEndpoints);
    }
}
