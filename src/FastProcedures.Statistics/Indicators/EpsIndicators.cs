using FastProcedures.Cases.Asylum;
using FastProcedures.Statistics.Eurostat;
using FastProcedures.Statistics.Reading;

namespace FastProcedures.Statistics.Indicators;

/// <summary>
/// Monthly indicators in the shape of the EUAA Early warning and Preparedness System (EPS) data exchange, as far as
/// their definitions are public (EUAA "Latest Asylum Trends" notes; the EPS technical guidelines are shared with
/// Member States only). Unlike Eurostat, EPS counts applications, not persons, and is not rounded. Our readings of the
/// definitions are unconfirmed (docs/statistics.md, docs/legal-notes.md).
/// </summary>
public static class EpsIndicators
{
    public const string Applications = "APPLICATIONS";
    public const string RepeatedApplications = "REPEATED_APPLICATIONS";
    public const string UnaccompaniedMinorApplications = "UAM_APPLICATIONS";
    public const string Decisions = "FIRST_INSTANCE_DECISIONS";
    public const string Positive = "FIRST_INSTANCE_POSITIVE";
    public const string RecognitionRate = "RECOGNITION_RATE";
    public const string Withdrawn = "WITHDRAWN_APPLICATIONS";
    public const string PendingFirstInstance = "PENDING_FIRST_INSTANCE";

    public static IndicatorTable Build(CaseBook book, ReferencePeriod period)
    {
        var months = period.Months;
        var items = new List<(string, string, ReferencePeriod)>();
        foreach (var month in months)
        {
            foreach (var a in book.Asylum)
            {
                var citizen = Codes.Citizen(a.Nationality);
                var made = book.LocalDate(a.MadeAt);
                if (month.Contains(made))
                {
                    items.Add((Applications, citizen, month));
                    if (a.Subsequent)
                    {
                        items.Add((RepeatedApplications, citizen, month));
                    }
                    if (a.UnaccompaniedMinor)
                    {
                        items.Add((UnaccompaniedMinorApplications, citizen, month));
                    }
                }
                if (a.Decision is { } decision && month.Contains(book.LocalDate(decision.DecidedAt)))
                {
                    if (decision.Outcome == DecisionOutcome.ImplicitlyWithdrawn)
                    {
                        items.Add((Withdrawn, citizen, month));
                    }
                    else
                    {
                        items.Add((Decisions, citizen, month));
                        if (!decision.Negative)
                        {
                            items.Add((Positive, citizen, month));
                        }
                    }
                }
                // Awaiting a first-instance decision at the end of the month (EPS "pending at first instance").
                if (made <= month.LastDay
                    && (a.Decision is not { } first || book.LocalDate(first.DecidedAt) > month.LastDay)
                    && (a.TransferredAt is not { } transferred || book.LocalDate(transferred) > month.LastDay)
                    && (a.ClosedAt is not { } closed || book.LocalDate(closed) > month.LastDay))
                {
                    items.Add((PendingFirstInstance, citizen, month));
                }
            }
        }
        var values = IndicatorTable.Count(months,
            [Applications, RepeatedApplications, UnaccompaniedMinorApplications, Decisions, Positive, Withdrawn, PendingFirstInstance], items);
        // Recognition rate: positive first-instance decisions as a share of all first-instance decisions (%).
        foreach (var decided in values.Where(v => v.Indicator == Decisions && v.Value > 0).ToList())
        {
            var positive = values.FirstOrDefault(v => v.Indicator == Positive && v.Citizen == decided.Citizen && v.Period == decided.Period)?.Value ?? 0;
            values.Add(decided with { Indicator = RecognitionRate, Value = Math.Round(100m * positive / decided.Value, 1) });
        }
        return new IndicatorTable("eps-indicators.csv", "EUAA EPS monthly indicators (applications counted, not persons)",
            "EUAA Early warning and Preparedness System; definitions as read from EUAA's public notes (unconfirmed)", book.Country, values);
    }
}
