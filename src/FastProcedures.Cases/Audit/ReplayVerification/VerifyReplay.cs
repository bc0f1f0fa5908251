using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Audit.AccessLog;
using FastProcedures.Cases.Audit.TamperEvidence;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Procedures;
using FastProcedures.Workflows;
using JasperFx.Events;
using Marten;

namespace FastProcedures.Cases.Audit.ReplayVerification;

/// <summary>One recorded workflow event that the engine, run again, does not produce as recorded. <c>Expected</c>
/// is the recomputed event (null: the engine produces nothing there), <c>Recorded</c> the stored one (null: it is
/// missing from the stream).</summary>
public sealed record Divergence(long Sequence, long Version, string EventType, string? Expected, string? Recorded);

/// <summary>What a replay found. Verified only when every input was replayed on its pinned definition and every
/// recorded workflow event matched.</summary>
public sealed record ReplayReport(
    string CaseId, int InputsReplayed, int WorkflowEventsCompared, IReadOnlyList<Divergence> Divergences,
    IReadOnlyList<string> PinProblems)
{
    public bool Verified => Divergences.Count == 0 && PinProblems.Count == 0;
}

/// <summary>
/// Replay verification (DESIGN §2: same inputs, same effects): every recorded input of a case — a domain event, or a
/// <see cref="DeadlineReached"/> for a wake — is run again through <see cref="CaseRuntime"/> on the state folded
/// from the stream before it, at the instant it was decided, with the definition version and hash the case was
/// pinned to; each recomputed workflow event is compared with the recorded one. A missing or altered pinned
/// definition is reported, never replaced by another version.
/// </summary>
public static class VerifyReplay
{
    /// <summary>Loads the case's stream, replays it and records the read in the case's access stream; null when
    /// there is no such stream.</summary>
    public static async Task<ReplayReport?> LoadAsync(
        IDocumentSession session, WorkflowCatalog catalog, string caseId, Reader reader, DateTimeOffset now, CancellationToken cancellation)
    {
        var events = await session.Events.FetchStreamAsync(caseId, token: cancellation);
        if (events.Count == 0)
        {
            return null;
        }
        var report = Run(catalog, caseId, events, session.DocumentStore.Options.Serializer().ToJson);
        CaseAccessLog.Record(session, caseId, reader, now);
        await session.SaveChangesAsync(cancellation);
        return report;
    }

    /// <param name="toJson">The event store's serializer, so recorded and recomputed events compare as stored.</param>
    public static ReplayReport Run(WorkflowCatalog catalog, string caseId, IReadOnlyList<IEvent> events, Func<object, string> toJson) =>
        events.FirstOrDefault()?.Data switch
        {
            ApplicationMade => Run(AsylumCases.Kind, catalog, caseId, events, toJson),
            ReturnCaseOpened => Run(ReturnCases.Kind, catalog, caseId, events, toJson),
            _ => new ReplayReport(caseId, 0, 0, [], [$"{caseId} is not a case stream (it starts with no case-opening event)."]),
        };

    private static bool IsWorkflowEvent(object e) => e is WorkflowStarted or IWorkflowStep;

    private static ReplayReport Run<TCase>(
        CaseKind<TCase> kind, WorkflowCatalog catalog, string caseId, IReadOnlyList<IEvent> events, Func<object, string> toJson)
        where TCase : class, ICase
    {
        var divergences = new List<Divergence>();
        var pinProblems = new List<string>();
        var inputs = 0;
        var compared = 0;
        TCase? state = null;
        for (var i = 0; i < events.Count;)
        {
            var input = events[i];
            var end = i + 1;
            while (end < events.Count && IsWorkflowEvent(events[end].Data))
            {
                end++;
            }
            var recorded = events.Skip(i + 1).Take(end - i - 1).ToList();
            if (IsWorkflowEvent(input.Data))
            {
                // A workflow event with no input before it: nothing in the stream caused it.
                divergences.AddRange(new[] { input }.Concat(recorded).Select(e => Unexpected(e, toJson)));
            }
            else
            {
                inputs++;
                try
                {
                    var recomputed = Recompute(kind, catalog, caseId, state, input, recorded, pinProblems);
                    compared += recorded.Count;
                    divergences.AddRange(Compare(input.Data is DeadlineReached ? [input, .. recorded] : recorded, recomputed, toJson));
                }
                catch (PinnedDefinitionException e)
                {
                    pinProblems.Add($"sequence {input.Sequence} ({input.EventTypeName}): {e.Message}");
                }
            }
            for (var k = i; k < end; k++)
            {
                state = kind.Evolve(state, events[k].Data);
            }
            i = end;
        }
        return new ReplayReport(caseId, inputs, compared, divergences, pinProblems.Distinct().ToList());
    }

    /// <summary>The events the runtime produces for the input today, on the recorded state before it.</summary>
    private static IReadOnlyList<object> Recompute<TCase>(
        CaseKind<TCase> kind, WorkflowCatalog catalog, string caseId, TCase? state, IEvent input, IReadOnlyList<IEvent> recorded,
        List<string> pinProblems) where TCase : class, ICase
    {
        if (input.Data is DeadlineReached reached)
        {
            if (state is null)
            {
                return [];
            }
            return CaseRuntime.Wake(catalog, caseId, state.Country, state.Workflows, reached.Workflow, reached.Timer,
                reached.Generation, reached.At);
        }
        // The decision's now: the At its workflow events recorded; with none, the domain event's own time.
        var now = recorded.Select(e => EventTime.Of(e.Data)).FirstOrDefault(t => t is not null)
            ?? EventTime.Of(input.Data) ?? input.Timestamp;
        var country = (state ?? kind.Evolve(null, input.Data)!).Country;
        var workflows = state is not null ? state.Workflows : CaseWorkflows.None;
        var pins = recorded.Select(e => e.Data).OfType<WorkflowStarted>().ToDictionary(w => w.Workflow);
        if (workflows.CalendarVersion == 0 && pins.Values.FirstOrDefault() is { } first)
        {
            // The case's first workflow starts here: count with the calendar version it recorded, not the newest.
            workflows = workflows with { CalendarVersion = first.CalendarVersion, CalendarSha256 = first.CalendarSha256 };
        }
        foreach (var pin in pins.Values)
        {
            // Calendars keep their versions (workflows/calendars/versions/): the pinned one must still be there unchanged.
            var calendar = catalog.Registry.Calendar(pin.Country, pin.CalendarVersion);
            if (calendar.Sha256 != pin.CalendarSha256)
            {
                pinProblems.Add($"{pin.Workflow} was pinned to calendar {pin.Country} version {pin.CalendarVersion} " +
                    $"(sha256 {Short(pin.CalendarSha256)}), workflows/ now has version {calendar.Version} (sha256 {Short(calendar.Sha256)}).");
            }
        }
        var output = CaseRuntime.Advance(catalog, caseId, country, workflows, [input.Data], now, e => kind.Starts(catalog, state, e),
            start => pins.TryGetValue(start.Workflow, out var pin)
                ? catalog.Pinned(new WorkflowInstance(pin.Workflow, pin.Version, pin.Hash, WorkflowState.Initial))
                : catalog.InForceOn(start.Workflow, start.InForceOn));
        return output.Skip(1).ToList(); // the input itself comes first
    }

    private static IEnumerable<Divergence> Compare(IReadOnlyList<IEvent> recorded, IReadOnlyList<object> recomputed, Func<object, string> toJson)
    {
        var last = recorded.Count > 0 ? recorded[^1] : null;
        for (var k = 0; k < Math.Max(recorded.Count, recomputed.Count); k++)
        {
            var stored = k < recorded.Count ? recorded[k] : null;
            var expected = k < recomputed.Count ? recomputed[k] : null;
            var storedJson = stored is null ? null : Describe(stored.Data, toJson);
            var expectedJson = expected is null ? null : Describe(expected, toJson);
            if (storedJson != expectedJson)
            {
                yield return new Divergence(stored?.Sequence ?? last?.Sequence ?? 0, stored?.Version ?? last?.Version ?? 0,
                    stored?.EventTypeName ?? expected!.GetType().Name, expectedJson, storedJson);
            }
        }
    }

    private static Divergence Unexpected(IEvent e, Func<object, string> toJson) =>
        new(e.Sequence, e.Version, e.EventTypeName, null, Describe(e.Data, toJson));

    private static string Describe(object e, Func<object, string> toJson) => $"{e.GetType().Name} {EventHashChain.Canonical(toJson(e))}";

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}
