using System.Collections.Concurrent;
using System.Reflection;
using FastProcedures.Cases.Procedures;

namespace FastProcedures.Cases.Audit;

/// <summary>
/// The legal instant an event records: the decision's <c>now</c>. Workflow events carry it as <c>At</c>; domain
/// events as their own <c>…At</c> (STYLE: every event says when). This, not Marten's commit timestamp, is the time
/// deadlines were computed against, so time travel and replay use it.
/// </summary>
public static class EventTime
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> When = new();

    public static DateTimeOffset? Of(object @event) => @event switch
    {
        IWorkflowStep step => step.At,
        WorkflowStarted started => started.At,
        DeadlineReached reached => reached.At,
        _ => When.GetOrAdd(@event.GetType(), Find)?.GetValue(@event) as DateTimeOffset?,
    };

    /// <summary>The last non-nullable <c>DateTimeOffset …At</c> property: the event's own time comes after the times
    /// it talks about (e.g. <c>EndsAt</c> then <c>ExtendedAt</c>); nullable ones (<c>AppealWindowEndsAt</c>) are facts.</summary>
    private static PropertyInfo? Find(Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.PropertyType == typeof(DateTimeOffset) && p.Name.EndsWith("At", StringComparison.Ordinal))
        .OrderBy(p => p.MetadataToken)
        .LastOrDefault();
}
