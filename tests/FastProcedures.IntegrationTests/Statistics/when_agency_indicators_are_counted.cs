using FastProcedures.Statistics.Eurostat;
using FastProcedures.Statistics.Indicators;

namespace FastProcedures.IntegrationTests.Statistics;

/// <summary>EUAA EPS and Frontex indicators of the hand-counted cases of <see cref="StatisticsCases"/>.</summary>
public sealed class when_agency_indicators_are_counted(StatisticsCases cases) : IClassFixture<StatisticsCases>
{
    private static ReferencePeriod Period(string text) => ReferencePeriod.TryParse(text, out var p) ? p : throw new ArgumentException(text);

    [Fact]
    public async Task eps_counts_applications_not_persons_and_the_recognition_rate_of_first_instance_decisions()
    {
        var book = await cases.BookAsync();
        var eps = EpsIndicators.Build(book, Period("2027-Q1"));
        var april = EpsIndicators.Build(book, Period("2027-04"));
        var (february, march) = (Period("2027-02"), Period("2027-03"));

        Assert.Equal(3, eps.Value(EpsIndicators.Applications, march));          // A twice, D
        Assert.Equal(2, eps.Value(EpsIndicators.Applications, march, "SY"));
        Assert.Equal(1, eps.Value(EpsIndicators.UnaccompaniedMinorApplications, february, "AF"));
        Assert.Equal(2, eps.Value(EpsIndicators.Decisions, march));             // B granted, C rejected
        Assert.Equal(50.0m, eps.Value(EpsIndicators.RecognitionRate, march));
        Assert.Equal(100.0m, eps.Value(EpsIndicators.RecognitionRate, march, "AF"));
        Assert.Equal(2, eps.Value(EpsIndicators.PendingFirstInstance, february)); // B, C
        Assert.Equal(3, eps.Value(EpsIndicators.PendingFirstInstance, march));    // A twice, D
        Assert.Equal(1, april.Value(EpsIndicators.RepeatedApplications, Period("2027-04"), "MA"));
        Assert.Equal(4, april.Value(EpsIndicators.PendingFirstInstance, Period("2027-04")));
        Assert.Contains("APPLICATIONS,SY,BG,2027-03,2", eps.ToCsv());
    }

    [Fact]
    public async Task frontex_counts_returns_by_type_and_persons_ready_for_return_whose_removal_nobody_organised()
    {
        var book = await cases.BookAsync();
        var frontex = FrontexIndicators.Build(book, Period("2027-Q1"));
        var april = FrontexIndicators.Build(book, Period("2027-04"));
        var (february, march) = (Period("2027-02"), Period("2027-03"));

        Assert.Equal(1, frontex.Value(FrontexIndicators.ReturnDecisions, february, "TN"));
        Assert.Equal(2, frontex.Value(FrontexIndicators.ReturnDecisions, march));          // C (joint), F
        Assert.Equal(1, frontex.Value(FrontexIndicators.VoluntaryReturns, february));
        Assert.Equal(0, frontex.Value(FrontexIndicators.ForcedReturns, march));
        Assert.Equal(1, april.Value(FrontexIndicators.ForcedReturns, Period("2027-04"), "MA"));
        // E left in February; C's appeal suspends removal at the end of March and C is removed in April; F's
        // voluntary departure ended on 9 March and no removal is scheduled.
        Assert.Equal(0, frontex.Value(FrontexIndicators.ReadyNotOrganised, february));
        Assert.Equal(1, frontex.Value(FrontexIndicators.ReadyNotOrganised, march, "PK"));
        Assert.Equal(1, frontex.Value(FrontexIndicators.ReadyNotOrganised, march));
        Assert.Equal(1, april.Value(FrontexIndicators.ReadyNotOrganised, Period("2027-04")));
    }
}
