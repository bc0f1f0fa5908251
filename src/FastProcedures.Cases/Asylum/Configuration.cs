using JasperFx.Events.Projections;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum;

/// <summary>The asylum unit: the asylum case snapshot and the messages the unit receives by their type.</summary>
public static class AsylumConfiguration
{
    public const string Unit = "asylum";

    /// <summary>Who acts when the unit itself records an event (the case taken over at registration).</summary>
    public const string Actor = Unit + "-unit";

    public static void AddAsylum(this StoreOptions store)
    {
        // The aggregate the write path loads (FetchForWriting) and the API reads right after a command: inline.
        store.Projections.Add(new AsylumCaseProjection(store.Serializer()), ProjectionLifecycle.Inline);
    }

    public static void AddAsylum(this WolverineOptions opts, CasesSettings settings)
    {
        opts.PublishToUnit<Messages.HandOverAcknowledgement>(settings, Unit);
    }
}
