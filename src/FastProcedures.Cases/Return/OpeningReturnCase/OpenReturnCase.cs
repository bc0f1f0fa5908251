using JasperFx.Events;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return.OpeningReturnCase;

/// <summary>Open a return case for a person staying irregularly, with its return decision (RD Art. 6-7).</summary>
public sealed record OpenReturnCase(
    string CaseId, string Country, string Nationality, JointReturnDecision ReturnDecision, string DecidedBy);

public static class OpenReturnCaseHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, OpenReturnCase command, DateTimeOffset now, WorkflowCatalog catalog)
    {
        if (state is not null)
        {
            return [];
        }
        Validation.CaseId(command.CaseId, command.Country);
        Validation.Required(command.DecidedBy, "DecidedBy");
        Validation.Require(command.ReturnDecision is { VoluntaryDepartureDays: >= 0 and <= 30, LegalBasis.Length: > 0, Reason.Length: > 0 },
            "A return decision needs a legal basis, a reason and a voluntary departure period of 0 to 30 days (RD Art. 7).");
        return
        [
            new ReturnCaseOpened(command.CaseId, command.Country, ReturnBasis.IrregularStay, null, false, command.Nationality,
                command.DecidedBy, now),
            ReturnDecisionRequestedHandler.Issued(command.CaseId, command.ReturnDecision, command.DecidedBy, now, false,
                catalog.Calendar(command.Country)),
        ];
    }

    /// <summary>Opens the stream; a case id that exists already is refused with <see cref="CaseAlreadyExists"/>,
    /// unless the command repeats the opening of that irregular-stay case (then nothing changes).</summary>
    public static (CaseChange, OutgoingMessages) Handle(
        OpenReturnCase command, [Case(Required = false)] IEventStream<ReturnCase> stream, WorkflowCatalog catalog, TimeProvider clock)
    {
        CaseStreams.MustBeNew(stream, c => c.Country == command.Country && c.Nationality == command.Nationality
            && c.AsylumCaseId is null);
        var now = clock.GetUtcNow();
        return CaseStreams.Decide(ReturnCases.Kind, stream, null, catalog, now, state => Decide(state, command, now, catalog));
    }
}
