using FastProcedures.Statistics.Eurostat;
using static FastProcedures.IntegrationTests.Statistics.StatisticsCases;

namespace FastProcedures.IntegrationTests.Statistics;

/// <summary>The Eurostat tables of the hand-counted cases of <see cref="StatisticsCases"/>.</summary>
public sealed class when_eurostat_tables_are_counted(StatisticsCases cases) : IClassFixture<StatisticsCases>
{
    private static readonly ReferencePeriod February = Period("2027-02");
    private static readonly ReferencePeriod March = Period("2027-03");
    private static readonly ReferencePeriod April = Period("2027-04");
    private static readonly ReferencePeriod Q1 = Period("2027-Q1");
    private static readonly ReferencePeriod Q2 = Period("2027-Q2");

    private static ReferencePeriod Period(string text) => ReferencePeriod.TryParse(text, out var p) ? p : throw new ArgumentException(text);

    private async Task<EurostatReport> ReportAsync(ReferencePeriod period) => EurostatReport.Build(await cases.BookAsync(), period);

    [Fact]
    public async Task a_person_with_two_applications_in_one_month_is_one_applicant_and_one_first_time_applicant()
    {
        var applicants = (await ReportAsync(Q1))["migr_asyappctzm"];

        // March: A (twice, SYR, F, 36) and D (erased): two persons, not three applications.
        Assert.Equal(2, applicants.Value(March, "TOTAL", "T", "TOTAL", "ASY_APP"));
        Assert.Equal(1, applicants.Value(March, "SY", "T", "TOTAL", "ASY_APP"));
        Assert.Equal(1, applicants.Value(March, "SY", "F", "Y35-64", "ASY_APP"));
        Assert.Equal(1, applicants.Value(March, "SY", "T", "TOTAL", "NASY_APP"));
        Assert.Equal(0, applicants.Value(March, "TOTAL", "T", "TOTAL", "SASY_APP"));
        // D's data was erased: counted, with sex and age unknown.
        Assert.Equal(1, applicants.Value(March, "IQ", "UNK", "UNK", "ASY_APP"));
        Assert.Equal(1, applicants.Value(March, "TOTAL", "UNK", "TOTAL", "ASY_APP"));
        // January: C; February: B at 17.
        Assert.Equal(1, applicants.Value(Period("2027-01"), "MA", "M", "Y35-64", "NASY_APP"));
        Assert.Equal(1, applicants.Value(February, "AF", "M", "Y14-17", "ASY_APP"));
        Assert.Equal(1, applicants.Value(February, "AF", "M", "Y_LT18", "ASY_APP"));
    }

    [Fact]
    public async Task an_application_after_a_final_decision_is_a_subsequent_application_of_a_person_not_new()
    {
        var applicants = (await ReportAsync(April))["migr_asyappctzm"];

        Assert.Equal(1, applicants.Value(April, "TOTAL", "T", "TOTAL", "ASY_APP"));
        Assert.Equal(1, applicants.Value(April, "MA", "M", "Y35-64", "SASY_APP"));
        Assert.Equal(0, applicants.Value(April, "TOTAL", "T", "TOTAL", "NASY_APP"));
    }

    [Fact]
    public async Task pending_applications_are_persons_under_consideration_at_the_end_of_each_month()
    {
        var q1 = (await ReportAsync(Q1))["migr_asypenctzm"];
        var april = (await ReportAsync(April))["migr_asypenctzm"];

        Assert.Equal(1, q1.Total(Period("2027-01")));                 // C
        Assert.Equal(2, q1.Total(February));                          // B, C
        // March: A (two applications, one person), C (appeal pending), D; B was granted protection on 25 March.
        Assert.Equal(3, q1.Total(March));
        Assert.Equal(0, q1.Value(March, "AF", "T", "TOTAL"));
        Assert.Equal(1, q1.Value(March, "MA", "M", "Y35-64"));
        // April: C's first application is final (8 April); the subsequent one is pending.
        Assert.Equal(3, april.Total(April));
        Assert.Equal(1, april.Value(April, "MA", "T", "TOTAL"));
    }

    [Fact]
    public async Task an_unaccompanied_minor_turning_18_is_counted_as_a_minor_applicant_and_decided_as_an_adult()
    {
        var q1 = await ReportAsync(Q1);

        var minors = q1["migr_asyunaa"];
        Assert.Equal(1, minors.Value(February, "AF", "M", "Y16-17"));
        Assert.Equal(0, minors.Total(March));
        var decisions = q1["migr_asydcfstq"];
        Assert.Equal(1, decisions.Value(Q1, "AF", "M", "Y18-34", "SUB_PROT"));
        Assert.Equal(0, decisions.Value(Q1, "AF", "M", "Y_LT18", "TOTAL"));
        Assert.Equal(0, q1["migr_asydcfstq-uam"].Total(Q1));
    }

    [Fact]
    public async Task a_decision_and_its_appeal_in_different_months_count_in_the_first_instance_and_the_final_table_of_their_own_periods()
    {
        var q1 = await ReportAsync(Q1);
        var q2 = await ReportAsync(Q2);

        var firstInstance = q1["migr_asydcfstq"];
        Assert.Equal(2, firstInstance.Value(Q1, "TOTAL", "T", "TOTAL", "TOTAL"));
        Assert.Equal(1, firstInstance.Value(Q1, "TOTAL", "T", "TOTAL", "TOTAL_POS"));
        Assert.Equal(1, firstInstance.Value(Q1, "MA", "M", "Y35-64", "REJECTED"));
        Assert.Equal(0, q1["migr_asydcfina"].Total(Q1));
        Assert.Equal(0, q2["migr_asydcfstq"].Total(Q2));
        Assert.Equal(1, q2["migr_asydcfina"].Value(Q2, "MA", "M", "Y35-64", "REJECTED"));
    }

    [Fact]
    public async Task accelerated_procedure_applicants_are_counted_in_the_month_of_their_application()
    {
        var accelerated = (await ReportAsync(March))["migr_asyaccctzm"];

        Assert.Equal(1, accelerated.Value(March, "SY", "F", "Y35-64"));
        Assert.Equal(1, accelerated.Total(March));
    }

    [Fact]
    public async Task published_values_are_rounded_to_five_and_the_exact_count_is_kept()
    {
        var directory = Path.Combine(Path.GetTempPath(), "fastproc-eurostat-" + Guid.NewGuid().ToString("N"));
        try
        {
            var written = (await ReportAsync(Q1)).Write(directory);

            Assert.Contains(written, f => f.EndsWith("migr_asyappctzm.csv"));
            Assert.Contains(written, f => f.EndsWith("README.txt"));
            var lines = File.ReadAllLines(Path.Combine(directory, "migr_asydcfstq.csv"));
            Assert.Equal("DATAFLOW,freq,unit,citizen,sex,age,decision,geo,TIME_PERIOD,OBS_VALUE,UNROUNDED", lines[0]);
            // Two decisions in the quarter: published as 0 (nearest 5), transmitted as 2.
            Assert.Contains("ESTAT:MIGR_ASYDCFSTQ(1.0),Q,PER,TOTAL,T,TOTAL,TOTAL,BG,2027-Q1,0,2", lines);
            Assert.Equal(5, Codes.RoundToFive(3));
            Assert.Equal(0, Codes.RoundToFive(2));
            Assert.Equal(10, Codes.RoundToFive(12));
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    [Fact]
    public async Task persons_ordered_to_leave_and_returned_are_counted_in_the_quarter_of_each_act_by_type_of_return()
    {
        var q1 = await ReportAsync(Q1);
        var q2 = await ReportAsync(Q2);

        // Q1: C's return decision issued with the rejection (10 March), E's and F's for an irregular stay.
        var ordered = q1["migr_eiord"];
        Assert.Equal(3, ordered.Total(Q1));
        Assert.Equal(1, ordered.Value(Q1, "MA", "M", "Y35-64"));
        Assert.Equal(1, ordered.Value(Q1, "TN", "UNK", "UNK"));
        Assert.Equal(2, ordered.Value(Q1, "TOTAL", "UNK", "UNK"));
        // E left voluntarily in February; C was removed in April.
        Assert.Equal(1, q1["migr_eirtn"].Total(Q1));
        Assert.Equal(1, q1["migr_eirt_vol"].Value(Q1, "TN", "VOL"));
        Assert.Equal(0, q1["migr_eirt_vol"].Value(Q1, "TOTAL", "ENF"));
        Assert.Equal(0, q2["migr_eiord"].Total(Q2));
        Assert.Equal(1, q2["migr_eirtn"].Value(Q2, "MA", "M", "Y35-64"));
        Assert.Equal(1, q2["migr_eirt_vol"].Value(Q2, "MA", "ENF"));
    }

    [Fact]
    public async Task a_month_gives_only_the_monthly_tables_and_says_why()
    {
        var march = await ReportAsync(March);

        Assert.Equal(["migr_asyappctzm", "migr_asypenctzm", "migr_asywitctzm", "migr_asyaccctzm", "migr_asyunaa"],
            march.Tables.Select(t => t.Definition.Dataset));
        Assert.Contains(march.Notes, n => n.Contains("--period 2027-Q1"));
    }

    [Fact]
    public async Task the_statistics_read_the_case_facts_and_leave_the_engines_workflow_steps_out()
    {
        var book = await cases.BookAsync();
        var everything = await FastProcedures.Statistics.Reading.CaseEvents.ReadAsync(cases.Store, "BG");

        Assert.Contains(everything.SelectMany(s => s.Events), e => e.Data is FastProcedures.Cases.Procedures.IWorkflowStep);
        Assert.DoesNotContain(book.Streams.SelectMany(s => s.Events), e => e.Data is FastProcedures.Cases.Procedures.IWorkflowStep);
        Assert.Equal(everything.Select(s => s.CaseId), book.Streams.Select(s => s.CaseId));
        Assert.Equal(
            everything.SelectMany(s => s.Events).Count(e => e.Data is not FastProcedures.Cases.Procedures.IWorkflowStep
                && e.Data.GetType().Namespace is "FastProcedures.Cases.Asylum" or "FastProcedures.Cases.Return"),
            book.Streams.SelectMany(s => s.Events).Count(e => e.Data.GetType().Namespace is "FastProcedures.Cases.Asylum" or "FastProcedures.Cases.Return"));
    }
}
