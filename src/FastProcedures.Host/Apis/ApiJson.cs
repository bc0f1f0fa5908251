using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using FastProcedures.Cases.Procedures;

namespace FastProcedures.Host.Apis;

/// <summary>The API's JSON: camelCase (ASP.NET's web defaults), enums by name as the event store keeps them, and a
/// workflow event's effect shown once (as its <c>step</c>).</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(type =>
        {
            if (typeof(IWorkflowStep).IsAssignableFrom(type.Type) && type.Kind == JsonTypeInfoKind.Object)
            {
                foreach (var effect in type.Properties.Where(p => p.Name == "effect").ToList())
                {
                    type.Properties.Remove(effect);
                }
            }
        });
    }
}
