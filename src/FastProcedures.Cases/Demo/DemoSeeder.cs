using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Asylum.Appeals;
using FastProcedures.Cases.Asylum.Examining;
using FastProcedures.Cases.Asylum.IssuingDecision;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Cases.Reception.Registering;
using FastProcedures.Cases.Reception.Screening;
using FastProcedures.Cases.Return.OpeningReturnCase;
using FastProcedures.Cases.Return.SchedulingRemoval;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace FastProcedures.Cases.Demo;

/// <summary>The decision clock of a demo host: the seeder moves it back to record a case's history as it happened,
/// then back to the present. Elsewhere it reads the wall clock.</summary>
public sealed class DemoClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}

/// <summary>
/// Seeds a realistic mix of BG and RO cases at different stages — in screening, in the border procedure near and past
/// its 12-week limit (APR Art. 51(2)), in the regular procedure, rejected with a joint return decision, under appeal,
/// handed over with a removal scheduled, an irregular stay in voluntary departure — through the same commands users
/// send, each at the moment it would have happened. Seeding twice changes nothing.
/// </summary>
public sealed class DemoSeeder(DemoClock clock) : IDemoSeeder
{
    private static readonly string[] Nationalities = ["MAR", "AFG", "SYR", "PAK", "TUN", "IRQ", "BGD", "EGY"];

    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellation)
    {
        var bus = services.GetRequiredService<IMessageBus>();
        var store = services.GetRequiredService<IDocumentStore>();
        foreach (var country in Validation.Countries)
        {
            await using (var query = store.QuerySession(country))
            {
                if (await query.Events.FetchStreamStateAsync($"{country}-2026-900001", cancellation) is not null)
                {
                    continue;
                }
            }
            var today = DateTimeOffset.UtcNow;
            var number = 900000;
            string Next() => $"{country}-2026-{++number:D6}";
            var seeding = new Seeding(bus, store, clock, country, cancellation);

            await seeding.ApplyAsync(Next(), today.AddDays(-2), "border-procedure", steps: 0);      // in screening
            await seeding.ApplyAsync(Next(), today.AddDays(-75), "border-procedure", steps: 2);     // limit close
            await seeding.ApplyAsync(Next(), today.AddDays(-90), "border-procedure", steps: 2);     // limit breached
            await seeding.ApplyAsync(Next(), today.AddDays(-30), "regular-procedure", steps: 2);    // examination
            await seeding.ApplyAsync(Next(), today.AddDays(-40), "border-procedure", steps: 3);     // rejected, window open
            await seeding.ApplyAsync(Next(), today.AddDays(-50), "border-procedure", steps: 4);     // appeal pending
            await seeding.ApplyAsync(Next(), today.AddDays(-60), "border-procedure", steps: 5);     // final, removal scheduled
            clock.Offset = TimeSpan.Zero;
            await bus.InvokeForTenantAsync<CaseChange>(country, new OpenReturnCase($"{country}-2026-{++number:D6}", country, "TUN",
                new JointReturnDecision(14, "RD Art. 6(1), 7(1)", "Irregular stay established at an inland check."), "officer-return"),
                cancellation);
        }
        clock.Offset = TimeSpan.Zero;
        foreach (var country in Validation.Countries)
        {
            await FireDueDeadlinesAsync(bus, store, country, cancellation);
        }
    }

    /// <summary>
    /// Deadlines are scheduled relative to the decision clock, so those of cases recorded in the past would fire only
    /// that long from now: deliver, as the scheduler would have, the warnings and expiries already due.
    /// </summary>
    private static async Task FireDueDeadlinesAsync(IMessageBus bus, IDocumentStore store, string country, CancellationToken cancellation)
    {
        var now = DateTimeOffset.UtcNow;
        List<(string Kind, string Id, Workflows.CaseWorkflows Workflows)> cases;
        await using (var query = store.QuerySession(country))
        {
            var asylum = await query.Query<AsylumCase>().ToListAsync(cancellation);
            var returns = await query.Query<Return.ReturnCase>().ToListAsync(cancellation);
            cases = [.. asylum.Select(c => ("asylum", c.Id, c.Workflows)), .. returns.Select(c => ("return", c.Id, c.Workflows))];
        }
        foreach (var (kind, id, workflows) in cases)
        {
            foreach (var due in workflows.LiveDeadlines().Where(d => d.Timer.Status == FastProcedures.Workflows.TimerStatus.Running
                         && (d.Timer.ExpiresAt <= now || d.Timer.WarnAt <= now)))
            {
                var at = due.Timer.ExpiresAt <= now ? due.Timer.ExpiresAt : due.Timer.WarnAt!.Value;
                await bus.InvokeForTenantAsync(country, new Messages.DeadlineDue(id, country, kind, due.Workflow, due.Timer.Id,
                    due.Timer.Generation, due.Timer.ExpiresAt <= now ? "expiry" : "warning", at), cancellation);
            }
        }
    }

    private sealed record Seeding(IMessageBus Bus, IDocumentStore Store, DemoClock Clock, string Country, CancellationToken Cancellation)
    {
        /// <summary>The hand-over travels through the return unit's queue; removal is scheduled once it has arrived.</summary>
        private async Task HandedOverAsync(string returnCaseId)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                await using var query = Store.QuerySession(Country);
                if (await query.LoadAsync<FastProcedures.Cases.Return.ReturnCase>(returnCaseId, Cancellation) is { Dossier: not null, AppealWindowOpen: false })
                {
                    return;
                }
                await Task.Delay(100, Cancellation);
            }
        }

        private async Task At(DateTimeOffset at, object command)
        {
            Clock.Offset = at - DateTimeOffset.UtcNow;
            await Bus.InvokeForTenantAsync<CaseChange>(Country, command, Cancellation);
        }

        /// <summary>steps: 0 made, 1 screened, 2 registered and lodged, 3 rejected, 4 appealed, 5 final with removal.</summary>
        public async Task ApplyAsync(string id, DateTimeOffset made, string procedure, int steps)
        {
            var place = procedure == "border-procedure" ? ApplicationPlace.Border : ApplicationPlace.Territory;
            var nationality = Nationalities[Math.Abs(id.GetHashCode(StringComparison.Ordinal)) % Nationalities.Length];
            await At(made, new MakeApplication(id, Country, place, Country == "BG" ? "Lesovo" : "Giurgiu", nationality, false,
                new PersonalDetails($"Demo Applicant {id[^3..]}", new DateOnly(1985, 1, 1).AddDays(int.Parse(id[^3..]) * 397), null), "demo-reception"));
            if (steps < 1)
            {
                return;
            }
            await At(made.AddHours(2), new TakeBiometrics(id, null, $"EURODAC-{id}", "demo-reception"));
            await At(made.AddDays(1), new CompleteScreening(id, null, true, true, [], SecurityCheckOutcome.Clear, ScreeningReferral.Asylum, "demo-reception"));
            await At(made.AddDays(2), new RegisterApplication(id, null, procedure,
                procedure == "border-procedure" ? "APR Art. 42(1)(j)" : "none", procedure == "border-procedure" ? "APR Art. 45(1)" : "APR Art. 35(4)", "demo-reception"));
            await At(made.AddDays(3), new LodgeApplication(id, null, "demo-asylum"));
            if (steps < 3)
            {
                return;
            }
            await At(made.AddDays(10), new HoldInterview(id, null, "demo-asylum"));
            await At(made.AddDays(20), new IssueDecision(id, null, DecisionOutcome.RejectedManifestlyUnfounded,
                new DecisionReason("APR Art. 42(1)(j)", "Nationality with an EU-wide recognition rate of 20 % or lower; no individual risk shown."),
                "APR Art. 39", "demo-asylum", new JointReturnDecision(0, "RBPR Art. 4; RD Art. 6(6)", "No right to stay after the rejection.")));
            if (steps < 4)
            {
                return;
            }
            await At(made.AddDays(24), new LodgeAppeal(id, null, Country == "BG" ? "Administrative Court Haskovo" : "Giurgiu Tribunal", null, "demo-asylum"));
            if (steps < 5)
            {
                return;
            }
            await At(made.AddDays(40), new DecideAppeal(id, null, AppealOutcome.Dismissed, "demo-asylum"));
            await HandedOverAsync(id + "-R");
            await At(DateTimeOffset.UtcNow.AddHours(-1), new ScheduleRemoval(id + "-R", null,
                DateOnly.FromDateTime(DateTime.UtcNow.AddDays(5)), "Charter", "FRX123", 2, "demo-return"));
        }
    }
}
