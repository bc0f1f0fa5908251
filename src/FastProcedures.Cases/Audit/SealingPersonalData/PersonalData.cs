using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FastProcedures.Cases.Asylum;
using Marten;

namespace FastProcedures.Cases.Audit.SealingPersonalData;

/// <summary>
/// The key that opens one person's sealed personal data, kept apart from the events (its own Marten document
/// table). Erasing it is crypto-shredding: the events stay as they are — history, hash chain and replay verification
/// stay valid — but the data in them can no longer be read (GDPR Art. 17; storage limitation, Art. 5(1)(e)).
/// </summary>
public sealed record PersonKey(string Id, string CaseId, string Key, DateTimeOffset CreatedAt);

/// <summary>
/// Seals personal data before it enters an event (AES-256-GCM, one key per person, the key id as associated data so
/// an envelope cannot be moved to another key) and opens it for the readers entitled to it (GDPR Art. 5(1)(f),
/// Art. 32(1)(a)).
/// </summary>
public static class PersonalData
{
    /// <summary>What readers get once the key is erased.</summary>
    public const string Erased = "[erased]";

    public static readonly PersonalDetails ErasedDetails = new(Erased, null, Erased);

    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>Creates the person's key in the session (stored in the same transaction as the event) and seals.</summary>
    public static SealedPersonalDetails Seal(IDocumentSession session, string caseId, PersonalDetails details, DateTimeOffset now)
    {
        var key = new PersonKey($"{caseId}/{Guid.NewGuid():N}", caseId, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), now);
        session.Store(key);
        return Seal(key, details);
    }

    public static SealedPersonalDetails Seal(PersonKey key, PersonalDetails details)
    {
        var plain = JsonSerializer.SerializeToUtf8Bytes(details);
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var cipher = new byte[plain.Length];
        var tag = new byte[TagSize];
        using var aes = new AesGcm(Convert.FromBase64String(key.Key), TagSize);
        aes.Encrypt(nonce, plain, cipher, tag, Encoding.UTF8.GetBytes(key.Id));
        return new SealedPersonalDetails(key.Id, Convert.ToBase64String(nonce), Convert.ToBase64String([.. cipher, .. tag]));
    }

    /// <summary>The person's data, or <see cref="ErasedDetails"/> when the key was erased.</summary>
    public static async Task<PersonalDetails> UnsealAsync(IQuerySession session, SealedPersonalDetails sealedDetails, CancellationToken cancellation)
    {
        var key = await session.LoadAsync<PersonKey>(sealedDetails.KeyId, cancellation);
        return key is null ? ErasedDetails : Unseal(key, sealedDetails);
    }

    public static PersonalDetails Unseal(PersonKey key, SealedPersonalDetails sealedDetails)
    {
        var nonce = Convert.FromBase64String(sealedDetails.Nonce);
        var sealedBytes = Convert.FromBase64String(sealedDetails.Ciphertext);
        var cipher = sealedBytes[..^TagSize];
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(Convert.FromBase64String(key.Key), TagSize);
        // Throws when the envelope or the key was changed: sealed data is authenticated, not only hidden.
        aes.Decrypt(nonce, cipher, sealedBytes[^TagSize..], plain, Encoding.UTF8.GetBytes(key.Id));
        return JsonSerializer.Deserialize<PersonalDetails>(plain)!;
    }
}
