using System.Text.Json.Nodes;
using FastProcedures.Cases;
using FastProcedures.Cases.Procedures;
using FastProcedures.Workflows;
using Marten;

namespace FastProcedures.Procedures.Tests.Audit;

/// <summary>
/// A step event (the record of one engine effect) stores the effect once, as its <c>Step</c>. Events stored while
/// the effect was written a second time (<c>Effect</c>) read back as the same events.
/// </summary>
public sealed class when_a_workflow_step_is_stored
{
    private static readonly ISerializer Serializer = StoreSerializer();

    /// <summary>A <c>deadline_started</c> event as the store held it with the effect written twice.</summary>
    private const string StoredTwice = """
        {"At": "2026-12-06T00:05:23.353613+00:00", "Step": {"Timer": "screening-border-limit", "Period": "P7D", "Schedule": {"WarnAt": "2026-12-14T00:00:00+02:00", "Country": "BG", "LastDay": "2026-12-14", "ExpiresAt": "2026-12-15T00:00:00+02:00", "Explanation": [{"Rule": "Art. 3(1)", "Text": "Event on 2026-12-06 (Europe/Sofia); that day is not counted: the period starts on 2026-12-07."}, {"Rule": "Art. 3(2)(b)", "Text": "The period expires at the end of 2026-12-14: 2026-12-15T00:00:00+02:00."}], "CalendarSha256": "c5b553e70a8c048e92ee7b0ad6f35d76a2666bf16612c55bd9b95f7ff00b9a23", "CalendarVersion": 2}, "StartedAt": "2026-12-06T00:05:23.353613+00:00", "Generation": 1, "LegalBasis": "Screening Reg. Art. 8(3)", "WorkingDays": false}, "CaseId": "BG-2026-W00003", "Effect": {"Timer": "screening-border-limit", "Period": "P7D", "effect": "TimerStarted", "Schedule": {"WarnAt": "2026-12-14T00:00:00+02:00", "Country": "BG", "LastDay": "2026-12-14", "ExpiresAt": "2026-12-15T00:00:00+02:00", "Explanation": [{"Rule": "Art. 3(1)", "Text": "Event on 2026-12-06 (Europe/Sofia); that day is not counted: the period starts on 2026-12-07."}, {"Rule": "Art. 3(2)(b)", "Text": "The period expires at the end of 2026-12-14: 2026-12-15T00:00:00+02:00."}], "CalendarSha256": "c5b553e70a8c048e92ee7b0ad6f35d76a2666bf16612c55bd9b95f7ff00b9a23", "CalendarVersion": 2}, "StartedAt": "2026-12-06T00:05:23.353613+00:00", "Generation": 1, "LegalBasis": "Screening Reg. Art. 8(3)", "WorkingDays": false}, "Workflow": "screening"}
        """;

    private static ISerializer StoreSerializer()
    {
        var options = new StoreOptions();
        options.ConfigureFastProcedures();
        return options.Serializer();
    }

    private static DeadlineStarted Read(string json) =>
        Serializer.FromJson<DeadlineStarted>(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void its_effect_is_written_once_as_its_step()
    {
        var started = Read(StoredTwice);

        var written = JsonNode.Parse(Serializer.ToJson(started))!.AsObject();

        Assert.Equal(["At", "CaseId", "Step", "Workflow"], written.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(StoredTwice)!["Step"], written["Step"]));
    }

    [Fact]
    public void an_event_stored_with_its_effect_twice_reads_back_as_the_same_event()
    {
        var started = Read(StoredTwice);

        var step = Assert.IsType<TimerStarted>(((IWorkflowStep)started).Effect);
        Assert.Same(started.Step, step);
        Assert.Equal("screening-border-limit", step.Timer);
        Assert.Equal(DateTimeOffset.Parse("2026-12-15T00:00:00+02:00"), step.Schedule.ExpiresAt);
        Assert.Equal(Serializer.ToJson(started), Serializer.ToJson(Read(Serializer.ToJson(started))));
    }
}
