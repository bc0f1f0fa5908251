using System.Reflection;
using FastProcedures.Cases.Deadlines.NotifyingUnits;
using FastProcedures.Cases.Queries.CaseSummaries;
using FastProcedures.Cases.Queries.Kpis;
using FastProcedures.Cases.Return;
using JasperFx.Events.Daemon;
using FastProcedures.Cases.Workflows;
using JasperFx.Events.Projections;
using Marten.Exceptions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Weasel.Core;
using Wolverine.ErrorHandling;
using JasperFx;
using JasperFx.Events;
using JasperFx.MultiTenancy;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Marten;
using Wolverine.RabbitMQ;
using Wolverine.RuntimeCompilation;

namespace FastProcedures.Cases;

/// <summary>How one process of FastProcedures talks to PostgreSQL and runs its messaging.</summary>
public sealed record CasesSettings(string ConnectionString)
{
    /// <summary>Solo in tests and single-node runs; Balanced when several nodes share one database.</summary>
    public DurabilityMode DurabilityMode { get; init; } = DurabilityMode.Balanced;

    /// <summary>How often due scheduled messages (deadline timers) are polled from PostgreSQL.</summary>
    public TimeSpan? ScheduledJobPollingTime { get; init; }

    /// <summary>Set when the host is built from another assembly (tests), so Wolverine finds our handlers.</summary>
    public Assembly? ApplicationAssembly { get; init; }

    /// <summary>A RabbitMQ broker (<c>FASTPROC_RABBITMQ</c>); when set, the unit queues live there, else locally.</summary>
    public Uri? RabbitMqUri { get; init; }

    /// <summary>The <c>workflows/</c> folder; found from the working directory when not given.</summary>
    public string? WorkflowsDirectory { get; init; }

    /// <summary>Extra configuration (tests add their own handlers or queues here).</summary>
    public Action<WolverineOptions>? ConfigureWolverine { get; init; }
}

/// <summary>
/// Marten (event store, documents) and Wolverine (durable inbox/outbox on PostgreSQL, one durable local queue per
/// unit) configured in one place, shared by the web host, the CLI and the tests.
/// </summary>
public static class Configuration
{
    /// <summary>The units cases move between; each is a durable local queue (or a RabbitMQ queue of that name).</summary>
    public static readonly IReadOnlyList<string> UnitQueues = ["reception", "asylum", "return"];

    public static void AddFastProcedures(this WolverineOptions opts, CasesSettings settings)
    {
        opts.UseRuntimeCompilation();
        opts.ApplicationAssembly = settings.ApplicationAssembly ?? typeof(Configuration).Assembly;
        opts.Discovery.IncludeAssembly(typeof(Configuration).Assembly);

        // Definitions fail fast: an invalid workflow file stops the start with its file:line:col errors.
        opts.Services.AddSingleton(WorkflowCatalog.Load(settings.WorkflowsDirectory));
        opts.Services.TryAddSingleton(TimeProvider.System);

        opts.Services.AddMarten(store =>
            {
                store.Connection(settings.ConnectionString);
                store.ConfigureFastProcedures();
                // Cross-case views run in the async daemon of the serving host only (not in CLI tools).
                store.Projections.Add(new KpiFactProjection(), ProjectionLifecycle.Async);
            })
            .AddAsyncDaemon(settings.DurabilityMode == DurabilityMode.Solo ? DaemonMode.Solo : DaemonMode.HotCold)
            .IntegrateWithWolverine()
            .UseLightweightSessions();
        opts.Services.InitializeMartenWith<Queries.CaseSummaries.CaseSummaryIndexes.FillNewColumns>();

        opts.Durability.Mode = settings.DurabilityMode;
        if (settings.ScheduledJobPollingTime is { } polling)
        {
            opts.Durability.ScheduledJobPollingTime = polling;
        }
        opts.Policies.AutoApplyTransactions();
        // Two openings of one case id met at the stream insert: the retry finds the case and refuses (CaseAlreadyExists).
        opts.Policies.OnException<JasperFx.Events.ExistingStreamIdCollisionException>().RetryTimes(1);
        opts.Policies.OnException<Marten.Exceptions.ExistingStreamIdCollisionException>().RetryTimes(1);
        // Two writers raced on one case: the loser re-reads the stream and decides again.
        opts.Policies.OnException<ConcurrencyException>().RetryWithCooldown(
            TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500));
        opts.Policies.OnException<EventStreamUnexpectedMaxEventIdException>().RetryWithCooldown(
            TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500));
        opts.Policies.Add<CaseFailuresAreInformation>();
        // A refused command or a stale version will not succeed by retrying.
        opts.Policies.OnException<CaseCommandRefused>().MoveToErrorQueue();
        opts.Policies.OnException<CaseVersionConflict>().MoveToErrorQueue();
        opts.Policies.OnException<CaseAlreadyExists>().MoveToErrorQueue();
        if (settings.RabbitMqUri is { } broker)
        {
            opts.UseRabbitMq(broker).AutoProvision();
            foreach (var unit in UnitQueues)
            {
                opts.ListenToRabbitQueue(unit).UseDurableInbox();
            }
        }
        else
        {
            foreach (var unit in UnitQueues)
            {
                opts.LocalQueue(unit).UseDurableInbox();
            }
        }
        // Messages whose receiving unit is fixed by their type; the others name their unit in the definition.
        opts.PublishToUnit<Messages.HandOverAcknowledgement>(settings, "asylum");
        settings.ConfigureWolverine?.Invoke(opts);
    }

    /// <summary>Routes a message type to a unit's queue: RabbitMQ when a broker is configured, else the local one.</summary>
    public static void PublishToUnit<TMessage>(this WolverineOptions opts, CasesSettings settings, string unit)
    {
        if (!UnitQueues.Contains(unit))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "Not a unit queue.");
        }
        if (settings.RabbitMqUri is not null)
        {
            opts.PublishMessage<TMessage>().ToRabbitQueue(unit).UseDurableOutbox();
        }
        else
        {
            opts.PublishMessage<TMessage>().ToLocalQueue(unit);
        }
    }

    public static void ConfigureFastProcedures(this StoreOptions store)
    {
        store.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        store.DatabaseSchemaName = "fastproc";
        // Case ids are readable strings (e.g. BG-2026-000123); the case's country is its tenant.
        store.Events.StreamIdentity = StreamIdentity.AsString;
        store.Events.TenancyStyle = TenancyStyle.Conjoined;
        store.Policies.AllDocumentsAreMultiTenanted();
        store.Events.MetadataConfig.HeadersEnabled = true;
        store.Events.MetadataConfig.CausationIdEnabled = true;
        store.Events.MetadataConfig.CorrelationIdEnabled = true;
        store.Events.MetadataConfig.UserNameEnabled = true;
        // Two openings of one case id: the second is refused as existing instead of failing at the stream insert.
        store.Listeners.Add(new CaseOpeningListener());
        // Tamper evidence: every appended event carries a hash chained to the previous one of its stream.
        store.Listeners.Add(new Audit.TamperEvidence.HashChainListener());
        store.UseSystemTextJsonForSerialization(EnumStorage.AsString);
        store.Projections.Add(new AsylumCaseProjection(store.Serializer()), ProjectionLifecycle.Inline);
        store.Projections.Add(new ReturnCaseProjection(store.Serializer()), ProjectionLifecycle.Inline);
        store.Projections.Add(new CaseSummaryProjection(), ProjectionLifecycle.Inline);
        // A projection that cannot apply an event stops with the error instead of skipping it (STYLE: never skip
        // projection errors silently), in normal runs and in rebuilds alike.
        foreach (var errors in new[] { store.Projections.Errors, store.Projections.RebuildErrors })
        {
            errors.SkipApplyErrors = false;
            errors.SkipSerializationErrors = false;
            errors.SkipUnknownEvents = false;
        }
        // Work queues and deadline boards stay fast at a million cases (DESIGN §7).
        store.Schema.For<CaseSummary>().Duplicate(x => x.Unit).Duplicate(x => x.NextDeadlineAt).Duplicate(x => x.Closed)
            .Duplicate(x => x.BreachedDeadlines).Duplicate(x => x.HandOverSentAt);
        store.IndexBoardsAndQueues();
        store.Schema.For<ReturnCase>().Duplicate(x => x.Closed);
        store.Schema.For<KpiFact>().Duplicate(x => x.Day).Duplicate(x => x.Fact);
        store.Schema.For<UnitInboxItem>().Index(x => x.Unit);
    }
}
