using Marten;

namespace FastProcedures.Cases.Audit;

/// <summary>Audit: tamper evidence on every append.</summary>
public static class AuditConfiguration
{
    public static void AddAudit(this StoreOptions store)
    {
        // Every appended event carries a hash chained to the previous one of its stream.
        store.Listeners.Add(new TamperEvidence.HashChainListener());
    }
}
