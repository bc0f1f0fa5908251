using FastProcedures.Cases.Procedures;
using Wolverine;

namespace FastProcedures.Cases.Asylum.DeterminingResponsibility;

/// <summary>Send the take-charge request to the Member State considered responsible (AMMR Art. 39). Whether it rests
/// on a Eurodac or VIS hit (reply within 2 weeks, Art. 40(2)) is given; whether the applicant is detained (reply
/// within 1 week, silence is acceptance, Art. 45(2)) is the case's own state.</summary>
public sealed record SendTakeChargeRequest(string CaseId, long? ExpectedVersion, string RequestedState, bool EurodacHit, string SentBy) : IAsylumCommand;

public static class SendTakeChargeRequestHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, SendTakeChargeRequest command, DateTimeOffset now, WorkflowCatalog catalog)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.SentBy, "SentBy");
        Validation.Require(command.RequestedState is { Length: 2 } && command.RequestedState.All(char.IsAsciiLetterUpper),
            $"RequestedState '{command.RequestedState}' is not a Member State code (ISO 3166-1 alpha-2, e.g. DE).");
        Validation.Require(command.RequestedState != open.Country, "A take-charge request goes to another Member State.");
        var workflow = catalog.StartedBy(AsylumCases.Kind.Name, nameof(ResponsibilityCheckStarted));
        Validation.Require(workflow is not null && open.Workflows.Has(workflow),
            $"The responsibility check of case {command.CaseId} has not started (start-responsibility-check).");
        return open.TakeChargeRequested
            ? []
            : [new TakeChargeRequestSent(command.CaseId, command.RequestedState, command.EurodacHit, command.SentBy, now, open.Detained)];
    }
}
