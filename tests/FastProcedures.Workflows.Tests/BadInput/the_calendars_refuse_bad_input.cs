namespace FastProcedures.Workflows.Tests.BadInput;

/// <summary>The bad-input catalogue of country calendars (workflows/calendars): one file:line:col error each, the
/// folder refused whole, nothing written.</summary>
public sealed class the_calendars_refuse_bad_input : IDisposable
{
    private const string File = "calendars/bg.yaml";
    private readonly WorkflowsCopy _copy = new();

    public void Dispose() => _copy.Dispose();

    [Theory]
    [InlineData("time-zone: Europe/Sofia", "time-zone: Europe/Atlantis", "+0:12: 'Europe/Atlantis' is not an IANA time zone")]
    [InlineData("{ date: 03-03,", "{ date: 02-30,", "+0:13: '02-30' is not a day of the year")]
    [InlineData("{ date: 03-03,", "{ date: 13-03,", "+0:13: /holidays/1/date: The string value is not a match for the indicated regular expression")]
    [InlineData("extra-days-off:\n", "extra-days-off:\n  2026-02-30: Bridge day\n", "+1:3: '2026-02-30' is not a date")]
    [InlineData("appeal-window-regular: P2W", "appeal-window-regular: P2Q", "+0:26: 'P2Q' is not an ISO 8601 period such as PT72H, P5D, P12W, P2M or P1Y")]
    [InlineData("appeal-window-regular: P2W", "appeal-window-regular: P9W", "+0:26: BG sets appeal-window-regular to P9W, outside the legal range P2W..P1M (APR Art. 67(7)(b))")]
    [InlineData("version: 2\n", "version: 1.5\n", "+0:10: /version: Value is \"number\" but should be \"integer\"")]
    [InlineData("country: BG\n", "country: BG\ncountry: RO\n", "+1:1: duplicate key 'country'")]
    [InlineData("holidays:\n", "holidays: &h\n  - *h\n", "+1:5: alias *h refers to the node that contains it (a cycle)")]
    [InlineData("version: 2\n", "version: 2\n---\ncountry: RO\n", "+1:1: a second YAML document ('---') is not allowed: one definition or data set per file")]
    public void a_broken_calendar_is_one_error_at_its_place(string find, string replace, string expected) =>
        Assert.Equal(expected, _copy.TheOneError(File, find, replace));
}
