using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Audit;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Procedures;
using JasperFx.Events;
using Marten;
using Marten.Events;

namespace FastProcedures.Statistics.Reading;

/// <summary>One stored event of a case with the legal instant it records (<see cref="EventTime"/>).</summary>
public sealed record CaseEvent(string CaseId, long Sequence, object Data, DateTimeOffset At);

/// <summary>The events of one case stream in order.</summary>
public sealed record CaseStream(string CaseId, IReadOnlyList<CaseEvent> Events)
{
    public bool IsAsylum => Events.Count > 0 && Events[0].Data is ApplicationMade;

    public bool IsReturn => Events.Count > 0 && Events[0].Data is ReturnCaseOpened;
}

/// <summary>
/// Reads a country's case events from the event store, read-only: statistics and exports are computed from the
/// events themselves, so every figure can be reproduced and audited from the streams. Access streams and other
/// non-case streams are left out.
/// </summary>
public static class CaseEvents
{
    private const int PageSize = 5000;

    /// <summary>The case events that are facts about the case — not the engine's workflow steps (stages, timers,
    /// tasks), which are most of a stream and which the statistics do not count.</summary>
    public static readonly Type[] DomainEventTypes = typeof(ApplicationMade).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsSealed: true, IsPublic: true }
            && t.Namespace is "FastProcedures.Cases.Asylum" or "FastProcedures.Cases.Return" or "FastProcedures.Cases.Audit.ErasingPersonalData"
            && t.GetProperty("CaseId") is not null
            && !typeof(IWorkflowStep).IsAssignableFrom(t))
        .ToArray();

    /// <param name="domainEventsOnly">Read only <see cref="DomainEventTypes"/> (the statistics); false for the
    /// process-mining exports, which show the workflow steps too.</param>
    public static async Task<IReadOnlyList<CaseStream>> ReadAsync(
        IDocumentStore store, string country, Action<string>? progress = null, CancellationToken cancellation = default,
        bool domainEventsOnly = false)
    {
        var byStream = new Dictionary<string, List<CaseEvent>>(StringComparer.Ordinal);
        await using var session = store.QuerySession(country);
        long last = 0;
        long read = 0;
        while (true)
        {
            var query = session.Events.QueryAllRawEvents().Where(e => e.Sequence > last);
            if (domainEventsOnly)
            {
                query = query.Where(e => e.EventTypesAre(DomainEventTypes));
            }
            var page = await query
                .OrderBy(e => e.Sequence)
                .Take(PageSize)
                .ToListAsync(cancellation);
            if (page.Count == 0)
            {
                break;
            }
            foreach (var e in page)
            {
                Add(byStream, e);
            }
            last = page[^1].Sequence;
            read += page.Count;
            if (page.Count == PageSize)
            {
                progress?.Invoke($"{read} events of {country} read ...");
            }
        }
        return byStream
            .Select(s => new CaseStream(s.Key, s.Value))
            .Where(s => s.IsAsylum || s.IsReturn)
            .OrderBy(s => s.CaseId, StringComparer.Ordinal)
            .ToList();
    }

    private static void Add(Dictionary<string, List<CaseEvent>> byStream, IEvent e)
    {
        var caseId = e.StreamKey ?? e.StreamId.ToString();
        if (!byStream.TryGetValue(caseId, out var events))
        {
            byStream[caseId] = events = [];
        }
        events.Add(new CaseEvent(caseId, e.Sequence, e.Data, EventTime.Of(e.Data) ?? e.Timestamp));
    }
}
