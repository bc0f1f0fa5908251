using System.Reflection;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Audit;
using FastProcedures.Cases.Deadlines.RecomputingForCalendar;
using FastProcedures.Cases.Messages;
using FastProcedures.Cases.Queries;
using FastProcedures.Cases.Reception;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Procedures;
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

namespace FastProcedures.Cases;

/// <summary>How one process of FastProcedures talks to PostgreSQL and runs its messaging.</summary>
public sealed record CasesSettings(string ConnectionString)
{
    /// <summary>Solo in tests and single-node runs; Balanced when several nodes share one database. Applied by the
    /// host (Wolverine's durability agents and Marten's daemon mode), not by this library.</summary>
    public DurabilityMode DurabilityMode { get; init; } = DurabilityMode.Balanced;

    /// <summary>How often due scheduled messages (deadline timers) are polled from PostgreSQL.</summary>
    public TimeSpan? ScheduledJobPollingTime { get; init; }

    /// <summary>Set when the host is built from another assembly (tests), so Wolverine finds our handlers.</summary>
    public Assembly? ApplicationAssembly { get; init; }

    /// <summary>Where the unit queues live: durable local queues unless the host puts them on a broker.</summary>
    public IUnitTransport Units { get; init; } = LocalUnitQueues.Instance;

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
    public static readonly IReadOnlyList<string> UnitQueues = [ReceptionConfiguration.Unit, AsylumConfiguration.Unit, ReturnConfiguration.Unit];

    /// <summary>Handlers, policies, unit queues and the Marten store. The host adds what belongs to the process: code
    /// generation, the transport of the unit queues (<see cref="CasesSettings.Units"/>), the durability mode and the
    /// async daemon mode on the returned Marten configuration.</summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddFastProcedures(
        this WolverineOptions opts, CasesSettings settings)
    {
        opts.ApplicationAssembly = settings.ApplicationAssembly ?? typeof(Configuration).Assembly;
        opts.Discovery.IncludeAssembly(typeof(Configuration).Assembly);

        // Definitions fail fast: an invalid workflow file stops the start with its file:line:col errors.
        opts.Services.AddSingleton(WorkflowCatalog.Load(settings.WorkflowsDirectory));
        opts.Services.TryAddSingleton(TimeProvider.System);

        var marten = opts.Services.AddMarten(store =>
            {
                store.Connection(Connections.WithPreparedStatements(settings.ConnectionString));
                store.ConfigureFastProcedures();
                store.AddAsyncQueries();
                store.ProjectEveryCommittedEvent();
            })
            // Wolverine's agents run the async projections (replacing Marten's own daemon coordination): all on the one
            // node in Solo, spread over the nodes sharing the database in Balanced (DESIGN §7); the host's durability
            // mode chooses which. A node that dies has its agents restarted elsewhere.
            .IntegrateWithWolverine(w => w.UseWolverineManagedEventSubscriptionDistribution = true)
            .UseLightweightSessions();
        // Two writers meeting on one case stream are information in Marten's log too (WriteConflicts.cs).
        opts.Services.InitializeMartenWith<WriteConflictsAreInformation>();
        opts.Services.InitializeMartenWith<Queries.CaseSummaries.CaseSummaryIndexes.FillNewColumns>();
        opts.Services.InitializeMartenWith<SnapshotsCarrySummaries>();

        opts.Policies.AutoApplyTransactions();
        opts.HandleCommandsByCaseKind();
        // Two openings of one case id met at the stream insert: the retry finds the case and refuses (CaseAlreadyExists).
        opts.Policies.OnException<JasperFx.Events.ExistingStreamIdCollisionException>().RetryTimes(1);
        opts.Policies.OnException<Marten.Exceptions.ExistingStreamIdCollisionException>().RetryTimes(1);
        // Two writers raced on one case: the loser re-reads the stream and decides again.
        opts.Policies.OnException<ConcurrencyException>().RetryWithCooldown(
            TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500));
        opts.Policies.OnException<EventStreamUnexpectedMaxEventIdException>().RetryWithCooldown(
            TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500));
        opts.Policies.Add<CaseFailuresAreInformation>();
        opts.RetryThroughDatabaseOutages();
        // A refused command or a stale version will not succeed by retrying.
        opts.Policies.OnException<CaseCommandRefused>().MoveToErrorQueue();
        opts.Policies.OnException<CaseVersionConflict>().MoveToErrorQueue();
        opts.Policies.OnException<CaseAlreadyExists>().MoveToErrorQueue();
        settings.Units.Configure(opts);
        foreach (var unit in UnitQueues)
        {
            settings.Units.Listen(opts, unit);
        }
        // Wolverine routes every outgoing message by its type: to the unit that type goes to (each module's rules),
        // or to the unit the message names (a definition's send.to; the unit owning the case of a deadline).
        opts.AddAsylum(settings);
        opts.AddReturn(settings);
        opts.PublishWithMessageRoutingSource(new UnitRouting<UnitNotified>(m => m.Unit));
        // A warning or escalation only adds an item to a unit's inbox: Wolverine gathers those that arrive together
        // (per country) and one transaction stores them, instead of one transaction per message. Each message stays in
        // the durable inbox, unsettled, until its batch is stored, so a crash while they wait loses none.
        opts.BatchMessagesOf<UnitNotified>(batching =>
        {
            batching.TriggerTime = UnitNotificationWait;
            batching.BatchSize = 100;
        });
        opts.PublishWithMessageRoutingSource(new UnitRouting<DeadlineDue>(m => UnitOwning(m.CaseKind)));
        opts.PublishWithMessageRoutingSource(new UnitRouting<ApplyCalendarChange>(m => UnitOwning(m.CaseKind)));
        settings.ConfigureWolverine?.Invoke(opts);
        return marten;
    }

    /// <summary>A batch of units' warnings and escalations is stored once this long passes without another (Wolverine
    /// restarts the wait on each message); short, so an inbox shows them soon after the deadline.</summary>
    private static readonly TimeSpan UnitNotificationWait = TimeSpan.FromMilliseconds(25);

    /// <summary>The unit that owns a kind of case (asylum, return): its deadlines and calendar changes go to its queue.</summary>
    public static string UnitOwning(string caseKind) =>
        caseKind == AsylumCases.Kind.Name ? AsylumCases.Kind.Unit
        : caseKind == ReturnCases.Kind.Name ? ReturnCases.Kind.Unit
        : throw new ArgumentOutOfRangeException(nameof(caseKind), caseKind, "Not a kind of case.");

    /// <summary>Routes a message type to a unit's queue, on the transport the host chose.</summary>
    public static void PublishToUnit<TMessage>(this WolverineOptions opts, CasesSettings settings, string unit)
    {
        if (!UnitQueues.Contains(unit))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "Not a unit queue.");
        }
        settings.Units.Publish<TMessage>(opts, unit);
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
        // The case snapshots store the case summary they carry in the command's commit (Projections.cs).
        store.Events.EnableSideEffectsOnInlineProjections = true;
        store.UseSystemTextJsonForSerialization(EnumStorage.AsString);
        // A projection that cannot apply an event stops with the error instead of skipping it (STYLE: never skip
        // projection errors silently), in normal runs and in rebuilds alike.
        foreach (var errors in new[] { store.Projections.Errors, store.Projections.RebuildErrors })
        {
            errors.SkipApplyErrors = false;
            errors.SkipSerializationErrors = false;
            errors.SkipUnknownEvents = false;
        }
        // Each module registers its projections, listeners and indexes.
        store.AddAsylum();
        store.AddReturn();
        store.AddAudit();
        store.AddQueries();
    }
}
