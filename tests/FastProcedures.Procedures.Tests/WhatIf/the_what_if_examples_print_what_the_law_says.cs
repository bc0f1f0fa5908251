using FastProcedures.Cases.Running;
using FastProcedures.Cases.Procedures;

namespace FastProcedures.Procedures.Tests.WhatIf;

/// <summary>
/// Every example of <c>docs/what-if/</c> runs in memory through the production use cases and engine, and prints what
/// is committed next to it (<c>NAME.expected.txt</c>, the output of <c>fastproc what-if NAME.yaml</c>); the law's
/// limits it shows are asserted one by one below. To accept a deliberate change, run with WHATIF_UPDATE=1 and review
/// the diff of the .expected.txt files.
/// </summary>
public sealed class the_what_if_examples_print_what_the_law_says
{
    private static readonly string Examples = Path.Combine(Path.GetDirectoryName(Repository.WorkflowsDirectory)!, "docs", "what-if");

    private static readonly WorkflowCatalog Catalog = new(Repository.Registry);

    private static IReadOnlyList<string> Names => Directory.GetFiles(Examples, "*.yaml").Select(f => Path.GetFileNameWithoutExtension(f)).Order().ToList();

    public static TheoryData<string> Files => new(Names);

    private static WhatIfResult Run(string name, DateTimeOffset? until = null) =>
        Cases.Running.WhatIf.Run(Cases.Running.WhatIf.Parse(File.ReadAllText(Path.Combine(Examples, name + ".yaml")),
            Repository.Registry.Calendars.Keys.ToList()), Catalog, until);

    private static TimerView Timer(WhatIfResult result, string caseId, string workflow, string timer) =>
        result.Cases.Single(c => c.Id == caseId).Workflows.Single(w => w.Id == workflow).Timers.Single(t => t.Id == timer);

    private static string? Stage(WhatIfResult result, string caseId, string workflow) =>
        result.Cases.Single(c => c.Id == caseId).Workflows.Single(w => w.Id == workflow).Stage;

    [Theory]
    [MemberData(nameof(Files))]
    public void each_example_prints_its_committed_output(string name)
    {
        var actual = Cases.Running.WhatIf.ToText(Run(name));
        var expectedFile = Path.Combine(Examples, name + ".expected.txt");
        if (Environment.GetEnvironmentVariable("WHATIF_UPDATE") == "1")
        {
            File.WriteAllText(expectedFile, actual);
        }
        Assert.Equal(File.ReadAllText(expectedFile), actual);
    }

    [Fact]
    public void there_is_an_example_for_every_procedure()
    {
        var procedures = Repository.Registry.All.Select(d => d.Id).Distinct().Order().ToList();
        var shown = Names.SelectMany(n => Run(n).Cases.SelectMany(c => c.Workflows.Select(w => w.Id))).ToHashSet();

        Assert.Empty(procedures.Except(shown));
    }

    [Fact]
    public void the_border_procedure_lasts_12_weeks_from_registration()
    {
        // APR Art. 51(2): "... shall be as short as possible ... within 12 weeks from the registration of the application".
        var result = Run("border-procedure");

        var limit = Timer(result, "BG-2026-000001", "border-procedure", "border-procedure-limit");
        Assert.Equal(DateTimeOffset.Parse("2026-07-03T10:00:00+03:00"), limit.StartedAt);
        Assert.Equal(DateTimeOffset.Parse("2026-09-26T00:00:00+03:00"), limit.ExpiresAt); // 12 weeks: end of Fri 25 Sep
        Assert.Equal("met", limit.Status);
    }

    [Fact]
    public void the_return_border_procedure_counts_12_weeks_from_the_end_of_the_right_to_remain()
    {
        // RBPR Art. 4(2): "... for a maximum period of 12 weeks starting from when the applicant ... no longer has a
        // right to remain and is not allowed to remain" — here the end of the 7-day appeal window that passed without
        // an appeal (APR Art. 68: the right to remain lasts until that window expires), not the day the return case
        // opened with the decision nor the later day the finality was recorded.
        var result = Run("return-border-procedure");

        var limit = Timer(result, "BG-2026-000001-R", "return-border-procedure", "return-border-limit");
        Assert.Equal(DateTimeOffset.Parse("2026-08-11T00:00:00+03:00"), limit.StartedAt);
        Assert.Equal("met", limit.Status);
        Assert.Equal("removed", Stage(result, "BG-2026-000001-R", "return-border-procedure"));
    }

    [Fact]
    public void without_removal_the_return_border_procedure_ends_and_the_return_directive_takes_over()
    {
        // RBPR Art. 4(2) and (3): after the 12 weeks the case continues under Directive 2008/115/EC.
        var result = Run("border-procedure", DateTimeOffset.Parse("2026-12-01T00:00:00+02:00"));

        Assert.Equal("breached", Timer(result, "BG-2026-000001-R", "return-border-procedure", "return-border-limit").Status);
        Assert.Contains(result.Cases.Single(c => c.Id == "BG-2026-000001-R").Workflows, w => w.Id == "return-procedure");
    }

    [Fact]
    public void registration_after_five_days_breaches_the_registration_limit()
    {
        // APR Art. 27(1): "... register the application ... no later than five days after the application is made".
        var result = Run("screening");

        var limit = Timer(result, "RO-2026-000001", "screening", "registration-limit");
        Assert.Equal(DateTimeOffset.Parse("2026-07-07T00:00:00+03:00"), limit.ExpiresAt);
        Assert.Equal("breached", limit.Status);
    }

    [Fact]
    public void detention_for_removal_is_limited_to_six_months()
    {
        // RD Art. 15(5): "... Member States shall set a limited period of detention, which may not exceed six months."
        var result = Run("return-procedure");

        Assert.Equal(DateTimeOffset.Parse("2027-03-02T00:00:00+02:00"),
            Timer(result, "BG-2026-000001-R", "return-procedure", "detention-limit").ExpiresAt);
    }

    [Fact]
    public void without_a_take_charge_request_in_two_months_responsibility_stays_here()
    {
        // AMMR Art. 39(1): the request is made "as quickly as possible and in any event within two months" of the
        // registration; where it is not, "responsibility for examining the application ... shall lie with the Member
        // State in which the application was registered".
        var result = Run("ammr-responsibility");

        Assert.Equal("breached", Timer(result, "BG-2026-000001", "ammr-responsibility", "take-charge-request").Status);
        Assert.Equal("responsible", Stage(result, "BG-2026-000001", "ammr-responsibility"));
    }

    [Fact]
    public void an_appeal_window_that_passes_unused_elapses_and_is_no_breach()
    {
        // APR Art. 67(1): "Applicants ... shall have the right to an effective remedy before a court or tribunal";
        // the time to lodge that appeal (Art. 67(7)) is granted to the applicant, not a limit on the authority.
        // Unused, the window elapses and the decision becomes final (APR Art. 68(2)); nobody breached anything.
        var result = Run("border-procedure");

        var window = Timer(result, "BG-2026-000001", "border-procedure", "appeal-deadline");
        Assert.Equal("elapsed", window.Status);
        Assert.Equal(DateTimeOffset.Parse("2026-08-11T00:00:00+03:00"), window.ExpiresAt);
        Assert.Contains("\"status\": \"elapsed\"", Cases.Running.WhatIf.ToJson(result));
        var text = Cases.Running.WhatIf.ToText(result);
        Assert.Contains("ELAPSED window appeal-deadline ran out 2026-08-11T00:00+03:00, no breach (APR Art. 67(7)(a))", text);
        Assert.DoesNotContain("BREACH timer appeal-deadline", text);
        Assert.Equal("handed-to-return", Stage(result, "BG-2026-000001", "border-procedure"));
    }
}
