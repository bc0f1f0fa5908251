using FastProcedures.Workflows.Kpis;
using FastProcedures.Workflows.Tests.Definitions;
using FastProcedures.Workflows.Tests.Engine;

namespace FastProcedures.Workflows.Tests.Kpis;

/// <summary>The KPIs of limits started, kept and breached, and the share of decisions within the legal limit, are
/// about the authority: a window granted to the person (<c>kind: window</c>, e.g. APR Art. 67(7)) running out is
/// none of them.</summary>
public sealed class when_kpis_count_limits_and_windows
{
    private static readonly DateTimeOffset From = DateTimeOffset.Parse("2026-03-01T00:00:00+02:00");
    private static readonly DateTimeOffset To = DateTimeOffset.Parse("2026-04-01T00:00:00+03:00");

    private static List<CaseFact> Facts(Run run, string caseId) =>
        run.History.SelectMany(h => h.Effects.Select(e => CaseFacts.OfEffect(caseId, "window-fixture", e, h.At)))
            .OfType<CaseFact>().ToList();

    [Fact]
    public void an_elapsed_window_is_not_counted_among_breached_timers()
    {
        var run = new Run(Fixture.Valid("window.yaml"));
        run.Start("2026-03-02T10:00:00+02:00");
        run.On("DecisionIssued", "2026-03-05T10:00:00+02:00");
        run.Tick("2026-03-13T00:00:00+02:00");
        run.On("DecisionBecameFinal", "2026-03-14T09:00:00+02:00");

        var facts = Facts(run, "BG-2026-000001");
        var figures = KpiDefinitions.Compute(facts, From, To, []);

        Assert.Equal([("examination-limit", 1, 1, 0)], figures.Timers.Select(t => (t.Timer, t.Started, t.Met, t.Breached)));
        Assert.Equal([CaseFacts.WindowOpened, CaseFacts.WindowElapsed],
            facts.Where(f => f.Name == "appeal-window").Select(f => f.Kind));
    }

    [Fact]
    public void a_window_used_in_time_is_recorded_as_used_and_not_as_a_limit_kept()
    {
        var run = new Run(Fixture.Valid("window.yaml"));
        run.Start("2026-03-02T10:00:00+02:00");
        run.On("DecisionIssued", "2026-03-05T10:00:00+02:00");
        run.On("AppealLodged", "2026-03-09T11:00:00+02:00");

        var facts = Facts(run, "BG-2026-000001");

        Assert.Equal([CaseFacts.WindowOpened, CaseFacts.WindowUsed], facts.Where(f => f.Name == "appeal-window").Select(f => f.Kind));
        Assert.DoesNotContain(KpiDefinitions.Compute(facts, From, To, []).Timers, t => t.Timer == "appeal-window");
    }

    [Fact]
    public void a_decision_after_an_elapsed_window_is_still_within_the_legal_limit_and_after_a_breach_it_is_not()
    {
        CaseFact At(string caseId, string kind, string name, int day) =>
            new(caseId, kind, "regular-procedure", name, From.AddDays(day));
        var facts = new List<CaseFact>
        {
            // The applicant did not lodge within 21 days (APR Art. 28(1)): a window, no fault of the authority.
            At("A", CaseFacts.ProcedureAssigned, "", 1), At("A", CaseFacts.WindowOpened, "lodging-limit", 1),
            At("A", CaseFacts.WindowElapsed, "lodging-limit", 22), At("A", CaseFacts.Decision, CaseFacts.Negative, 25),
            // The authority missed its examination limit (APR Art. 35(4)).
            At("B", CaseFacts.ProcedureAssigned, "", 1), At("B", CaseFacts.TimerStarted, "examination-limit", 1),
            At("B", CaseFacts.TimerBreached, "examination-limit", 20), At("B", CaseFacts.Decision, CaseFacts.Negative, 25),
        };

        var figures = KpiDefinitions.Compute(facts, From, To, []);

        Assert.Equal(("regular-procedure", 2, 1), figures.Decisions.Select(d => (d.Procedure, d.Decisions, d.WithinLimit)).Single());
        Assert.Equal([("examination-limit", 1, 0, 1)], figures.Timers.Select(t => (t.Timer, t.Started, t.Met, t.Breached)));
    }
}
