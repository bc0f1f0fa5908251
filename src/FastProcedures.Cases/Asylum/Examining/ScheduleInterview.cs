using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum.Examining;

/// <summary>Schedule the personal interview (APR Art. 12-14).</summary>
public sealed record ScheduleInterview(string CaseId, long? ExpectedVersion, DateTimeOffset InterviewOn, string ScheduledBy) : IAsylumCommand;

public static class ScheduleInterviewHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, ScheduleInterview command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.ScheduledBy, "ScheduledBy");
        Validation.Require(command.InterviewOn > now, "The interview must be scheduled in the future.");
        Validation.Require(open.Decision is null, $"Case {command.CaseId} is decided already.");
        return [new InterviewScheduled(command.CaseId, command.InterviewOn, command.ScheduledBy, now)];
    }
}
