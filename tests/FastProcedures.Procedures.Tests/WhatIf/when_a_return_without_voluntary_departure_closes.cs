using FastProcedures.Cases.Procedures;
using FastProcedures.Cases.Running;

namespace FastProcedures.Procedures.Tests.WhatIf;

/// <summary>In memory, through the production use cases and the return procedure's definition: a return decision
/// without voluntary departure requires an entry ban (RD Art. 11(1)(a)), so the case closes only after it was issued.</summary>
public sealed class when_a_return_without_voluntary_departure_closes
{
    private static readonly WorkflowCatalog Catalog = new(Repository.Registry);

    private const string Opening = """
        country: BG
        steps:
          - at: 2026-09-01T09:00:00+03:00
            command: open-return-case
            with:
              nationality: TUR
              returnDecision: { voluntaryDepartureDays: 0, legalBasis: "RD Art. 6(1), Art. 7(4)", reason: "Irregular stay, risk of absconding" }

        """;

    private static WhatIfResult Run(string steps) =>
        Cases.Running.WhatIf.Run(Cases.Running.WhatIf.Parse(Opening + steps, Repository.Registry.Calendars.Keys.ToList()), Catalog);

    [Fact]
    public void closing_without_the_ban_is_refused()
    {
        var refused = Assert.Throws<WhatIfException>(() => Run("""
              - at: 2026-09-10T09:00:00+03:00
                command: close-return-case
                with: { reason: "Returnee left." }
            """));

        Assert.Contains("RD Art. 11(1)", refused.Message);
    }

    [Fact]
    public void closing_after_the_ban_is_accepted()
    {
        var result = Run("""
              - at: 2026-09-02T09:00:00+03:00
                command: issue-entry-ban
                with: { years: 3, legalBasis: "RD Art. 11(1)(a)" }
              - at: 2026-09-10T09:00:00+03:00
                command: close-return-case
                with: { reason: "Returnee left." }
            """);

        Assert.Contains(result.Timeline, e => e.Event == "EntryBanIssued");
        Assert.Equal("closed", result.Cases.Single().Workflows.Single(w => w.Id == "return-procedure").Stage);
    }
}
