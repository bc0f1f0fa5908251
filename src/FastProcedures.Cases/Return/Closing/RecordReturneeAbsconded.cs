using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return.Closing;

/// <summary>Record that the returnee absconded; timers suspend as the definition says.</summary>
public sealed record RecordReturneeAbsconded(string CaseId, long? ExpectedVersion, string RecordedBy) : IReturnCommand;

public static class RecordReturneeAbscondedHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, RecordReturneeAbsconded command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.RecordedBy, "RecordedBy");
        return [new ReturneeAbsconded(command.CaseId, command.RecordedBy, now)];
    }
}
