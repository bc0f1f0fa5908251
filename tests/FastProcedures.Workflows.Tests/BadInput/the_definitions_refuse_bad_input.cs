namespace FastProcedures.Workflows.Tests.BadInput;

/// <summary>The bad-input catalogue of definition files: each mistake is one file:line:col error, the folder is refused
/// whole (so `serve` does not start), and nothing is written.</summary>
public sealed class the_definitions_refuse_bad_input : IDisposable
{
    private const string File = "border-procedure.yaml";
    private readonly WorkflowsCopy _copy = new();

    public void Dispose() => _copy.Dispose();

    [Theory]
    [InlineData("version: 4\n", "version: one\n", "+0:10: /version: Value is \"string\" but should be \"integer\"")]
    [InlineData("version: 4\n", "version: 0\n", "+0:10: /version: 0 should be at least 1")]
    [InlineData("version: 4\n", "version: 99999999999\n", "+0:10: the number 99999999999 is out of range (quote it if it is text)")]
    [InlineData("case: asylum\n", "case: asylum\nowner: nobody\n", "+1:1: 'owner' is not allowed here")]
    [InlineData("case: asylum\n", "", "2:1: missing case")]
    [InlineData("applies-from: 2026-06-12", "applies-from: 2026-02-30", "+0:15: '2026-02-30' is not a date")]
    [InlineData("period: P12W", "period: 12", "+0:13: /timers/0/period: Value is \"integer\" but should be \"string\" or \"object\"")]
    [InlineData("period: P12W", "period: P12Q", "+0:13: 'P12Q' is not an ISO 8601 period such as PT72H, P5D, P12W, P2M or P1Y")]
    [InlineData("case: asylum\n", "case: asylum\ncase: return\n", "+1:1: duplicate key 'case'")]
    [InlineData("case: asylum\n", "case: asylum\n---\nid: smuggled\n", "+1:1: a second YAML document ('---') is not allowed: one definition or data set per file")]
    [InlineData("case: asylum\n", "case: &c [*c]\n", "+0:11: alias *c refers to the node that contains it (a cycle)")]
    [InlineData("case: asylum\n", "case:\tasylum\n\t\n", "+0:7: YAML: While scanning a plain scalar, found a tab character that violate indentation.")]
    public void a_broken_definition_is_one_error_at_its_place(string find, string replace, string expected) =>
        Assert.Equal(expected, _copy.TheOneError(File, find, replace));

    [Theory]
    [InlineData("days-field: voluntary_departure_days", "days-field: Voluntary-Days",
        "+0:59: /timers/0/period/days-field: The string value is not a match for the indicated regular expression")]
    [InlineData("period: { parameter: voluntary-departure, days-field: voluntary_departure_days }",
        "period: { days-field: voluntary_departure_days }", "+0:13: /timers/0/period: missing parameter")]
    public void a_period_from_the_decision_needs_a_field_name_and_its_parameter(string find, string replace, string expected) =>
        Assert.Equal(expected, _copy.TheOneError("return-procedure.yaml", find, replace));

    /// <summary>A window elapses and a limit is breached: the key under which their actions go must say which.</summary>
    [Theory]
    [InlineData("    on-elapsed:\n      # No appeal in time", "    on-breach:\n      # No appeal in time",
        "+0:5: timer 'appeal-deadline' is a window (kind: window): it elapses, so its actions go under on-elapsed, not on-breach")]
    [InlineData("    on-breach:\n      # APR Art. 51(2)", "    on-elapsed:\n      # APR Art. 51(2)",
        "+0:5: timer 'border-procedure-limit' is a limit: its actions go under on-breach (on-elapsed is for kind: window)")]
    public void a_window_takes_on_elapsed_and_a_limit_on_breach(string find, string replace, string expected) =>
        Assert.Equal(expected, _copy.TheOneError(File, find, replace));
}
