using JasperFx.Events;
using Marten;

namespace FastProcedures.Cases.Audit.AccessLog;

/// <summary>A person read a case (time travel, replay, personal data): who, why and when. Accountability for
/// processing personal data (GDPR Art. 5(2)); kept in its own stream so reading never changes the case's history.</summary>
public sealed record CaseRead(string CaseId, string ReadBy, string Purpose, DateTimeOffset ReadAt);

/// <summary>Who reads, and for what (e.g. "audit replay", "appeal file").</summary>
public sealed record Reader(string ReadBy, string Purpose);

/// <summary>The access stream of a case: <c>{caseId}/access</c>, one <see cref="CaseRead"/> per read.</summary>
public static class CaseAccessLog
{
    public static string StreamId(string caseId) => caseId + "/access";

    /// <summary>Records a read in the session; it is stored with the session's next SaveChanges.</summary>
    public static CaseRead Record(IDocumentSession session, string caseId, Reader reader, DateTimeOffset now)
    {
        Validation.Required(reader.ReadBy, "ReadBy");
        Validation.Required(reader.Purpose, "Purpose");
        var read = new CaseRead(caseId, reader.ReadBy, reader.Purpose, now);
        // Typed as an access stream, so the inline projections of cases pass it by without loading their documents.
        session.Events.Append(StreamId(caseId), read).AggregateType = typeof(CaseRead);
        return read;
    }

    public static async Task<IReadOnlyList<CaseRead>> ReadsAsync(IQuerySession session, string caseId, CancellationToken cancellation)
    {
        var events = await session.Events.FetchStreamAsync(StreamId(caseId), token: cancellation);
        return events.Select(e => e.Data).OfType<CaseRead>().ToList();
    }
}
