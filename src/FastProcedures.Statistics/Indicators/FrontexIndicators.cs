using FastProcedures.Cases.Return;
using FastProcedures.Statistics.Eurostat;
using FastProcedures.Statistics.Reading;

namespace FastProcedures.Statistics.Indicators;

/// <summary>
/// Monthly return indicators in the shape of Frontex's return data collection, as far as their definitions are
/// public (Frontex risk analyses: return decisions issued, effective returns by type): return decisions issued,
/// effective returns (forced = removal, RD Art. 8; voluntary = confirmed departure, RD Art. 7), and persons ready for
/// return whose removal is not organised — at the end of the month, a return decision stands, no bar stands against
/// removal (<see cref="ReturnCase.RemovalBars"/>: voluntary departure running, appeal, transfer, hold), and no removal
/// is scheduled. The last one is our definition (unconfirmed, docs/statistics.md).
/// </summary>
public static class FrontexIndicators
{
    public const string ReturnDecisions = "RETURN_DECISIONS";
    public const string ForcedReturns = "EFFECTIVE_RETURNS_FORCED";
    public const string VoluntaryReturns = "EFFECTIVE_RETURNS_VOLUNTARY";
    public const string ReadyNotOrganised = "READY_FOR_RETURN_NOT_ORGANISED";

    public static IndicatorTable Build(CaseBook book, ReferencePeriod period)
    {
        var months = period.Months;
        var items = new List<(string, string, ReferencePeriod)>();
        var returnStreams = book.Streams.Where(s => s.IsReturn).ToDictionary(s => s.CaseId, StringComparer.Ordinal);
        foreach (var month in months)
        {
            var end = month.End.AtStartOfDayInZone(book.Zone).ToDateTimeOffset();
            foreach (var r in book.Returns)
            {
                var citizen = Codes.Citizen(r.Nationality);
                if (r.Decision is { } decision && month.Contains(book.LocalDate(decision.DecidedAt)))
                {
                    items.Add((ReturnDecisions, citizen, month));
                }
                if (r.RemovedAt is { } removed && month.Contains(book.LocalDate(removed)))
                {
                    items.Add((ForcedReturns, citizen, month));
                }
                if (r.DepartedVoluntarilyAt is { } departed && month.Contains(book.LocalDate(departed)))
                {
                    items.Add((VoluntaryReturns, citizen, month));
                }
                // The case as it stood at the end of the month, folded from its events (the aggregate's own rules).
                var state = returnStreams[r.CaseId].Events.Where(e => e.At < end).Aggregate((ReturnCase?)null, (s, e) => ReturnCase.Fold(s, e.Data));
                if (state is { Removal: null } && state.RemovalBars(end).Count == 0 && (r.DepartedVoluntarilyAt is not { } gone || gone >= end))
                {
                    items.Add((ReadyNotOrganised, citizen, month));
                }
            }
        }
        return new IndicatorTable("frontex-returns.csv", "Frontex return indicators, monthly",
            "Frontex return data collection; definitions as read from Frontex's public risk analyses (unconfirmed)", book.Country,
            IndicatorTable.Count(months, [ReturnDecisions, ForcedReturns, VoluntaryReturns, ReadyNotOrganised], items));
    }
}
