using JasperFx.Events;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Audit.SealingPersonalData;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Audit.ErasingPersonalData;

/// <summary>
/// Erase the applicant's personal data by crypto-shredding (GDPR Art. 17(1); storage limitation, Art. 5(1)(e)): the
/// data protection officer's act, once no retention duty applies any more — e.g. after the Eurodac retention period
/// (Reg. (EU) 2024/1358 Art. 29) or when the data was processed unlawfully. <c>LegalGround</c> records which.
/// </summary>
public sealed record ErasePersonalData(string CaseId, string LegalGround, string ErasedBy);

/// <summary>The person's key was erased: the sealed data in this case's events can no longer be read. The events
/// themselves, their hash chain and the workflow history stay unchanged and verifiable.</summary>
public sealed record PersonalDataErased(string CaseId, IReadOnlyList<string> KeyIds, string LegalGround, string ErasedBy, DateTimeOffset ErasedAt);

public static class ErasePersonalDataHandler
{
    /// <summary>Pure: <paramref name="keyIds"/> are the case's keys still held; none left means already erased.</summary>
    public static IReadOnlyList<object> Decide(AsylumCase? state, ErasePersonalData command, IReadOnlyList<string> keyIds, DateTimeOffset now)
    {
        Validation.Require(state is not null, $"There is no asylum case {command.CaseId}.");
        if (keyIds.Count == 0)
        {
            return [];
        }
        Validation.Required(command.LegalGround, "LegalGround");
        Validation.Required(command.ErasedBy, "ErasedBy");
        return [new PersonalDataErased(command.CaseId, keyIds, command.LegalGround, command.ErasedBy, now)];
    }

    public static async Task<(CaseChange, OutgoingMessages)> Handle(
        ErasePersonalData command, [Case] IEventStream<AsylumCase> stream, IDocumentSession session, WorkflowCatalog catalog,
        TimeProvider clock, CancellationToken cancellation)
    {
        var keyIds = await session.Query<PersonKey>().Where(k => k.CaseId == command.CaseId).Select(k => k.Id).ToListAsync(cancellation);
        var now = clock.GetUtcNow();
        var (change, messages) = CaseStreams.Decide(AsylumCases.Kind, stream, null, catalog, now,
            state => Decide(state, command, keyIds, now));
        foreach (var erased in change.Events.OfType<PersonalDataErased>())
        {
            foreach (var keyId in erased.KeyIds)
            {
                // Deleted in the same transaction as the event: no erasure without its record, nor the reverse.
                session.Delete<PersonKey>(keyId);
            }
        }
        return (change, messages);
    }
}
