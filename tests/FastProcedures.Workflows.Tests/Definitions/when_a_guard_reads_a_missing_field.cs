using FastProcedures.Workflows.Definitions;

namespace FastProcedures.Workflows.Tests.Definitions;

/// <summary>Revision-2 guards read fields older events do not carry (e.g. <c>against</c> of an appeal): a missing field is
/// null, equal to nothing and different from everything.</summary>
public sealed class when_a_guard_reads_a_missing_field
{
    [Theory]
    [InlineData("against == 'transfer-decision'", false)]
    [InlineData("against != 'transfer-decision'", true)]
    [InlineData("against != 'transfer-decision' && against != 'return-decision'", true)]
    [InlineData("crisis_type != 'instrumentalisation'", true)]
    [InlineData("reason != null", false)]
    [InlineData("reason != null || asylum_decision_final == true", false)]
    public void a_missing_field_is_null(string text, bool holds)
    {
        Assert.True(Guard.TryParse(text, out var guard, out var error), error);
        Assert.Equal(holds, guard!.Holds(new Dictionary<string, object?>()));
    }

    [Fact]
    public void a_present_field_is_not_null()
    {
        Assert.True(Guard.TryParse("reason != null || asylum_decision_final == true", out var guard, out _));
        Assert.True(guard!.Holds(new Dictionary<string, object?> { ["reason"] = "appeal-window-passed" }));
        Assert.True(guard.Holds(new Dictionary<string, object?> { ["asylum_decision_final"] = true }));
        Assert.False(guard.Holds(new Dictionary<string, object?> { ["asylum_decision_final"] = false }));
    }
}
