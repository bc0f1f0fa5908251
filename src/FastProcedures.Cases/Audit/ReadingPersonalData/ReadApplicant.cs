using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Audit.AccessLog;
using FastProcedures.Cases.Audit.SealingPersonalData;
using Marten;

namespace FastProcedures.Cases.Audit.ReadingPersonalData;

/// <summary>
/// The one way to read an applicant's personal data: unsealed with the person's key, or <c>[erased]</c> after
/// crypto-shredding; every read is logged in the case's access stream (GDPR Art. 5(2) accountability).
/// </summary>
public static class ReadApplicant
{
    public static async Task<PersonalDetails?> LoadAsync(
        IDocumentSession session, string caseId, Reader reader, DateTimeOffset now, CancellationToken cancellation)
    {
        var events = await session.Events.FetchStreamAsync(caseId, token: cancellation);
        if (events.FirstOrDefault()?.Data is not ApplicationMade made)
        {
            return null;
        }
        var details = await PersonalData.UnsealAsync(session, made.Applicant, cancellation);
        CaseAccessLog.Record(session, caseId, reader, now);
        await session.SaveChangesAsync(cancellation);
        return details;
    }
}
