using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

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
        // The hashed bytes: the UTF-8 of "{previous}\n{stream}\n{version}\n{type}\n" and of the canonical JSON after it.
        var input = new ArrayBufferWriter<byte>(dataJson.Length + 256);
        Encoding.UTF8.GetBytes($"{previousHash}\n{streamId}\n{version}\n{eventType}\n", input);
        WriteCanonical(dataJson, input);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// JSON as PostgreSQL's <c>jsonb</c> gives it back does not keep key order, whitespace or escapes; the hash is
    /// taken over one form of it (keys in ordinal order, no whitespace, minimal escaping), so the JSON the serializer
    /// wrote and the JSON read back from the table hash alike.
    /// </summary>
    public static string Canonical(string json)
    {
        var output = new ArrayBufferWriter<byte>(json.Length + 64);
        WriteCanonical(json, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static void WriteCanonical(string json, IBufferWriter<byte> output)
    {
        using var document = JsonDocument.Parse(json);
        using var writer = new Utf8JsonWriter(output, Writer);
        Write(writer, document.RootElement);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = new List<(string Name, JsonElement Value)>();
                foreach (var property in element.EnumerateObject())
                {
                    properties.Add((property.Name, property.Value));
                }
                properties.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                writer.WriteStartObject();
                foreach (var (name, value) in properties)
                {
                    writer.WritePropertyName(name);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            case JsonValueKind.Number when element.TryGetDecimal(out var number):
                // jsonb keeps numbers as numeric: 1E2 comes back as 100.
                writer.WriteNumberValue(number);
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
