using FastProcedures.Cases.Messages;
using Marten;

namespace FastProcedures.Cases.Deadlines.NotifyingUnits;

/// <summary>A warning or escalation a definition sent to a unit, kept in that unit's inbox until handled.</summary>
public sealed class UnitInboxItem
{
    public string Id { get; set; } = "";
    public string CaseId { get; set; } = "";
    public string Unit { get; set; } = "";
    public string Message { get; set; } = "";
    public string Workflow { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTimeOffset SentAt { get; set; }
    public bool Handled { get; set; }
}

public static class UnitNotifiedHandler
{
    /// <summary>The messages Wolverine gathered for one country (<c>BatchMessagesOf</c> in Configuration), stored in
    /// one transaction. Idempotent: an item's id is derived from the case, message and time, so a redelivery
    /// overwrites it.</summary>
    public static void Handle(UnitNotified[] messages, IDocumentSession session)
    {
        foreach (var message in messages)
        {
            session.Store(new UnitInboxItem
            {
                Id = $"{message.CaseId}/{message.Workflow}/{message.Message}/{message.SentAt.UtcTicks}",
                CaseId = message.CaseId,
                Unit = message.Unit,
                Message = message.Message,
                Workflow = message.Workflow,
                Reason = message.Reason,
                SentAt = message.SentAt,
            });
        }
    }
}
