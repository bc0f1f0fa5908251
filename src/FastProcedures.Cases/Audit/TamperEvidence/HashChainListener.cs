using System.Runtime.CompilerServices;
using JasperFx.Events;
using Marten;
using Marten.Services;

namespace FastProcedures.Cases.Audit.TamperEvidence;

/// <summary>
/// Stamps every appended event with its chained hash (<see cref="EventHashChain"/>) in the event headers, inside the
/// transaction that appends it: every write path (commands, deadlines, the access log) goes through Marten's
/// SaveChanges, so no event is stored without its link.
/// </summary>
public sealed class HashChainListener : DocumentSessionListenerBase
{
    private sealed record Link(string Previous, long Version);

    private static readonly ConditionalWeakTable<IEvent, Link> Known = new();

    private sealed record Computed(string Previous, long Version, string Hash);

    private static readonly ConditionalWeakTable<IEvent, Computed> Hashes = new();

    /// <summary>The link of an appended event after <paramref name="previous"/> at <paramref name="version"/>, computed
    /// once: the inline snapshot (which keeps the chain head) asks first, this listener stamps the same value.</summary>
    public static string HashOf(ISerializer serializer, string previous, string streamId, long version, IEvent e)
    {
        if (Hashes.TryGetValue(e, out var computed) && computed.Version == version && computed.Previous == previous)
        {
            return computed.Hash;
        }
        var hash = EventHashChain.Link(previous, streamId, version, e.EventTypeName, serializer.ToJson(e.Data));
        Hashes.AddOrUpdate(e, new Computed(previous, version, hash));
        return hash;
    }

    /// <summary>The write path loaded the stream at <paramref name="version"/> whose last hash is
    /// <paramref name="previousHash"/> (kept on the snapshot), so the chain continues without reading the last event.</summary>
    public static void Follows(IEvent first, string? previousHash, long version)
    {
        if (previousHash is not null)
        {
            Known.AddOrUpdate(first, new Link(previousHash, version));
        }
    }

    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var serializer = session.DocumentStore.Options.Serializer();
        var streams = session.PendingChanges.Streams().Where(s => s.Events.Count > 0).ToList();
        var unversioned = streams
            .Where(s => !Known.TryGetValue(s.Events[0], out _) && s.Events[0].Version <= 0)
            .Select(s => $"{s.TenantId ?? session.TenantId}/{s.Key ?? s.Id.ToString()}")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (unversioned.Count > 0)
        {
            await LockAsync(session, unversioned, token);
        }
        foreach (var stream in streams)
        {
            var key = stream.Key ?? stream.Id.ToString();
            if (Known.TryGetValue(stream.Events[0], out var known))
            {
                Stamp(serializer, stream, key, known.Version + 1, known.Previous);
                continue;
            }
            var first = stream.Events[0].Version;
            if (first <= 0)
            {
                // An append without an expected version (the access log): the database numbers the events after the
                // stream's last one, read here under the stream's lock, so the version and the link are the ones stored.
                var state = await session.Events.FetchStreamStateAsync(key, token);
                first = (state?.Version ?? 0) + 1;
            }
            var previous = first <= 1 ? EventHashChain.Genesis : await PreviousHashAsync(session, stream, key, first - 1, token);
            Stamp(serializer, stream, key, first, previous);
        }
    }

    /// <summary>
    /// Appends without an expected version (every read of a case appends to its access stream) are serialised per
    /// stream by a transaction-scoped PostgreSQL advisory lock taken in the session's own transaction: the next writer
    /// reads the stream's version and last hash only after the previous one committed, in this process or any other.
    /// Locks are taken in key order so two sessions appending to several streams cannot deadlock.
    /// </summary>
    internal static async Task LockAsync(IDocumentSession session, IReadOnlyList<string> keys, CancellationToken token)
    {
        await session.BeginTransactionAsync(token);
        foreach (var key in keys)
        {
            await using var command = session.Connection!.CreateCommand();
            command.CommandText = "select pg_advisory_xact_lock(hashtextextended(@key, 0))";
            command.Parameters.Add(new Npgsql.NpgsqlParameter("key", key));
            await command.ExecuteNonQueryAsync(token);
        }
    }

    private static void Stamp(ISerializer serializer, StreamAction stream, string key, long first, string previous)
    {
        var version = first;
        foreach (var e in stream.Events)
        {
            var hash = HashOf(serializer, previous, key, version++, e);
            e.SetHeader(EventHashChain.Header, hash);
            previous = hash;
        }
    }

    private static async Task<string> PreviousHashAsync(
        IDocumentSession session, StreamAction stream, string key, long version, CancellationToken token)
    {
        var tenant = stream.TenantId ?? session.TenantId;
        IQuerySession query = tenant == session.TenantId ? session : session.ForTenant(tenant);
        var last = await query.Events.QueryAllRawEvents()
            .Where(e => e.StreamKey == key && e.Version == version)
            .SingleOrDefaultAsync(token);
        // A previous event without a hash (written before the chain existed) links as the genesis; verify-chain
        // reports that event as unlinked, so nothing is hidden.
        return last?.GetHeader(EventHashChain.Header)?.ToString() ?? EventHashChain.Genesis;
    }
}
