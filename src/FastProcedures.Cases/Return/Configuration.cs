using JasperFx.Events.Projections;
using FastProcedures.Cases.Messages;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return;

/// <summary>The return unit: the return case snapshot and the messages the unit receives by their type.</summary>
public static class ReturnConfiguration
{
    public const string Unit = "return";

    /// <summary>Who acts when the unit itself records an event (a hand-over received, a linked case opened).</summary>
    public const string Actor = Unit + "-unit";

    public static void AddReturn(this StoreOptions store)
    {
        // The aggregate the write path loads (FetchForWriting) and the API reads right after a command: inline.
        store.Projections.Add(new ReturnCaseProjection(store.Serializer()), ProjectionLifecycle.Inline);
        store.Schema.For<ReturnCase>().Duplicate(x => x.Closed);
    }

    /// <summary>What the asylum unit and the return border procedure send the return unit.</summary>
    public static void AddReturn(this WolverineOptions opts, CasesSettings settings)
    {
        opts.PublishToUnit<ReturnDecisionRequested>(settings, Unit);
        opts.PublishToUnit<AsylumCaseHandedOver>(settings, Unit);
        opts.PublishToUnit<LinkedAsylumStatus>(settings, Unit);
        opts.PublishToUnit<ReturnBorderProcedureLimitPassed>(settings, Unit);
    }
}
