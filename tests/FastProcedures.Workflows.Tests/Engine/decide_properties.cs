using CsCheck;
using FastProcedures.Workflows.Tests.Definitions;

namespace FastProcedures.Workflows.Tests.Engine;

public sealed class decide_properties
{
    private static readonly string[] EventTypes =
    [
        "DecisionIssued", "DecisionBecameFinal", "InterviewHeld", "ApplicantAbsconded", "ApplicantReappeared",
        "CrisisDerogationApplied", WorkflowEvents.DeadlineReached, "SomethingElse",
    ];

    private static readonly Gen<(string Type, string Outcome, bool Covers, int Hours)> Step =
        Gen.Select(Gen.OneOf(EventTypes), Gen.OneOf("rejected", "granted"), Gen.Bool, Gen.Int[0, 24 * 9]);

    [Fact]
    public void replaying_the_recorded_events_reproduces_every_effect() =>
        Gen.Select(Step.Array[1, 25], Gen.OneOf("BG", "RO")).Sample((steps, country) =>
        {
            var definition = Fixture.Valid();
            var run = new Run(definition, country);
            var at = DateTimeOffset.Parse("2026-03-27T09:30:00+02:00");
            run.On(WorkflowEvent.Started(), at);
            foreach (var (type, outcome, covers, hours) in steps)
            {
                at = at.AddHours(hours);
                run.On(new WorkflowEvent(type, new Dictionary<string, object?> { ["outcome"] = outcome, ["covers_case"] = covers }), at);
            }

            // An auditor: fresh state, the same events and instants, the same definition and calendar.
            var replay = new Run(definition, country);
            foreach (var (@event, when, recorded) in run.History)
            {
                if (Run.Json(replay.On(@event, when)) != Run.Json(recorded))
                {
                    return false;
                }
            }
            return replay.State.Stage == run.State.Stage;
        });

    [Fact]
    public void state_rebuilt_from_the_effects_alone_decides_like_the_live_state() =>
        Gen.Select(Step.Array[1, 20], Step).Sample((steps, next) =>
        {
            var run = new Run(Fixture.Valid());
            var at = DateTimeOffset.Parse("2026-06-01T08:00:00+03:00");
            run.On(WorkflowEvent.Started(), at);
            foreach (var (type, outcome, _, hours) in steps)
            {
                at = at.AddHours(hours);
                run.On(new WorkflowEvent(type, new Dictionary<string, object?> { ["outcome"] = outcome }), at);
            }
            var rebuilt = WorkflowState.Initial.ApplyAll(run.History.SelectMany(h => h.Effects));
            var @event = new WorkflowEvent(next.Type, new Dictionary<string, object?> { ["outcome"] = next.Outcome });
            var context = new DecisionContext(Calendars.BG);
            var when = at.AddHours(next.Hours);
            return Run.Json(WorkflowEngine.Decide(Fixture.Valid(), rebuilt, @event, when, context))
                == Run.Json(WorkflowEngine.Decide(Fixture.Valid(), run.State, @event, when, context));
        });
}
