using JasperFx.Events;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum.Examining;

/// <summary>Record that the personal interview was held (APR Art. 12-14).</summary>
public sealed record HoldInterview(string CaseId, long? ExpectedVersion, string HeldBy);

public static class HoldInterviewHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, HoldInterview command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.HeldBy, "HeldBy");
        Validation.Require(open.Decision is null, $"Case {command.CaseId} is decided already.");
        return open.Interviewed ? [] : [new InterviewHeld(command.CaseId, command.HeldBy, now)];
    }

    public static (CaseChange, OutgoingMessages) Handle(
        HoldInterview command, [Case] IEventStream<AsylumCase> stream, WorkflowCatalog catalog, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return CaseStreams.Decide(AsylumCases.Kind, stream, command.ExpectedVersion, catalog, now, state => Decide(state, command, now));
    }
}
