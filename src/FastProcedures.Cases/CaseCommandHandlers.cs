using System.Diagnostics.CodeAnalysis;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;
using FastProcedures.Cases.Return;
using JasperFx.Events;
using Wolverine;

namespace FastProcedures.Cases;

/// <summary>A use case on an existing asylum case: its command record names the case and the version it saw; its
/// decision is the catalogue's (<see cref="CaseCommandCatalogue"/>).</summary>
public interface IAsylumCommand
{
    string CaseId { get; }
    long? ExpectedVersion { get; }
}

/// <summary>A use case on an existing return case (see <see cref="IAsylumCommand"/>).</summary>
public interface IReturnCommand
{
    string CaseId { get; }
    long? ExpectedVersion { get; }
}

/// <summary>
/// One Wolverine handler per kind of case runs every use case of that kind: Wolverine's aggregate handler workflow
/// loads the case (<see cref="CaseAttribute"/>: <c>FetchForWriting</c> under the stream's lock, in the command's
/// tenant; a missing case throws), the catalogue's pure decision decides, and the events and outgoing messages are
/// returned as values, committed in one transaction with the outbox. Use-case files hold only the command and its
/// decision.
/// </summary>
public static class AsylumCommandHandler
{
    public static (CaseChange, OutgoingMessages) Handle(
        IAsylumCommand command, [Case] IEventStream<AsylumCase> stream, WorkflowCatalog catalog, TimeProvider clock) =>
        CaseCommandHandlers.Decide(AsylumCases.Kind, stream, command, command.ExpectedVersion, catalog, clock.GetUtcNow());
}

/// <inheritdoc cref="AsylumCommandHandler"/>
public static class ReturnCommandHandler
{
    public static (CaseChange, OutgoingMessages) Handle(
        IReturnCommand command, [Case] IEventStream<ReturnCase> stream, WorkflowCatalog catalog, TimeProvider clock) =>
        CaseCommandHandlers.Decide(ReturnCases.Kind, stream, command, command.ExpectedVersion, catalog, clock.GetUtcNow());
}

public static class CaseCommandHandlers
{
    /// <summary>Wolverine hands each concrete command to the handler of its kind of case (its own extension point for
    /// message types handled by an interface).</summary>
    public static void HandleCommandsByCaseKind(this WolverineOptions opts) => opts.Policies.ForwardHandledTypes(new ByCaseKind());

    internal static (CaseChange, OutgoingMessages) Decide<TCase>(
        CaseKind<TCase> kind, IEventStream<TCase> stream, object command, long? expectedVersion, WorkflowCatalog catalog,
        DateTimeOffset now) where TCase : class, ICase
    {
        var useCase = CaseCommandCatalogue.Of(command.GetType());
        var inputs = new DecisionInputs(now, catalog, (_, _) =>
            throw new InvalidOperationException($"{useCase.Type.Name} records no personal data."));
        return CaseStreams.Decide(kind, stream, expectedVersion, catalog, now, state => useCase.Decide(state, command, inputs));
    }

    private sealed class ByCaseKind : IHandledTypeRule
    {
        public bool TryFindHandledType(Type concreteType, [NotNullWhen(true)] out Type? handlerType)
        {
            handlerType = concreteType.IsAssignableTo(typeof(IAsylumCommand)) ? typeof(IAsylumCommand)
                : concreteType.IsAssignableTo(typeof(IReturnCommand)) ? typeof(IReturnCommand)
                : null;
            return handlerType is not null;
        }
    }
}
