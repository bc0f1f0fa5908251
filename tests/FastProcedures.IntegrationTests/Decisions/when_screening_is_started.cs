using FastProcedures.Cases;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;
using FastProcedures.Cases.Reception.Screening;
using FastProcedures.IntegrationTests.Infrastructure;
using static FastProcedures.IntegrationTests.Decisions.Cases;

namespace FastProcedures.IntegrationTests.Decisions;

/// <summary>The pure decision of <see cref="StartScreening"/>: screening starts on a case that runs a workflow
/// expecting it (the definitions say which, through their <c>events:</c>), and never once the application is
/// registered.</summary>
public sealed class when_screening_is_started
{
    private static readonly WorkflowCatalog Catalog = WorkflowCatalog.Load();

    private static readonly ApplicationMade Application = new(AsylumId, "BG", ApplicationPlace.Border, "Lesovo", "MAR", false,
        new SealedPersonalDetails("k", "n", "c"), "officer", Now.AddHours(-2));

    /// <summary>The case as the runtime opens it: the application and what the workflows it starts record.</summary>
    private static AsylumCase Made(params object[] events) => Made(Catalog, events);

    private static AsylumCase Made(WorkflowCatalog catalog, params object[] events) =>
        CaseStreams.Advance(AsylumCases.Kind, AsylumId, null, [Application], catalog, Application.MadeAt)
            .Concat(events)
            .Aggregate((AsylumCase?)null, AsylumCase.Fold)!;

    private static StartScreening Start => new(AsylumId, null, "officer-reception");

    [Fact]
    public void a_case_just_made_starts_its_screening()
    {
        Assert.Equal(new object[] { new ScreeningStarted(AsylumId, "officer-reception", Now) },
            StartScreeningHandler.Decide(Made(), Start, Now, Catalog));
    }

    [Fact]
    public void a_registered_application_is_not_screened()
    {
        var registered = Made(new ApplicationRegistered(AsylumId, "officer", Now.AddHours(-1)));

        var refused = Assert.Throws<CaseCommandRefused>(() => StartScreeningHandler.Decide(registered, Start, Now, Catalog));
        Assert.Contains("not awaiting screening", refused.Message);
    }

    [Fact]
    public void a_case_none_of_whose_workflows_expects_screening_is_refused()
    {
        var withoutWorkflows = AsylumCase.Fold(null, Application)!;

        Assert.Empty(withoutWorkflows.Workflows.Instances);
        Assert.Throws<CaseCommandRefused>(() => StartScreeningHandler.Decide(withoutWorkflows, Start, Now, Catalog));
    }

    [Fact]
    public void the_definitions_say_which_workflow_expects_it_not_its_id()
    {
        // The screening definition under another id: it sorts before "screening", so the application starts it alone.
        var folder = Directory.CreateTempSubdirectory("fastproc-screening-");
        try
        {
            WorkflowsCopy.To(folder.FullName);
            var screening = File.ReadAllText(Path.Combine(folder.FullName, "screening.yaml"));
            Assert.Contains("\nid: screening\n", screening);
            File.WriteAllText(Path.Combine(folder.FullName, "border-screening.yaml"),
                screening.Replace("\nid: screening\n", "\nid: border-screening\n", StringComparison.Ordinal));
            var catalog = WorkflowCatalog.Load(folder.FullName);

            var made = Made(catalog);

            Assert.Equal(["border-screening"], made.Workflows.Instances.Keys);
            Assert.IsType<ScreeningStarted>(Assert.Single(StartScreeningHandler.Decide(made, Start, Now, catalog)));
        }
        finally
        {
            folder.Delete(true);
        }
    }
}
