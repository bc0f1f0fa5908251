using System.Text.Json;
using System.Text.Json.Serialization;

namespace FastProcedures.Host.Apis;

/// <summary>The API's JSON: camelCase (ASP.NET's web defaults) and enums by name as the event store keeps them. A
/// workflow event's effect shows once, as its <c>step</c>, as it is stored (<see cref="FastProcedures.Cases.Procedures.IWorkflowStep"/>).</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options) => options.Converters.Add(new JsonStringEnumConverter());
}
