using FastProcedures.Cases;
using JasperFx.Events.Daemon;
using Marten;
using Wolverine;
using Wolverine.RabbitMQ;
using Wolverine.RuntimeCompilation;

namespace FastProcedures.Host;

/// <summary>What belongs to the process rather than to the cases library: handler code generation, the transport
/// of the unit queues, the durability mode of Wolverine's agents and the matching mode of Marten's async daemon.</summary>
public static class Messaging
{
    public static void UseFastProcedures(this WolverineOptions opts, CasesSettings settings)
    {
        // Handler code is generated and compiled at start-up (WolverineFx.RuntimeCompilation).
        opts.UseRuntimeCompilation();
        opts.AddFastProcedures(settings)
            .AddAsyncDaemon(settings.DurabilityMode == DurabilityMode.Solo ? DaemonMode.Solo : DaemonMode.HotCold);
        opts.Durability.Mode = settings.DurabilityMode;
        if (settings.ScheduledJobPollingTime is { } polling)
        {
            opts.Durability.ScheduledJobPollingTime = polling;
        }
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
