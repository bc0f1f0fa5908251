using FastProcedures.Cases.Audit.TamperEvidence;

namespace FastProcedures.Procedures.Tests.Audit;

/// <summary>
/// The link of the tamper-evidence chain (<see cref="EventHashChain"/>) is part of every stored event: a change in how
/// it is computed would make every chain already stored fail <c>verify-chain</c>. The expected hashes here were taken
/// from the implementation the stored chains were written with.
/// </summary>
public sealed class when_an_event_is_linked_into_its_chain
{
    public static TheoryData<string, string, string> Stored => new()
    {
        // Key order, whitespace and escapes as the serializer writes them ...
        { """{"caseId":"BG-2026-000001","at":"2026-07-01T10:00:00+03:00","n":3,"ok":true,"none":null}""", "", "ebf8884e036a070f8cfec51df797ab68708dc3b1b3950415c73176f943a31c2b" },
        // ... and as jsonb gives them back (keys by length, then bytes; numbers as numeric; escapes resolved).
        { """{"n": 3, "ok": true, "at": "2026-07-01T10:00:00+03:00", "none": null, "caseId": "BG-2026-000001"}""", "", "ebf8884e036a070f8cfec51df797ab68708dc3b1b3950415c73176f943a31c2b" },
        { """{"caseId":"BG-2026-\u0030\u0030\u0030\u0030\u0030\u0031","at":"2026-07-01T10:00:00+03:00","n":3E0,"ok":true,"none":null}""", "", "ebf8884e036a070f8cfec51df797ab68708dc3b1b3950415c73176f943a31c2b" },
        // Nested objects and arrays, text outside ASCII, characters HTML would escape, a quote, a control character.
        { """{"b":[{"z":1,"a":[1.50,-2,1E2]},[],{}],"a":{"y":"Стара Загора <ş> & 'x' \"q\" \u0001 😀","x":[null,false]}}""", "0a1b", "35ac275ba5ee6683b5c023d089678d0e34f24ceb82ae1426790e229b71889f16" },
        { """{"a":{"x":[null,false],"y":"Стара Загора <ş> & 'x' \"q\" \u0001 😀"},"b":[{"a":[1.50,-2,100],"z":1},[],{}]}""", "0a1b", "35ac275ba5ee6683b5c023d089678d0e34f24ceb82ae1426790e229b71889f16" },
        // A large integer and a long decimal fraction.
        { """{"big":123456789012345678901234,"small":0.000000000000000000000000001}""", "ff", "c6bf340d5796a6553acb5963f1126343232a1320a5b5f84d55b0bb00dac33d65" },
    };

    [Theory]
    [MemberData(nameof(Stored))]
    public void its_hash_is_the_one_the_stored_chains_hold(string json, string previous, string expected)
    {
        Assert.Equal(expected, EventHashChain.Link(previous, "BG-2026-000001", 7, "application_made", json));
    }

    [Fact]
    public void its_data_is_hashed_in_one_form_keys_in_ordinal_order_no_whitespace_minimal_escapes()
    {
        const string json = """{"b":[{"z":1,"a":[1.50,-2,1E2]},[],{}],"a":{"y":"Стара Загора <ş> & 'x' \"q\" \u0001 😀","x":[null,false]}}""";

        Assert.Equal(
            """{"a":{"x":[null,false],"y":"Стара Загора <ş> & 'x' \"q\" \u0001 \uD83D\uDE00"},"b":[{"a":[1.50,-2,100],"z":1},[],{}]}""",
            EventHashChain.Canonical(json));
    }
}
