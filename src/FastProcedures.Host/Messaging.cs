using FastProcedures.Cases;
using Marten;
using Wolverine;
using Wolverine.RabbitMQ;
using Wolverine.RuntimeCompilation;

namespace FastProcedures.Host;

/// <summary>What belongs to the process rather than to the cases library: handler code generation, the transport
/// of the unit queues, the durability mode of Wolverine's agents (which also run Marten's async daemon) and the schema set-up.</summary>
public static class Messaging
{
    public static void UseFastProcedures(this WolverineOptions opts, CasesSettings settings)
    {
        // Handler code is generated and compiled at start-up (WolverineFx.RuntimeCompilation).
        opts.UseRuntimeCompilation();
        // Durability first: the settings' own configuration (tests, node timings) may refine it afterwards.
        opts.Durability.Mode = settings.DurabilityMode;
        // Wolverine's envelope-count gauges (a count over the whole inbox table every 5 s) are exported nowhere: the
        // host has no metrics exporter. The count grew with the handled envelopes kept for deduplication (80 ms a poll
        // after a few thousand cases).
        opts.Durability.DurabilityMetricsEnabled = false;
        if (settings.ScheduledJobPollingTime is { } polling)
        {
            opts.Durability.ScheduledJobPollingTime = polling;
        }
        // Nodes starting together on a fresh database create the schema one after the other (Marten's advisory lock),
        // not side by side at their first commands. The async daemon needs no mode of its own here: Wolverine's agents
        // run it (solo or spread over the nodes), following the durability mode.
        opts.AddFastProcedures(settings).ApplyAllDatabaseChangesOnStartup();
    }
}

/// <summary>The unit queues on a RabbitMQ broker (<c>FASTPROC_RABBITMQ</c>), provisioned at start-up.</summary>
public sealed class RabbitMqUnitQueues(Uri broker) : IUnitTransport
{
    public void Configure(WolverineOptions opts) => opts.UseRabbitMq(broker).AutoProvision();

    public void Listen(WolverineOptions opts, string unit) => opts.ListenToRabbitQueue(unit).UseDurableInbox();

    public void Publish<TMessage>(WolverineOptions opts, string unit) =>
        opts.PublishMessage<TMessage>().ToRabbitQueue(unit).UseDurableOutbox();
}
