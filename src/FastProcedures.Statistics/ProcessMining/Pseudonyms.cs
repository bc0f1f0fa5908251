using System.Security.Cryptography;
using System.Text;

namespace FastProcedures.Statistics.ProcessMining;

/// <summary>
/// Case ids replaced per export (GDPR Art. 4(5), Art. 89(1)): HMAC-SHA256 under a key drawn for this export and never
/// stored, so within one export a case keeps one id (a return case still points at its asylum case), while two
/// exports cannot be joined with each other or traced back to the cases.
/// </summary>
public sealed class Pseudonyms
{
    private readonly byte[] _key;
    private readonly Dictionary<string, string> _issued = new(StringComparer.Ordinal);

    public Pseudonyms(byte[]? key = null) => _key = key ?? RandomNumberGenerator.GetBytes(32);

    public string Of(string caseId)
    {
        if (!_issued.TryGetValue(caseId, out var pseudonym))
        {
            var hash = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(caseId));
            _issued[caseId] = pseudonym = "case-" + Convert.ToHexStringLower(hash, 0, 10);
        }
        return pseudonym;
    }
}
