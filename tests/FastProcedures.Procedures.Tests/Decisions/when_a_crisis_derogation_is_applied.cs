using FastProcedures.Cases;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Asylum.ApplyingCrisisDerogation;
using FastProcedures.Cases.Procedures;
using FastProcedures.Workflows.Crisis;

namespace FastProcedures.Procedures.Tests.Decisions;

/// <summary>The pure decision of <see cref="ApplyCrisisDerogation"/>: the crisis is looked up by id in the declared
/// periods of the case's country, which give its type and decision; it covers the case when the application was made
/// within the period (CFMR Art. 10(1), 11(1)).</summary>
public sealed class when_a_crisis_derogation_is_applied
{
    private const string Id = "BG-2026-500002";
    // Made 1 September 2026 00:30 Sofia time: still 31 August in UTC.
    private static readonly DateTimeOffset MadeAt = DateTimeOffset.Parse("2026-09-01T00:30:00+03:00");
    private static readonly DateTimeOffset Now = MadeAt.AddDays(3);

    private static readonly WorkflowCatalog Catalog = new(Repository.Registry)
    {
        Crises = new CrisisPeriods(1,
        [
            new("bg-2026-1", "BG", "Council Implementing Decision (EU) 2026/1", new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 30),
                ["ammr-responsibility/take-charge-request"]) { Type = "instrumentalisation" },
            new("ro-2026-1", "RO", "Council Implementing Decision (EU) 2026/2", new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 30), [])
                { Type = "mass-arrivals", DecisionKind = "extension" },
        ]),
    };

    private static AsylumCase Case(DateTimeOffset madeAt)
    {
        var made = new ApplicationMade(Id, "BG", ApplicationPlace.Border, "Kapitan Andreevo", "MAR", false,
            new SealedPersonalDetails($"{Id}/key", "nonce", "sealed"), "officer-reception", madeAt);
        return AsylumCase.Fold(null, made)!;
    }

    private static ApplyCrisisDerogation Apply(string crisisId, bool covers, bool article11 = false) =>
        new(Id, null, crisisId, covers, [], "officer-asylum", article11);

    [Fact]
    public void the_type_and_decision_come_from_the_declared_period_and_coverage_from_the_day_the_application_was_made()
    {
        var events = ApplyCrisisDerogationHandler.Decide(Case(MadeAt), Apply("bg-2026-1", true, article11: true), Now, Catalog);

        Assert.Equal(new object[]
        {
            new CrisisDerogationApplied(Id, "bg-2026-1", true, ["ammr-responsibility/take-charge-request"], "officer-asylum", Now,
                "instrumentalisation", "initial", true),
        }, events, new CrisisEventComparer());
        var fields = EventData.ToWorkflowEvent(events[0]).Data;
        Assert.Equal("instrumentalisation", fields["crisis_type"]);
        Assert.Equal("initial", fields["crisis_decision"]);
        Assert.Equal(true, fields["cfmr_article_11_border_case"]);
    }

    [Fact]
    public void an_application_made_the_day_before_the_period_is_not_covered_and_saying_it_is_is_refused()
    {
        var before = Case(DateTimeOffset.Parse("2026-08-31T23:30:00+03:00"));

        var refused = Assert.Throws<CaseCommandRefused>(() => ApplyCrisisDerogationHandler.Decide(before, Apply("bg-2026-1", true), Now, Catalog));
        Assert.StartsWith("CoversCase:", refused.Message);
        Assert.Contains("2026-08-31", refused.Message);

        var applied = Assert.IsType<CrisisDerogationApplied>(Assert.Single(
            ApplyCrisisDerogationHandler.Decide(before, Apply("bg-2026-1", false), Now, Catalog)));
        Assert.False(applied.CoversCase);
    }

    [Fact]
    public void an_unknown_crisis_or_one_of_another_country_is_refused_naming_the_field()
    {
        var unknown = Assert.Throws<CaseCommandRefused>(() => ApplyCrisisDerogationHandler.Decide(Case(MadeAt), Apply("bg-2099-9", true), Now, Catalog));
        var otherCountry = Assert.Throws<CaseCommandRefused>(() => ApplyCrisisDerogationHandler.Decide(Case(MadeAt), Apply("ro-2026-1", true), Now, Catalog));

        Assert.StartsWith("CrisisId 'bg-2099-9' names no crisis declared for BG", unknown.Message);
        Assert.StartsWith("CrisisId 'ro-2026-1'", otherCountry.Message);
        Assert.Throws<CaseCommandRefused>(() => ApplyCrisisDerogationHandler.Decide(Case(MadeAt), Apply("", true), Now, Catalog));
    }

    [Fact]
    public void an_event_recorded_before_the_crisis_data_was_kept_reads_with_the_fields_null()
    {
        var old = System.Text.Json.JsonSerializer.Deserialize<CrisisDerogationApplied>(
            """{"CaseId":"BG-2026-500002","CrisisId":"bg-2026-1","CoversCase":true,"Timers":[],"AppliedBy":"minister","AppliedAt":"2026-09-04T00:30:00+03:00"}""")!;

        Assert.Null(old.CrisisType);
        Assert.Null(old.CrisisDecision);
        Assert.Null(old.CfmrArticle11BorderCase);
    }

    private sealed class CrisisEventComparer : IEqualityComparer<object>
    {
        public new bool Equals(object? x, object? y) => x is CrisisDerogationApplied a && y is CrisisDerogationApplied b
            && a with { Timers = [] } == b with { Timers = [] } && a.Timers.SequenceEqual(b.Timers);

        public int GetHashCode(object obj) => 0;
    }
}
