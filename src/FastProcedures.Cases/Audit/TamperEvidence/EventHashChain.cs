using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastProcedures.Cases.Audit.TamperEvidence;

/// <summary>
/// The hash that chains each event to the previous event of its stream: SHA-256 over the previous hash, the stream
/// id, the version, the event type and the event's data as canonical JSON. Changing, removing or reordering a stored
/// event breaks the chain from that event on, which is what lets an auditor prove the history was not edited.
/// </summary>
public static class EventHashChain
{
    /// <summary>The event header holding the hash (<c>mt_events.headers->>'hash'</c>).</summary>
    public const string Header = "hash";

    /// <summary>The "previous hash" of a stream's first event.</summary>
    public const string Genesis = "";

    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Link(string previousHash, string streamId, long version, string eventType, string dataJson)
    {
        var input = $"{previousHash}\n{streamId}\n{version}\n{eventType}\n{Canonical(dataJson)}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(input)));
    }

    /// <summary>
    /// JSON as PostgreSQL's <c>jsonb</c> gives it back does not keep key order, whitespace or escapes; the hash is
    /// taken over one form of it (keys in ordinal order, no whitespace, minimal escaping), so the JSON the serializer
    /// wrote and the JSON read back from the table hash alike.
    /// </summary>
    public static string Canonical(string json)
    {
        var node = JsonNode.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Writer))
        {
            Write(writer, node);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            default:
                var element = node.GetValue<JsonElement>();
                if (element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var number))
                {
                    // jsonb keeps numbers as numeric: 1E2 comes back as 100.
                    writer.WriteNumberValue(number);
                }
                else
                {
                    element.WriteTo(writer);
                }
                break;
        }
    }
}
