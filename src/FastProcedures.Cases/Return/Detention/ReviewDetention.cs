using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return.Detention;

/// <summary>Review detention at reasonable intervals (RD Art. 15(3)).</summary>
public sealed record ReviewDetention(string CaseId, long? ExpectedVersion, DetentionReviewOutcome Outcome, string ReviewedBy) : IReturnCommand;

public static class ReviewDetentionHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, ReviewDetention command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.ReviewedBy, "ReviewedBy");
        Validation.Require(open.Detained, $"The person of return case {command.CaseId} is not detained.");
        return [new DetentionReviewed(command.CaseId, command.Outcome, command.ReviewedBy, now)];
    }
}
