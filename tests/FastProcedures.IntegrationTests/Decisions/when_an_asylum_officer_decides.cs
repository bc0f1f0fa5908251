using FastProcedures.Cases;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Asylum.Examining;
using FastProcedures.Cases.Asylum.RecordingWhereabouts;
using static FastProcedures.IntegrationTests.Decisions.Cases;

namespace FastProcedures.IntegrationTests.Decisions;

/// <summary>The asylum unit's decisions as pure functions: state, command and now in, events out (or a refusal).</summary>
public sealed class when_an_asylum_officer_decides
{
    private static readonly ApplicantAbsconded Absconded = new(AsylumId, "officer", Now.AddDays(-2));

    [Fact]
    public void absconding_is_recorded_once()
    {
        Assert.IsType<ApplicantAbsconded>(Assert.Single(RecordAbscondingHandler.Decide(Asylum(), new RecordAbsconding(AsylumId, null, "officer"), Now)));
        Assert.Empty(RecordAbscondingHandler.Decide(Asylum(Absconded), new RecordAbsconding(AsylumId, null, "officer"), Now));
    }

    [Fact]
    public void a_reappearance_needs_an_absconding_before_it()
    {
        var back = Assert.IsType<ApplicantReappeared>(Assert.Single(RecordReappearanceHandler.Decide(Asylum(Absconded),
            new RecordReappearance(AsylumId, null, "officer"), Now)));
        Assert.False(AsylumCase.Fold(Asylum(Absconded), back)!.Absconded);
        var refused = Assert.Throws<CaseCommandRefused>(() => RecordReappearanceHandler.Decide(Asylum(), new RecordReappearance(AsylumId, null, "officer"), Now));
        Assert.Contains("not recorded as absconded", refused.Message);
    }

    [Fact]
    public void a_relocation_names_the_member_state()
    {
        var relocated = Assert.IsType<ApplicantRelocated>(Assert.Single(RecordRelocationHandler.Decide(Asylum(),
            new RecordRelocation(AsylumId, null, "DE", "officer"), Now)));
        Assert.Equal("DE", relocated.ToState);
        Assert.Throws<CaseCommandRefused>(() => RecordRelocationHandler.Decide(Asylum(), new RecordRelocation(AsylumId, null, "", "officer"), Now));
    }

    [Fact]
    public void an_interview_is_scheduled_in_the_future_and_before_the_decision()
    {
        var scheduled = Assert.IsType<InterviewScheduled>(Assert.Single(ScheduleInterviewHandler.Decide(Asylum(),
            new ScheduleInterview(AsylumId, null, Now.AddDays(2), "officer"), Now)));
        Assert.Equal(Now.AddDays(2), scheduled.InterviewOn);
        Assert.Throws<CaseCommandRefused>(() => ScheduleInterviewHandler.Decide(Asylum(), new ScheduleInterview(AsylumId, null, Now.AddDays(-1), "officer"), Now));
        var decided = Asylum(new DecisionIssued(AsylumId, DecisionOutcome.GrantedRefugee, false, new DecisionReason("APR Art. 35", "Granted."),
            "APR Art. 35", "officer", Now.AddDays(-1), null, null, false, null));
        Assert.Throws<CaseCommandRefused>(() => ScheduleInterviewHandler.Decide(decided, new ScheduleInterview(AsylumId, null, Now.AddDays(2), "officer"), Now));
    }

    [Fact]
    public void a_command_on_a_missing_case_is_refused()
    {
        Assert.Throws<CaseCommandRefused>(() => RecordAbscondingHandler.Decide(null, new RecordAbsconding(AsylumId, null, "officer"), Now));
    }
}
