using JasperFx.Events.Projections;
using Marten;

namespace FastProcedures.Cases.Return;

/// <summary>The return unit: the return case snapshot.</summary>
public static class ReturnConfiguration
{
    public static void AddReturn(this StoreOptions store)
    {
        // The aggregate the write path loads (FetchForWriting) and the API reads right after a command: inline.
        store.Projections.Add(new ReturnCaseProjection(store.Serializer()), ProjectionLifecycle.Inline);
        store.Schema.For<ReturnCase>().Duplicate(x => x.Closed);
    }
}
