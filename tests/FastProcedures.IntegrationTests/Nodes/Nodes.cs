using System.Collections.Concurrent;
using FastProcedures.Cases.Messages;
using Wolverine;
using Wolverine.Runtime;

namespace FastProcedures.IntegrationTests.Nodes;

/// <summary>Node settings for tests that run several nodes on one database: <c>serve</c>'s Balanced durability with
/// timings short enough for a test (a dead node is noticed within seconds, not a minute).</summary>
public static class Nodes
{
    public static void Balanced(WolverineOptions opts)
    {
        opts.Durability.Mode = DurabilityMode.Balanced;
        opts.Durability.FirstHealthCheckExecution = TimeSpan.FromMilliseconds(200);
        opts.Durability.HealthCheckPollingTime = TimeSpan.FromSeconds(1);
        opts.Durability.CheckAssignmentPeriod = TimeSpan.FromSeconds(1);
        opts.Durability.NodeReassignmentPollingTime = TimeSpan.FromSeconds(1);
        opts.Durability.StaleNodeTimeout = TimeSpan.FromSeconds(5);
        opts.Durability.ScheduledJobFirstExecution = TimeSpan.FromMilliseconds(200);
        opts.Durability.ScheduledJobPollingTime = TimeSpan.FromMilliseconds(250);
    }

    /// <summary>Counts every execution of a fired deadline message on this node (the handler itself is idempotent,
    /// so the case's stream alone cannot show a second firing).</summary>
    public static void CountFirings(WolverineOptions opts) =>
        opts.Policies.ForMessagesOfType<DeadlineDue>().AddMiddleware(typeof(FiringCounter));
}

public static class FiringCounter
{
    public static readonly ConcurrentQueue<(string Node, DeadlineDue Due)> Firings = new();

    public static void Before(DeadlineDue message, IWolverineRuntime runtime) =>
        Firings.Enqueue((runtime.Options.UniqueNodeId.ToString(), message));
}
