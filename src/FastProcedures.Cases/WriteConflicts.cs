using Marten;
using Marten.Schema;
using Marten.Services;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FastProcedures.Cases;

/// <summary>
/// Two writers meeting on one case stream are an outcome, not a fault. A command that opens a case starts its stream in
/// its one commit, without a lock or a check of its own: two openings of one case id at the same time both find no
/// stream, and PostgreSQL's unique key on <c>mt_streams</c> holds the later insert until the earlier commits, then
/// fails it (or, starting later, the append finds the stream at another version). Marten throws, the retry policy
/// (Configuration) runs the command again, and it finds the case and is refused with <see cref="CaseAlreadyExists"/>
/// (or, as a repeat, changes nothing); a version conflict between two other writers is retried the same way. Wolverine
/// logs that failed attempt as information (<see cref="CaseFailuresAreInformation"/>); this wraps Marten's own logger
/// at start so that Marten does too. Every other failure reaches Marten's logger as before.
/// </summary>
internal sealed class WriteConflictsAreInformation(ILogger<IDocumentStore> logger) : IInitialData
{
    public Task Populate(IDocumentStore store, CancellationToken cancellation)
    {
        if (store.Options.Logger() is not Log)
        {
            ((StoreOptions)store.Options).Logger(new Log(store.Options.Logger(), logger));
        }
        return Task.CompletedTask;
    }

    /// <summary>A stream insert that met another writer's (unique key of <c>mt_streams</c>), or an append that found the
    /// stream at another version than it loaded (Marten's quick append raises MT003).</summary>
    public static bool IsWriteConflict(Exception e) => e
        is JasperFx.Events.ExistingStreamIdCollisionException
        or Marten.Exceptions.ExistingStreamIdCollisionException
        or JasperFx.ConcurrencyException
        or JasperFx.Events.EventStreamUnexpectedMaxEventIdException
        or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "mt_streams" }
        or PostgresException { SqlState: "MT003" }
        || e.InnerException is { } cause && IsWriteConflict(cause);

    private sealed class Log(IMartenLogger inner, ILogger logger) : IMartenLogger
    {
        public IMartenSessionLogger StartSession(IQuerySession session) => new SessionLog(inner.StartSession(session), logger);

        public void SchemaChange(string sql) => inner.SchemaChange(sql);
    }

    private sealed class SessionLog(IMartenSessionLogger inner, ILogger logger) : IMartenSessionLogger
    {
        public void LogSuccess(NpgsqlCommand command) => inner.LogSuccess(command);

        public void LogSuccess(NpgsqlBatch batch) => inner.LogSuccess(batch);

        public void LogFailure(NpgsqlCommand command, Exception ex)
        {
            if (!Expected(ex))
            {
                inner.LogFailure(command, ex);
            }
        }

        public void LogFailure(NpgsqlBatch batch, Exception ex)
        {
            if (!Expected(ex))
            {
                inner.LogFailure(batch, ex);
            }
        }

        public void LogFailure(Exception ex, string message)
        {
            if (!Expected(ex))
            {
                inner.LogFailure(ex, message);
            }
        }

        public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) => inner.RecordSavedChanges(session, commit);

        public void OnBeforeExecute(NpgsqlCommand command) => inner.OnBeforeExecute(command);

        public void OnBeforeExecute(NpgsqlBatch batch) => inner.OnBeforeExecute(batch);

        private bool Expected(Exception ex)
        {
            if (!IsWriteConflict(ex))
            {
                return false;
            }
            logger.LogInformation("Another writer changed the case first; the command is retried: {Reason}", ex.Message);
            return true;
        }
    }
}
