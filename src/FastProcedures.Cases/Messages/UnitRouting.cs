using System.Collections.Concurrent;
using Wolverine;
using Wolverine.Runtime;
using Wolverine.Runtime.Routing;
using Wolverine.Transports.Sending;

namespace FastProcedures.Cases.Messages;

/// <summary>
/// Wolverine's routing rule for a message type whose receiving unit is data carried by the message (a definition's
/// <c>send.to</c>, the unit owning the case a deadline belongs to): each message goes to that unit's queue, on the
/// transport the host chose. Built on Wolverine's own extension point for routing by content (an
/// <see cref="IMessageRouteSource"/>, the shape of its topic routing), so senders return messages as values and never
/// name a queue. Envelope rules, durability, tenant and scheduling are the unit endpoint's own route's.
/// </summary>
public sealed class UnitRouting<TMessage>(Func<TMessage, string> unitOf) : IMessageRouteSource, IMessageRoute
{
    private readonly ConcurrentDictionary<string, MessageRoute> _routes = new(StringComparer.Ordinal);

    public IEnumerable<IMessageRoute> FindRoutes(Type messageType, IWolverineRuntime runtime) =>
        messageType.IsAssignableTo(typeof(TMessage)) ? [this] : [];

    /// <summary>The message's unit is its only destination.</summary>
    public bool IsAdditive => false;

    public Envelope CreateForSending(object message, DeliveryOptions? options, ISendingAgent localDurableQueue,
        WolverineRuntime runtime, string? topicName)
    {
        var unit = unitOf((TMessage)message);
        var route = _routes.GetOrAdd(unit, name =>
        {
            var endpoint = Configuration.UnitQueues.Contains(name) ? runtime.Endpoints.EndpointByName(name) : null;
            return MessageRoute.For(typeof(TMessage), endpoint
                ?? throw new InvalidOperationException($"{typeof(TMessage).Name} names the unit '{name}', which has no queue (units: {string.Join(", ", Configuration.UnitQueues)})."),
                runtime);
        });
        return route.CreateForSending(message, options, localDurableQueue, runtime, topicName);
    }

    public MessageSubscriptionDescriptor Describe() => new()
    {
        Endpoint = new Uri("unit://by-message"),
        Description = $"{typeof(TMessage).Name} to the queue of the unit the message names ({string.Join(", ", Configuration.UnitQueues)})",
    };
}
