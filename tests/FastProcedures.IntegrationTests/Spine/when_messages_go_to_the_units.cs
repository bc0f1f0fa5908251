using Alba;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Deadlines.RecomputingForCalendar;
using FastProcedures.Cases.Messages;
using FastProcedures.Cases.Return;
using FastProcedures.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Runtime;

namespace FastProcedures.IntegrationTests.Spine;

/// <summary>Wolverine's routing rules, not the senders, choose each message's unit queue: by the message's type, or
/// by the unit the message names (a definition's send.to, the unit owning the case of a deadline).</summary>
public sealed class when_messages_go_to_the_units(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private IAlbaHost _host = null!;

    public async Task InitializeAsync() => _host = await database.StartHostAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private string Destination(object message) =>
        Assert.Single(_host.Services.GetRequiredService<IWolverineRuntime>().RoutingFor(message.GetType())
            .RouteForPublish(message, new DeliveryOptions { TenantId = "BG" })).Destination!.ToString();

    [Fact]
    public void messages_between_units_go_to_the_unit_their_type_is_for()
    {
        var decision = new DecisionIssued("BG-2026-1", DecisionOutcome.RejectedUnfounded, true, new DecisionReason("APR Art. 39", "text"),
            "APR Art. 39", "officer", DateTimeOffset.UnixEpoch, null, null, false, null, null, false);
        Assert.Equal("local://return/", Destination(new ReturnDecisionRequested("BG-2026-1", "BG-2026-1-R", "BG", "MAR", true, decision)));
        Assert.Equal("local://return/", Destination(new ReturnBorderProcedureLimitPassed("BG-2026-1-R", "BG", "limit", DateTimeOffset.UnixEpoch)));
        Assert.Equal("local://asylum/", Destination(new HandOverAcknowledgement("BG-2026-1", "BG-2026-1-R", "BG", DateTimeOffset.UnixEpoch)));
    }

    [Fact]
    public void every_use_case_of_the_catalogue_is_handled_and_only_the_openings_by_a_handler_of_their_own()
    {
        var handlers = (WolverineRuntime)_host.Services.GetRequiredService<IWolverineRuntime>();
        foreach (var useCase in FastProcedures.Cases.CaseCommandCatalogue.All)
        {
            Assert.True(handlers.Handlers.HandlerFor(useCase.Type) is not null, $"{useCase.Action} has no handler");
            var byKind = useCase.Type.IsAssignableTo(typeof(FastProcedures.Cases.IAsylumCommand))
                || useCase.Type.IsAssignableTo(typeof(FastProcedures.Cases.IReturnCommand));
            Assert.True(byKind != useCase.OpensCase, $"{useCase.Action}: opens a case {useCase.OpensCase}, handled by its kind of case {byKind}");
        }
    }

    [Fact]
    public void a_notification_goes_to_the_unit_the_definition_names()
    {
        foreach (var unit in FastProcedures.Cases.Configuration.UnitQueues)
        {
            Assert.Equal($"local://{unit}/", Destination(new UnitNotified("BG-2026-1", "BG", "screening", "DeadlineApproaching", unit, "warning", DateTimeOffset.UnixEpoch)));
        }
    }

    [Fact]
    public void deadlines_and_calendar_changes_go_to_the_unit_owning_the_case()
    {
        Assert.Equal($"local://{AsylumCases.Kind.Unit}/", Destination(
            new DeadlineDue("BG-2026-1", "BG", AsylumCases.Kind.Name, "border-procedure", "limit", 1, "expiry", DateTimeOffset.UnixEpoch)));
        Assert.Equal($"local://{ReturnCases.Kind.Unit}/", Destination(
            new DeadlineDue("BG-2026-1-R", "BG", ReturnCases.Kind.Name, "return-procedure", "limit", 1, "expiry", DateTimeOffset.UnixEpoch)));
        Assert.Equal($"local://{ReturnCases.Kind.Unit}/", Destination(new ApplyCalendarChange("BG-2026-1-R", "BG", ReturnCases.Kind.Name, "officer")));
    }

    [Fact]
    public void a_message_naming_a_unit_without_a_queue_is_refused_at_sending()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Destination(new UnitNotified("BG-2026-1", "BG", "screening", "DeadlineApproaching", "nowhere", "warning", DateTimeOffset.UnixEpoch)));
        Assert.Contains("'nowhere'", error.Message);
    }
}
