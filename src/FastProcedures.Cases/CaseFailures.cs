using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.Extensions.Logging;
using Wolverine.Configuration;
using Wolverine.Runtime.Handlers;

namespace FastProcedures.Cases;

/// <summary>
/// A failed attempt of a case handler is an outcome the caller gets, not a fault of the system: a refused command,
/// a stale version, an unknown case, or two writers meeting on one case (retried by the policy in Configuration).
/// Logged as information; a message that still fails after its retries ends in Wolverine's dead-letter storage.
/// </summary>
internal sealed class CaseFailuresAreInformation : IHandlerPolicy
{
    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.MessageType.Assembly == typeof(CaseFailuresAreInformation).Assembly))
        {
            chain.FailureLogLevel = LogLevel.Information;
        }
    }
}
