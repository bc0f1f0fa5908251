using System.Text.RegularExpressions;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Return;

namespace FastProcedures.Cases;

/// <summary>Checks shared by the use cases; each failure is a <see cref="CaseCommandRefused"/> with a clear reason.</summary>
public static partial class Validation
{
    public static readonly IReadOnlyList<string> Countries = ["BG", "RO"];

    [GeneratedRegex("^(BG|RO)-[A-Z0-9][A-Z0-9-]{2,40}$")]
    private static partial Regex CaseIdPattern();

    public static void Require(bool condition, string reason)
    {
        if (!condition)
        {
            throw new CaseCommandRefused(reason);
        }
    }

    public static void Required(string? value, string field) =>
        Require(!string.IsNullOrWhiteSpace(value), $"{field} is required.");

    /// <summary>A case id starts with its country, which is also its tenant: <c>BG-2026-000123</c>.</summary>
    public static void CaseId(string caseId, string country)
    {
        Require(Countries.Contains(country), $"Country '{country}' is not one of {string.Join(", ", Countries)}.");
        Require(CaseIdPattern().IsMatch(caseId ?? ""), $"Case id '{caseId}' is not of the form {country}-YEAR-NUMBER.");
        Require(caseId!.StartsWith(country + "-", StringComparison.Ordinal), $"Case id '{caseId}' does not start with its country {country}.");
    }

    public static AsylumCase Open(AsylumCase? state, string caseId)
    {
        Require(state is not null, $"There is no asylum case {caseId}.");
        Require(!state!.Closed, $"Asylum case {caseId} is closed.");
        return state;
    }

    public static ReturnCase Open(ReturnCase? state, string caseId)
    {
        Require(state is not null, $"There is no return case {caseId}.");
        Require(!state!.Closed, $"Return case {caseId} is closed.");
        return state;
    }
}
