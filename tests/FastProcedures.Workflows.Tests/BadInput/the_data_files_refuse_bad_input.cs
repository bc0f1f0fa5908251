namespace FastProcedures.Workflows.Tests.BadInput;

/// <summary>The bad-input catalogue of the data files (routing rules, recognition rates, crisis periods, removal capacity): one
/// file:line:col error each, cross-checked against the definitions, the folder refused whole, nothing written.</summary>
public sealed class the_data_files_refuse_bad_input : IDisposable
{
    private readonly WorkflowsCopy _copy = new();

    public void Dispose() => _copy.Dispose();

    [Theory]
    [InlineData("data/routing-rules.yaml", "procedure: inadmissibility\n    ground: \"APR Art. 38(1)(d)\"", "procedure: inadmisibility\n    ground: \"APR Art. 38(1)(d)\"", "+0:16: rule 'subsequent-without-new-elements' routes to 'inadmisibility', which is no definition in workflows/")]
    [InlineData("data/routing-rules.yaml", "applies-from: 2026-06-12", "applies-from: 2026-13-12", "+0:15: '2026-13-12' is not a date")]
    [InlineData("data/routing-rules.yaml", "  threshold: 20\n", "  threshold: twenty\n", "+0:14: /low-recognition-rate/threshold: Value is \"string\" but should be \"number\"")]
    [InlineData("data/routing-rules.yaml", "  threshold: 20\n", "  threshold: 1e999\n", "+0:14: the number 1e999 is out of range (quote it if it is text)")]
    [InlineData("data/routing-rules.yaml", "rules:\n", "rules: &r\n  - *r\n", "+1:5: alias *r refers to the node that contains it (a cycle)")]
    [InlineData("data/recognition-rates.yaml", "  AFG: 62.0", "  AFG: 162.0", "+0:8: /rates/AFG: 162 should be at most 100")]
    [InlineData("data/recognition-rates.yaml", "  AFG: 62.0", "  Afghanistan: 62.0", "+0:16: /rates/Afghanistan: The string value is not a match for the indicated regular expression")]
    [InlineData("data/recognition-rates.yaml", "  AFG: 62.0", "  AFG: 62.0\n  AFG: 63.0", "+1:3: duplicate key 'AFG'")]
    [InlineData("data/crisis-periods.yaml", "  BG: []", "  BG:\n    - { id: bg-2026-1, decision: \"Council Implementing Decision (EU) 2026/1\", start: 2026-07-01, end: 2026-06-01, derogations: [border-procedure/border-procedure-limit] }", "+1:103: crisis 'bg-2026-1' ends (2026-06-01) before it starts (2026-07-01)")]
    [InlineData("data/crisis-periods.yaml", "  BG: []", "  BG:\n    - { id: bg-2026-1, decision: \"Council Implementing Decision (EU) 2026/1\", start: 2026-07-01, end: 2026-08-01, derogations: [border-procedure/no-such-timer] }", "+1:129: crisis 'bg-2026-1': 'border-procedure/no-such-timer': border-procedure has no timer 'no-such-timer'")]
    [InlineData("data/crisis-periods.yaml", "version: 1\n", "version: 1\n---\nversion: 2\n", "+1:1: a second YAML document ('---') is not allowed: one definition or data set per file")]
    [InlineData("data/removal-capacity.yaml", "  BG:\n    - from: 2026-06-12\n      escorts-per-day: 4", "  BG:\n    - from: 2026-06-12\n      escorts-per-day: -1", "+2:24: /countries/BG/0/escorts-per-day: -1 should be at least 0")]
    [InlineData("data/removal-capacity.yaml", "  RO:\n    - from: 2026-06-12", "  RO:\n    - from: 2026-06-12\n      escorts-per-day: 4\n      source: \"assumed\"\n    - from: 2026-06-01", "+4:13: RO: entries must be in date order (2026-06-01 is not after 2026-06-12)")]
    public void a_broken_data_file_is_one_error_at_its_place(string file, string find, string replace, string expected) =>
        Assert.Equal(expected, _copy.TheOneError(file, find, replace));
}
