using FastProcedures.Cases;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Reception.Screening;

namespace FastProcedures.Procedures.Tests.Decisions;

/// <summary>The pure decision of <see cref="TakeBiometrics"/>: a repeat of the same taking records nothing, a new
/// taking (another Eurodac reference) is recorded.</summary>
public sealed class when_biometrics_are_taken
{
    private const string Id = "BG-2026-500001";
    private static readonly DateTimeOffset MadeAt = DateTimeOffset.Parse("2026-07-01T10:00:00+03:00");
    private static readonly DateTimeOffset Now = MadeAt.AddHours(2);

    private static AsylumCase Case(params object[] events)
    {
        var made = new ApplicationMade(Id, "BG", ApplicationPlace.Border, "Kapitan Andreevo", "MAR", false,
            new SealedPersonalDetails($"{Id}/key", "nonce", "sealed"), "officer-reception", MadeAt);
        return events.Aggregate(AsylumCase.Fold(null, made)!, (state, e) => AsylumCase.Fold(state, e)!);
    }

    private static TakeBiometrics Take(string reference) => new(Id, null, reference, "officer-reception");

    [Fact]
    public void the_first_taking_is_recorded()
    {
        var events = TakeBiometricsHandler.Decide(Case(), Take("EURODAC-BG-1"), Now);

        Assert.Equal(new object[] { new BiometricsTaken(Id, "EURODAC-BG-1", "officer-reception", Now) }, events);
    }

    [Fact]
    public void the_same_reference_again_records_nothing()
    {
        var state = Case(new BiometricsTaken(Id, "EURODAC-BG-1", "officer-reception", MadeAt.AddHours(1)));

        Assert.Empty(TakeBiometricsHandler.Decide(state, Take("EURODAC-BG-1"), Now));
    }

    [Fact]
    public void another_reference_after_a_taking_is_a_new_taking_and_is_recorded()
    {
        var state = Case(new BiometricsTaken(Id, "EURODAC-BG-1", "officer-reception", MadeAt.AddHours(1)));

        var events = TakeBiometricsHandler.Decide(state, Take("EURODAC-BG-2"), Now);

        Assert.Equal(new object[] { new BiometricsTaken(Id, "EURODAC-BG-2", "officer-reception", Now) }, events);
        // The last taking counts: the first reference again is a new taking too.
        var retaken = Case(events.Prepend(new BiometricsTaken(Id, "EURODAC-BG-1", "officer-reception", MadeAt.AddHours(1))).ToArray());
        Assert.Empty(TakeBiometricsHandler.Decide(retaken, Take("EURODAC-BG-2"), Now));
        Assert.Single(TakeBiometricsHandler.Decide(retaken, Take("EURODAC-BG-1"), Now));
    }

    [Fact]
    public void a_blank_reference_is_refused_even_before_any_taking()
    {
        var refused = Assert.Throws<CaseCommandRefused>(() => TakeBiometricsHandler.Decide(Case(), Take(" "), Now));

        Assert.Contains("EurodacReference", refused.Message);
    }

    [Fact]
    public void a_closed_or_unknown_case_is_refused_even_for_a_repeat()
    {
        var taken = new BiometricsTaken(Id, "EURODAC-BG-1", "officer-reception", MadeAt.AddHours(1));
        var closed = Case(taken, new AsylumCaseClosed(Id, "withdrawn", "officer-asylum", Now));

        Assert.Throws<CaseCommandRefused>(() => TakeBiometricsHandler.Decide(closed, Take("EURODAC-BG-1"), Now));
        Assert.Throws<CaseCommandRefused>(() => TakeBiometricsHandler.Decide(null, Take("EURODAC-BG-1"), Now));
    }
}
