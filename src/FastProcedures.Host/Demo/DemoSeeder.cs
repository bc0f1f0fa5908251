using FastProcedures.Cases;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Asylum.Appeals;
using FastProcedures.Cases.Asylum.Examining;
using FastProcedures.Cases.Asylum.IssuingDecision;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Cases.Reception.Registering;
using FastProcedures.Cases.Reception.Screening;
using FastProcedures.Cases.Return.OpeningReturnCase;
using FastProcedures.Cases.Return.SchedulingRemoval;
using FastProcedures.Cases.Audit;
using FastProcedures.Cases.Messages;
using FastProcedures.Cases.Return;
using FastProcedures.Workflows;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Runtime;

namespace FastProcedures.Host.Demo;

/// <summary>The decision clock of a demo host: the seeder stops it at each past instant of a case's history, so the
/// step and the messages it sends to other units are all recorded at that instant, then lets it run again. Elsewhere
/// it reads the wall clock.</summary>
public sealed class DemoClock : TimeProvider
{
    /// <summary>The instant the clock stands at while the seeder records the past; null: the wall clock.</summary>
    public DateTimeOffset? At { get; set; }

    public override DateTimeOffset GetUtcNow() => At ?? base.GetUtcNow();
}

/// <summary>
/// Seeds a realistic mix of BG and RO cases at different stages — in screening, in the border procedure near (warned)
/// and past its 12-week limit (APR Art. 51(2)), in the regular procedure, rejected with a joint return decision (appeal
/// window open, appeal pending), handed over with a removal scheduled, an irregular stay in voluntary departure —
/// through the same commands users send, each at the moment it would have happened. Every case is written in time
/// order: before each step, the warnings and expiries that fell due earlier are delivered at their own instants, as
/// the scheduler would have, and the messages a step sends to other units are handled before the clock moves on.
/// Seeding is idempotent per case and step, so a run killed part-way is completed by the next one.
/// </summary>
public sealed class DemoSeeder(DemoClock clock) : IDemoSeeder
{
    private static readonly string[] Nationalities = ["MAR", "AFG", "SYR", "PAK", "TUN", "IRQ", "BGD", "EGY"];

    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellation)
    {
        var bus = services.GetRequiredService<IMessageBus>();
        var store = services.GetRequiredService<IDocumentStore>();
        var runtime = services.GetRequiredService<IWolverineRuntime>();
        var today = DateTimeOffset.UtcNow;
        try
        {
            foreach (var country in Validation.Countries)
            {
                var number = 900000;
                string Next() => $"{country}-2026-{++number:D6}";
                var seeding = new Seeding(bus, store, runtime, clock, country, cancellation);

                await seeding.ApplyAsync(Next(), today.AddDays(-2), "border-procedure", steps: 0);      // in screening
                await seeding.ApplyAsync(Next(), today.AddDays(-80), "border-procedure", steps: 2);     // limit close, warned
                await seeding.ApplyAsync(Next(), today.AddDays(-90), "border-procedure", steps: 2);     // limit breached
                await seeding.ApplyAsync(Next(), today.AddDays(-30), "regular-procedure", steps: 2);    // examination
                await seeding.ApplyAsync(Next(), today.AddDays(-21), "border-procedure", steps: 3);     // rejected yesterday, window open
                await seeding.ApplyAsync(Next(), today.AddDays(-50), "border-procedure", steps: 4);     // appeal pending
                await seeding.ApplyAsync(Next(), today.AddDays(-60), "border-procedure", steps: 5);     // final, removal scheduled
                await seeding.IrregularStayAsync(Next(), today.AddDays(-3));                            // voluntary departure
            }
        }
        finally
        {
            clock.At = null;
        }
    }

    private sealed record Step(DateTimeOffset At, object Command, Type Done);

    private sealed record Seeding(
        IMessageBus Bus, IDocumentStore Store, IWolverineRuntime Runtime, DemoClock Clock, string Country, CancellationToken Cancellation)
    {
        /// <summary>steps: 0 made, 1 screened, 2 registered and lodged, 3 rejected, 4 appealed, 5 final with removal.</summary>
        public async Task ApplyAsync(string id, DateTimeOffset planned, string procedure, int steps)
        {
            var recorded = await StreamAsync(id);
            // A case begun by an earlier (interrupted) run keeps the instant it was made at.
            var made = recorded.Select(e => e.Data).OfType<ApplicationMade>().FirstOrDefault()?.MadeAt ?? planned;
            var place = procedure == "border-procedure" ? ApplicationPlace.Border : ApplicationPlace.Territory;
            var nationality = Nationalities[Math.Abs(id.GetHashCode(StringComparison.Ordinal)) % Nationalities.Length];
            var plan = new List<Step>
            {
                new(made, new MakeApplication(id, Country, place, Country == "BG" ? "Lesovo" : "Giurgiu", nationality, false,
                    new PersonalDetails($"Demo Applicant {id[^3..]}", new DateOnly(1985, 1, 1).AddDays(int.Parse(id[^3..]) * 397), null),
                    "demo-reception"), typeof(ApplicationMade)),
            };
            if (steps >= 1)
            {
                plan.Add(new(made.AddHours(2), new TakeBiometrics(id, null, $"EURODAC-{id}", "demo-reception"), typeof(BiometricsTaken)));
                plan.Add(new(made.AddDays(1), new CompleteScreening(id, null, true, true, [], SecurityCheckOutcome.Clear, ScreeningReferral.Asylum,
                    "demo-reception"), typeof(ScreeningCompleted)));
                plan.Add(new(made.AddDays(2), new RegisterApplication(id, null, procedure,
                    procedure == "border-procedure" ? "APR Art. 42(1)(j)" : "none", procedure == "border-procedure" ? "APR Art. 45(1)" : "APR Art. 35(4)",
                    "demo-reception"), typeof(ApplicationRegistered)));
                plan.Add(new(made.AddDays(3), new LodgeApplication(id, null, "demo-asylum"), typeof(ApplicationLodged)));
            }
            if (steps >= 3)
            {
                plan.Add(new(made.AddDays(10), new HoldInterview(id, null, "demo-asylum"), typeof(InterviewHeld)));
                plan.Add(new(made.AddDays(20), new IssueDecision(id, null, DecisionOutcome.RejectedManifestlyUnfounded,
                    new DecisionReason("APR Art. 42(1)(j)", "Nationality with an EU-wide recognition rate of 20 % or lower; no individual risk shown."),
                    "APR Art. 39", "demo-asylum", new JointReturnDecision(0, "RBPR Art. 4; RD Art. 6(6)", "No right to stay after the rejection.")),
                    typeof(DecisionIssued)));
            }
            if (steps >= 4)
            {
                plan.Add(new(made.AddDays(22), new LodgeAppeal(id, null, Country == "BG" ? "Administrative Court Haskovo" : "Giurgiu Tribunal", null,
                    "demo-asylum"), typeof(AppealLodged)));
            }
            if (steps >= 5)
            {
                plan.Add(new(made.AddDays(40), new DecideAppeal(id, null, AppealOutcome.Dismissed, "demo-asylum"), typeof(AppealDecided)));
            }
            await RunAsync(id, plan);
            if (steps >= 5)
            {
                var removal = new Step(DateTimeOffset.UtcNow.AddHours(-1), new ScheduleRemoval(id + "-R", null,
                    DateOnly.FromDateTime(DateTime.UtcNow.AddDays(5)), "Charter", "FRX123", 2, "demo-return"), typeof(RemovalScheduled));
                await RunAsync(id + "-R", [removal], asylumCaseId: id);
            }
            await CatchUpAsync([id, id + "-R"], DateTimeOffset.UtcNow);
            await ScheduleComingDeadlinesAsync([id, id + "-R"]);
        }

        /// <summary>An irregular stay found at an inland check: a return case with its return decision.</summary>
        public async Task IrregularStayAsync(string id, DateTimeOffset at)
        {
            await RunAsync(id, [new Step(at, new OpenReturnCase(id, Country, "TUN",
                new JointReturnDecision(14, "RD Art. 6(1), 7(1)", "Irregular stay established at an inland check."), "officer-return"),
                typeof(ReturnCaseOpened))]);
            await CatchUpAsync([id], DateTimeOffset.UtcNow);
            await ScheduleComingDeadlinesAsync([id]);
        }

        /// <summary>Runs the steps not yet recorded, each at its instant and never before the stream's last event.</summary>
        private async Task RunAsync(string streamId, IReadOnlyList<Step> plan, string? asylumCaseId = null)
        {
            var caseIds = asylumCaseId is null ? new[] { streamId, streamId + "-R" } : [asylumCaseId, streamId];
            foreach (var step in plan)
            {
                var stream = await StreamAsync(streamId);
                if (stream.Any(e => e.Data.GetType() == step.Done))
                {
                    continue;
                }
                await CatchUpAsync(caseIds, step.At);
                var last = (await StreamAsync(streamId)).Select(e => EventTime.Of(e.Data)).Where(t => t is not null).Max() ?? step.At;
                var at = step.At > last ? step.At : last;
                Clock.At = at;
                await Bus.InvokeForTenantAsync<CaseChange>(Country, step.Command, Cancellation);
                await DrainAsync(caseIds);
                await ScheduleComingDeadlinesAsync(caseIds);
            }
        }

        /// <summary>Delivers, in the order they fell due and each at its own instant, the warnings and expiries of the
        /// cases' running timers due up to <paramref name="until"/>.</summary>
        private async Task CatchUpAsync(IReadOnlyList<string> caseIds, DateTimeOffset until)
        {
            for (var round = 0; round < 200; round++)
            {
                var due = (await RunningAsync(caseIds))
                    .SelectMany(r => new[]
                    {
                        (r.Kind, r.Id, r.Deadline, Kind2: "warning",
                            At: r.Deadline.Timer is { Warned: false, WarnAt: { } w } t && w < t.ExpiresAt ? w : (DateTimeOffset?)null),
                        (r.Kind, r.Id, r.Deadline, Kind2: "expiry", At: (DateTimeOffset?)r.Deadline.Timer.ExpiresAt),
                    })
                    .Where(d => d.At is { } at && at <= until)
                    .OrderBy(d => d.At)
                    .FirstOrDefault();
                if (due.At is not { } instant)
                {
                    return;
                }
                Clock.At = instant;
                await Bus.InvokeForTenantAsync(Country, new DeadlineDue(due.Id, Country, due.Kind, due.Deadline.Workflow,
                    due.Deadline.Timer.Id, due.Deadline.Timer.Generation, due.Kind2, instant), Cancellation);
                await DrainAsync(caseIds);
            }
        }

        /// <summary>The deadline messages a step scheduled were timed from the step's past instant, so they would fire
        /// that long from now: each running timer's warning and expiry is scheduled again at its own instant (one already
        /// past at the wall clock a minute from now, for when seeding is cut short: a restart then still delivers it).
        /// A fired timer re-checks its generation, so the copies the catch-up has already acted on do nothing.</summary>
        private async Task ScheduleComingDeadlinesAsync(IReadOnlyList<string> caseIds)
        {
            var frozen = Clock.At;
            Clock.At = null;
            var floor = DateTimeOffset.UtcNow.AddMinutes(1);
            foreach (var (kind, id, _, deadline) in await RunningAsync(caseIds))
            {
                var timer = deadline.Timer;
                var due = new List<(string, DateTimeOffset)>();
                if (timer is { Warned: false, WarnAt: { } warnAt } && warnAt < timer.ExpiresAt)
                {
                    due.Add(("warning", warnAt));
                }
                due.Add(("expiry", timer.ExpiresAt));
                foreach (var (what, at) in due)
                {
                    if (!Scheduled.Add($"{id}|{deadline.Workflow}|{timer.Id}|{timer.Generation}|{what}|{at:O}"))
                    {
                        continue;
                    }
                    await Bus.SendAsync(new DeadlineDue(id, Country, kind, deadline.Workflow, timer.Id, timer.Generation, what, at),
                        new DeliveryOptions { TenantId = Country, ScheduledTime = at > floor ? at : floor });
                }
            }
            Clock.At = frozen;
        }

        private HashSet<string> Scheduled { get; } = [];

        private async Task<IReadOnlyList<(string Kind, string Id, string Unit, FastProcedures.Cases.Procedures.RunningDeadline Deadline)>> RunningAsync(IReadOnlyList<string> caseIds)
        {
            await using var query = Store.QuerySession(Country);
            var running = new List<(string, string, string, FastProcedures.Cases.Procedures.RunningDeadline)>();
            foreach (var id in caseIds)
            {
                if (await query.LoadAsync<AsylumCase>(id, Cancellation) is { } asylum)
                {
                    running.AddRange(asylum.Workflows.LiveDeadlines().Where(d => d.Timer.Status == TimerStatus.Running)
                        .Select(d => (AsylumCases.Kind.Name, id, AsylumCases.Kind.Unit, d)));
                }
                if (await query.LoadAsync<ReturnCase>(id, Cancellation) is { } returns)
                {
                    running.AddRange(returns.Workflows.LiveDeadlines().Where(d => d.Timer.Status == TimerStatus.Running)
                        .Select(d => (ReturnCases.Kind.Name, id, ReturnCases.Kind.Unit, d)));
                }
            }
            return running;
        }

        /// <summary>Waits until the messages the last step sent to other units (hand-overs, return decisions) are
        /// handled, so they act at the step's instant, not at the next one's: none waits in the durable inbox or outbox, or as a retry due soon.</summary>
        private async Task DrainAsync(IReadOnlyList<string> caseIds)
        {
            var quiet = 0;
            long? last = null;
            for (var attempt = 0; attempt < 600 && quiet < 3; attempt++)
            {
                await Task.Delay(40, Cancellation);
                var counts = await Runtime.Storage.Admin.FetchCountsAsync();
                // A handler retried after a transient failure waits as a scheduled envelope; the deadlines scheduled
                // by this seeder are a minute or more away (ScheduleComingDeadlinesAsync), a retry is seconds away.
                var soon = DateTimeOffset.UtcNow.AddSeconds(45);
                var retrying = (await Runtime.Storage.Admin.AllIncomingAsync())
                    .Any(e => e.Status == EnvelopeStatus.Scheduled && e.ScheduledTime is { } at && at <= soon);
                long versions = 0;
                foreach (var id in caseIds)
                {
                    await using var query = Store.QuerySession(Country);
                    versions += (await query.Events.FetchStreamStateAsync(id, Cancellation))?.Version ?? 0;
                }
                quiet = counts.Incoming == 0 && counts.Outgoing == 0 && !retrying && versions == last ? quiet + 1 : 0;
                last = versions;
            }
        }

        private async Task<IReadOnlyList<IEvent>> StreamAsync(string id)
        {
            await using var query = Store.QuerySession(Country);
            return await query.Events.FetchStreamAsync(id, token: Cancellation);
        }
    }
}
