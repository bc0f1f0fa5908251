using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using FastProcedures.Statistics.ProcessMining;
using FastProcedures.Statistics.Reading;
using Json.Schema;
using static FastProcedures.IntegrationTests.Statistics.StatisticsCases;

namespace FastProcedures.IntegrationTests.Statistics;

public sealed class when_cases_are_exported_for_process_mining(StatisticsCases cases) : IClassFixture<StatisticsCases>
{
    private static readonly DateTimeOffset From = DateTimeOffset.Parse("2027-01-01T00:00:00+02:00");
    private static readonly DateTimeOffset To = DateTimeOffset.Parse("2027-05-01T00:00:00+03:00");

    /// <summary>What the seeded cases hold that identifies a person or an officer; none of it may leave.</summary>
    private static readonly string[] PersonalData =
        ["Amina", "Bashir", "Karim", "Dana", "1990-01-01", "2009-03-15", "EURODAC", "BG-2027-81", "officer-", "dpo-", "Lesovo", "Sofia",
         "\"SYR\"", "\"AFG\"", "\"MAR\"", "\"TUN\"", "\"PAK\"", "Haskovo", "FB1234", "Bulgaria Air", "Recognition rate", "Serious harm"];

    private async Task<ProcessLog> LogAsync(Pseudonyms? pseudonyms = null) =>
        ProcessLog.Build("BG", await CaseEvents.ReadAsync(cases.Store, "BG"), From, To, pseudonyms ?? new Pseudonyms());

    private static string Ocel(ProcessLog log)
    {
        using var output = new MemoryStream();
        OcelWriter.Write(log, output);
        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }

    private static string Xes(ProcessLog log)
    {
        using var output = new MemoryStream();
        XesWriter.Write(log, output);
        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public async Task the_ocel_file_is_valid_against_the_ocel_2_0_json_schema()
    {
        var ocel = Ocel(await LogAsync());

        var schema = JsonSchema.FromText(OcelWriter.Schema());
        var result = schema.Evaluate(JsonDocument.Parse(ocel).RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        // And a broken file is not: the schema check can fail.
        var broken = JsonNode.Parse(ocel)!.AsObject();
        broken.Remove("objectTypes");
        Assert.False(schema.Evaluate(JsonDocument.Parse(broken.ToJsonString()).RootElement).IsValid);
    }

    [Fact]
    public async Task every_event_and_object_has_a_declared_type_with_its_attributes_as_ocel_readers_expect()
    {
        var ocel = JsonNode.Parse(Ocel(await LogAsync()))!;

        var eventTypes = ocel["eventTypes"]!.AsArray().ToDictionary(t => (string)t!["name"]!,
            t => t!["attributes"]!.AsArray().Select(a => (string)a!["name"]!).ToHashSet());
        var objectTypes = ocel["objectTypes"]!.AsArray().ToDictionary(t => (string)t!["name"]!,
            t => t!["attributes"]!.AsArray().Select(a => (string)a!["name"]!).ToHashSet());
        Assert.All(ocel["events"]!.AsArray(), e =>
        {
            Assert.True(eventTypes.TryGetValue((string)e!["type"]!, out var declared), $"event type {e["type"]} is not declared");
            Assert.All(e["attributes"]!.AsArray(), a => Assert.Contains((string)a!["name"]!, declared));
        });
        Assert.All(ocel["objects"]!.AsArray(), o =>
        {
            Assert.True(objectTypes.TryGetValue((string)o!["type"]!, out var declared), $"object type {o["type"]} is not declared");
            Assert.All(o["attributes"]!.AsArray(), a => Assert.Contains((string)a!["name"]!, declared));
        });
        var ids = ocel["events"]!.AsArray().Select(e => (string)e!["id"]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task every_event_relates_to_its_case_and_a_return_case_to_the_asylum_case_it_follows()
    {
        var ocel = JsonNode.Parse(Ocel(await LogAsync()))!;

        var objects = ocel["objects"]!.AsArray().Select(o => (Id: (string)o!["id"]!, Type: (string)o["type"]!)).ToList();
        Assert.Equal(6, objects.Count(o => o.Type == ProcessLog.AsylumCase));          // A1, A2, B, C1, C2, D
        Assert.Equal(3, objects.Count(o => o.Type == ProcessLog.ReturnCase));          // C1-R, E, F
        Assert.Contains(objects, o => o is { Id: "border-procedure", Type: "procedure" });
        var ids = objects.Select(o => o.Id).ToHashSet();
        foreach (var e in ocel["events"]!.AsArray())
        {
            var relationships = e!["relationships"]!.AsArray();
            Assert.Single(relationships, r => (string)r!["qualifier"]! == "case");
            Assert.All(relationships, r => Assert.Contains((string)r!["objectId"]!, ids));
        }
        var follows = ocel["objects"]!.AsArray().Where(o => (string)o!["type"]! == ProcessLog.ReturnCase)
            .SelectMany(o => o!["relationships"]!.AsArray()).Select(r => (string)r!["objectId"]!).ToList();
        Assert.Single(follows);
        Assert.Contains(follows[0], ids);
        Assert.Contains(ocel["events"]!.AsArray(), e => (string)e!["type"]! == "DecisionIssued"
            && e["attributes"]!.AsArray().Any(a => (string)a!["name"]! == "outcome" && (string)a["value"]! == "granted-subsidiary"));
    }

    [Fact]
    public async Task no_personal_data_leaves_in_either_format()
    {
        var log = await LogAsync();
        var ocel = Ocel(log);
        var xes = Xes(log);

        foreach (var text in PersonalData)
        {
            Assert.DoesNotContain(text, ocel, StringComparison.Ordinal);
            Assert.DoesNotContain(text, xes, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task two_exports_of_the_same_cases_cannot_be_joined_by_their_case_ids()
    {
        var first = await LogAsync();
        var second = await LogAsync();

        Assert.Equal(first.Events.Count, second.Events.Count);
        Assert.Empty(first.Cases.Select(c => c.Id).Intersect(second.Cases.Select(c => c.Id)));
        Assert.Equal(new Pseudonyms(new byte[32]).Of(C1), new Pseudonyms(new byte[32]).Of(C1));
    }

    [Fact]
    public async Task the_xes_file_has_one_trace_per_case_with_its_events_in_order()
    {
        var log = await LogAsync();
        var xes = XDocument.Parse(Xes(log));
        XNamespace ns = "http://www.xes-standard.org/";

        var traces = xes.Root!.Elements(ns + "trace").ToList();
        Assert.Equal(9, traces.Count);
        Assert.Equal(log.Events.Count, traces.Sum(t => t.Elements(ns + "event").Count()));
        foreach (var trace in traces)
        {
            var times = trace.Elements(ns + "event")
                .Select(e => DateTimeOffset.Parse(e.Elements(ns + "date").Single(d => (string?)d.Attribute("key") == "time:timestamp").Attribute("value")!.Value))
                .ToList();
            Assert.Equal(times.Order(), times);
        }
        var events = traces.SelectMany(t => t.Elements(ns + "event")).ToList();
        Assert.Contains(events, e => e.Elements().Any(a => (string?)a.Attribute("key") == "concept:name" && (string?)a.Attribute("value") == "RemovalExecuted"));
    }

    [Fact]
    public async Task only_events_inside_the_window_are_exported()
    {
        var march = ProcessLog.Build("BG", await CaseEvents.ReadAsync(cases.Store, "BG"),
            DateTimeOffset.Parse("2027-03-01T00:00:00+02:00"), DateTimeOffset.Parse("2027-04-01T00:00:00+03:00"), new Pseudonyms());

        Assert.All(march.Events, e => Assert.InRange(e.Time, DateTimeOffset.Parse("2027-03-01T00:00:00+02:00"), DateTimeOffset.Parse("2027-04-01T00:00:00+03:00")));
        Assert.DoesNotContain(march.Events, e => e.Activity == "RemovalExecuted");     // 15 April
        Assert.Contains(march.Events, e => e.Activity == "AppealLodged");              // 12 March
    }
}
