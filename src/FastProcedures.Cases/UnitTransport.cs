using Wolverine;

namespace FastProcedures.Cases;

/// <summary>Where the unit queues live. The library names the queues and routes messages to them; the host chooses
/// the transport (durable local queues, or a broker's queues of the same names).</summary>
public interface IUnitTransport
{
    /// <summary>Once, before any queue is declared (a broker's connection).</summary>
    void Configure(WolverineOptions opts);

    /// <summary>This process listens to the unit's queue with a durable inbox.</summary>
    void Listen(WolverineOptions opts, string unit);

    /// <summary>Messages of this type go to the unit's queue.</summary>
    void Publish<TMessage>(WolverineOptions opts, string unit);
}

/// <summary>Durable local queues in PostgreSQL (Wolverine's inbox): one process, or nodes sharing the database.</summary>
public sealed class LocalUnitQueues : IUnitTransport
{
    public static readonly LocalUnitQueues Instance = new();

    public void Configure(WolverineOptions opts)
    {
    }

    public void Listen(WolverineOptions opts, string unit) => opts.LocalQueue(unit).UseDurableInbox();

    public void Publish<TMessage>(WolverineOptions opts, string unit) => opts.PublishMessage<TMessage>().ToLocalQueue(unit);
}
