using Npgsql;

namespace FastProcedures.Cases.Audit.TamperEvidence;

/// <summary>The first link of a stream that does not hold: the stored hash is missing or not the one its data gives
/// (<c>Reason</c> null), or the stream's last events are missing (<c>Reason</c> says so, <c>Sequence</c> 0).</summary>
public sealed record BrokenLink(
    string Tenant, string StreamId, long Version, long Sequence, string EventType, string? Stored, string Expected, string? Reason = null);

public sealed record ChainReport(int Streams, long Events, IReadOnlyList<BrokenLink> Broken)
{
    public bool Intact => Broken.Count == 0;
}

/// <summary>
/// Walks every stored event stream straight from <c>mt_events</c> (not through Marten's deserializer, so a change to
/// any byte of the stored data counts) and recomputes its hash chain. An UPDATE made in SQL behind the application's
/// back changes the data but cannot produce the matching hash without rewriting every later link.
/// </summary>
public static class VerifyChain
{
    /// <param name="caseId">Only the case's streams (its own and those under <c>{caseId}/</c>); null for all.</param>
    public static async Task<ChainReport> RunAsync(
        string connectionString, string? tenant, Action<string>? progress = null, CancellationToken cancellation = default,
        string? caseId = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(
            """
            select tenant_id, stream_id, version, seq_id, type, data::text, headers->>'hash'
            from fastproc.mt_events
            where (@tenant::varchar is null or tenant_id = @tenant)
              and (@case::varchar is null or stream_id = @case or left(stream_id, length(@case) + 1) = @case || '/')
            order by tenant_id, stream_id, version
            """, connection);
        command.Parameters.AddWithValue("tenant", (object?)tenant ?? DBNull.Value);
        command.Parameters.AddWithValue("case", (object?)caseId ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellation);

        var broken = new List<BrokenLink>();
        var streams = 0;
        long events = 0;
        (string Tenant, string Stream)? current = null;
        var previous = EventHashChain.Genesis;
        var streamBroken = false;
        while (await reader.ReadAsync(cancellation))
        {
            var key = (reader.GetString(0), reader.GetString(1));
            if (current != key)
            {
                current = key;
                previous = EventHashChain.Genesis;
                streamBroken = false;
                streams++;
                if (streams % 1000 == 0)
                {
                    progress?.Invoke($"{streams} streams checked ...");
                }
            }
            events++;
            var version = reader.GetInt64(2);
            var type = reader.GetString(4);
            var stored = reader.IsDBNull(6) ? null : reader.GetString(6);
            var expected = EventHashChain.Link(previous, key.Item2, version, type, reader.GetString(5));
            if (!streamBroken && stored != expected)
            {
                broken.Add(new BrokenLink(key.Item1, key.Item2, version, reader.GetInt64(3), type, stored, expected));
                streamBroken = true; // only the first broken link of a stream; later ones follow from it
            }
            // The chain goes on from what is stored, so one altered event is reported once, not every event after it.
            previous = stored ?? expected;
        }
        await reader.CloseAsync();
        await FindTruncatedAsync(connection, tenant, caseId, broken, cancellation);
        return new ChainReport(streams, events, broken);
    }

    /// <summary>Deleting a stream's last events leaves a chain that holds; the stream's recorded version does not
    /// match it any more. (Rewriting that version too, or deleting whole streams, needs the head hashes anchored
    /// outside the database to be found.)</summary>
    private static async Task FindTruncatedAsync(
        NpgsqlConnection connection, string? tenant, string? caseId, List<BrokenLink> broken, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            """
            select s.tenant_id, s.id, s.version, coalesce(max(e.version), 0)
            from fastproc.mt_streams s left join fastproc.mt_events e on e.stream_id = s.id and e.tenant_id = s.tenant_id
            where (@tenant::varchar is null or s.tenant_id = @tenant)
              and (@case::varchar is null or s.id = @case or left(s.id, length(@case) + 1) = @case || '/')
            group by s.tenant_id, s.id, s.version
            having s.version <> coalesce(max(e.version), 0)
            """, connection);
        command.Parameters.AddWithValue("tenant", (object?)tenant ?? DBNull.Value);
        command.Parameters.AddWithValue("case", (object?)caseId ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var (streamTenant, stream, version, last) = (reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3));
            if (!broken.Any(b => b.Tenant == streamTenant && b.StreamId == stream))
            {
                broken.Add(new BrokenLink(streamTenant, stream, last + 1, 0, "(missing)", null, "",
                    $"the stream is at version {version} but its last stored event is version {last}"));
            }
        }
    }
}
