using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastProcedures.Cases;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Queries.CaseSummaries;
using FastProcedures.Cases.Procedures;
using FastProcedures.Host.Security;
using JasperFx.Events;
using Marten;
using JasperFx;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wolverine;

namespace FastProcedures.Host.Apis;

/// <summary>Which unit may send a command, and to which kind of case it goes.</summary>
public sealed record CommandUnit(string Name, string CaseKind, Func<Caller, bool> MayAct)
{
    public static readonly CommandUnit Reception = new(CaseCommandCatalogue.Reception, AsylumCases.Kind.Name,
        c => c is { Role: Policies.Caseworker, Unit: CaseCommandCatalogue.Reception });
    public static readonly CommandUnit Asylum = new(CaseCommandCatalogue.AsylumUnit, AsylumCases.Kind.Name,
        c => c is { Role: Policies.Caseworker, Unit: CaseCommandCatalogue.AsylumUnit });
    public static readonly CommandUnit Return = new(CaseCommandCatalogue.ReturnUnit, ReturnCases.Kind.Name, c => c.Role == Policies.ReturnOfficer);

    /// <summary>Return counselling from the start of the asylum procedure (2023 pilot): asylum or return unit.</summary>
    public static readonly CommandUnit Counselling = new($"{CaseCommandCatalogue.AsylumUnit} or {CaseCommandCatalogue.ReturnUnit}", AsylumCases.Kind.Name, c => Asylum.MayAct(c) || Return.MayAct(c));

    /// <summary>Who may send a use case of the catalogue (<see cref="CaseCommandCatalogue"/>), by its unit.</summary>
    public static CommandUnit Of(CaseCommandType command) => command.Unit switch
    {
        CaseCommandCatalogue.Reception => Reception,
        CaseCommandCatalogue.AsylumUnit => Asylum,
        CaseCommandCatalogue.ReturnUnit => Return,
        CaseCommandCatalogue.Counselling => Counselling,
        _ => throw new ArgumentException($"No unit '{command.Unit}' sends commands.", nameof(command)),
    };
}

/// <summary>A use case over HTTP: its command record, action name (kebab-case of the record's name), unit and the
/// domain events it records (which tell, through the workflow definitions, when the case's stages accept it).</summary>
public sealed record CaseCommand(Type Type, string Action, CommandUnit Unit, IReadOnlyList<string> Records, bool OpensCase);

/// <summary>What a command did: the case's version after it and the events appended (none for a repeat).</summary>
public sealed record CommandResult(string CaseId, long Version, IReadOnlyList<AppendedEvent> Events);

public sealed record AppendedEvent(string Type, object Data);

/// <summary>
/// The one mapping from a command record to <c>POST /api/cases/{id}/&lt;action&gt;</c>: the body holds the record's
/// fields except those taken from elsewhere — the case id from the route, the expected version from <c>If-Match</c>
/// (or <c>expectedVersion</c>), the country from the token and every <c>…By</c> (who acts) from the token's name.
/// The command goes to the cases layer with <c>InvokeForTenantAsync&lt;CaseChange&gt;</c>; a refusal is 422, a stale
/// version 409, an unknown case (or another country's) 404, a malformed body 400. Nothing is written on any error.
/// </summary>
public static class CaseCommands
{
    private static readonly ConcurrentDictionary<string, CaseCommand> ByAction = new();

    public static IReadOnlyCollection<CaseCommand> All => ByAction.Values.ToList();

    /// <summary>Every event any definition reacts to; a command recording none of them is not governed by the
    /// definitions, so its case accepts it whenever it is open (e.g. a removal hold).</summary>
    private static HashSet<string> KnownEvents(WorkflowCatalog catalog) => catalog.Registry.All
        .SelectMany(d => d.DeclaredEvents
            .Concat(d.Stages.SelectMany(s => s.On.Keys.Concat(s.Tasks.SelectMany(t => t.ClosesOn))))
            .Concat(d.Timers.SelectMany(TimerEvents)))
        .ToHashSet();

    private static IEnumerable<string> TimerEvents(FastProcedures.Workflows.Definitions.TimerDefinition t) =>
        t.StopsOn.Concat(t.SuspendsOn).Concat(t.ResumesOn).Concat(t.Extensions.Select(x => x.On));

    /// <summary>
    /// The actions the case's stages accept now. A workflow accepts the events its current stage has transitions
    /// for; while its stage is not final also the events it declares, those closing its open tasks and those
    /// stopping, suspending, resuming or extending its live timers. An action is allowed when it records one of
    /// them, or when it records no event any definition knows (see <see cref="KnownEvents"/>).
    /// </summary>
    public static IReadOnlyList<string> AllowedActions(string caseKind, CaseWorkflows workflows, WorkflowCatalog catalog)
    {
        var accepted = new HashSet<string>();
        foreach (var instance in workflows.Instances.Values.Where(i => i.State.Stage is not null))
        {
            if (!catalog.Registry.TryGet(instance.Id, instance.Version, out var definition) || !definition.HasStage(instance.State.Stage!))
            {
                continue;
            }
            var stage = definition.Stage(instance.State.Stage!);
            accepted.UnionWith(stage.On.Keys);
            if (stage.Final)
            {
                continue;
            }
            accepted.UnionWith(definition.DeclaredEvents);
            accepted.UnionWith(definition.Stages.SelectMany(s => s.Tasks)
                .Where(t => instance.State.OpenTasks.ContainsKey(t.Id)).SelectMany(t => t.ClosesOn));
            accepted.UnionWith(definition.Timers
                .Where(t => instance.State.Timers.TryGetValue(t.Id, out var state) && state.IsLive).SelectMany(TimerEvents));
        }
        var known = KnownEvents(catalog);
        return All
            .Where(c => c.Unit.CaseKind == caseKind && !c.OpensCase)
            .Where(c => c.Records.Any(accepted.Contains) || !c.Records.Any(known.Contains))
            .Select(c => c.Action)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public static string ActionOf(Type command) => CaseCommandCatalogue.ActionOf(command);

    /// <summary>Maps <c>POST /{id}/&lt;action&gt;</c> for every use case of the catalogue that acts on an existing case.</summary>
    public static void MapCommands(this RouteGroupBuilder cases)
    {
        foreach (var command in CaseCommandCatalogue.All.Where(c => !c.OpensCase))
        {
            cases.MapCommand(command);
        }
    }

    /// <summary>Maps <c>POST /{id}/&lt;action&gt;</c> for one use case of the catalogue.</summary>
    public static RouteHandlerBuilder MapCommand(this RouteGroupBuilder cases, CaseCommandType type)
    {
        var command = Register(type);
        return cases.MapPost($"/{{id}}/{command.Action}",
                (string id, HttpContext http, CancellationToken cancellation) => SendAsync(http, command, id, cancellation))
            .Describe(command)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>Maps a command that opens a case (its id in the body): 201 with <c>Location</c>, 200 for a repeat.</summary>
    public static RouteHandlerBuilder MapCreation<TCommand>(this RouteGroupBuilder cases, string pattern) where TCommand : class
    {
        var command = Register(CaseCommandCatalogue.Of(typeof(TCommand)));
        return cases.MapPost(pattern,
                (HttpContext http, CancellationToken cancellation) => SendAsync(http, command, null, cancellation))
            .Describe(command)
            .Produces<CommandResult>(StatusCodes.Status201Created);
    }

    private static CaseCommand Register(CaseCommandType type)
    {
        var command = new CaseCommand(type.Type, type.Action, CommandUnit.Of(type), type.Records, type.OpensCase);
        ByAction[command.Action] = command;
        return command;
    }

    private static RouteHandlerBuilder Describe(this RouteHandlerBuilder route, CaseCommand command) =>
        route.Accepts(command.Type, "application/json")
            .WithName(command.Action)
            .WithSummary($"{Sentence(command.Type.Name)} ({command.Unit.Name} unit)")
            .WithDescription($"Use case `{command.Type.Name}`: records {string.Join(", ", command.Records)}. " +
                "The version seen goes in `If-Match` (or `expectedVersion`); who acts and the country come from the token.")
            .WithMetadata(new CommandBodyMetadata(command.Type))
            .RequireAuthorization(p => p.RequireAssertion(c => command.Unit.MayAct(Caller.From(c.User))))
            .Produces<CommandResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    internal static async Task<IResult> SendAsync(HttpContext http, CaseCommand command, string? routeId, CancellationToken cancellation)
    {
        var caller = Caller.From(http.User);
        object? body;
        Dictionary<string, string[]>? errors;
        try
        {
            (body, errors) = await ReadBodyAsync(http, command.Type, caller, routeId, cancellation);
        }
        catch (BodyTooLarge)
        {
            return ApiProblems.TooLarge(MaxBodyBytes);
        }
        if (errors is not null)
        {
            return TypedResults.ValidationProblem(errors, title: "The request body is malformed or incomplete.",
                type: "https://tools.ietf.org/html/rfc9110#section-15.5.1");
        }
        var caseId = routeId ?? (string)body!.GetType().GetProperty("CaseId")!.GetValue(body)!;
        var store = http.RequestServices.GetRequiredService<IDocumentStore>();
        if (routeId is not null)
        {
            await using var session = store.QuerySession(caller.Country);
            var summary = await session.LoadAsync<CaseSummary>(routeId, cancellation);
            if (summary is null || summary.Kind != command.Unit.CaseKind)
            {
                return ApiProblems.NoSuchCase(routeId, command.Unit.CaseKind);
            }
        }
        CaseChange change;
        try
        {
            change = await http.RequestServices.GetRequiredService<IMessageBus>()
                .InvokeForTenantAsync<CaseChange>(caller.Country, body!, cancellation);
        }
        catch (CaseCommandRefused refused)
        {
            return ApiProblems.Refused(refused.Message);
        }
        catch (CaseVersionConflict conflict)
        {
            return ApiProblems.Conflict(conflict.Message);
        }
        catch (CaseAlreadyExists exists)
        {
            return ApiProblems.Conflict(exists.Message);
        }
        catch (Exception e) when (e is ConcurrencyException or EventStreamUnexpectedMaxEventIdException)
        {
            return ApiProblems.Conflict($"Case {caseId} was changed by someone else meanwhile: reload the case and try again.");
        }
        http.Response.Headers.ETag = $"\"{change.Version}\"";
        var result = new CommandResult(change.CaseId, change.Version,
            change.Events.Select(e => new AppendedEvent(e.GetType().Name, e)).ToList());
        return routeId is null && change.Changed
            ? TypedResults.Created($"/api/cases/{Uri.EscapeDataString(change.CaseId)}", result)
            : TypedResults.Ok(result);
    }

    /// <summary>The largest command body read: the biggest command (an application with its applicant) is a few KiB.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private sealed class BodyTooLarge : Exception;

    private static async Task<string> ReadLimitedAsync(HttpRequest request, CancellationToken cancellation)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw new BodyTooLarge();
        }
        using var reader = new StreamReader(request.Body);
        var buffer = new char[8192];
        var text = new System.Text.StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellation)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > MaxBodyBytes)
            {
                throw new BodyTooLarge();
            }
        }
        return text.ToString();
    }

    /// <summary>The command from the body, completed from the route and the token; or the field errors.</summary>
    private static async Task<(object?, Dictionary<string, string[]>?)> ReadBodyAsync(
        HttpContext http, Type commandType, Caller caller, string? routeId, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        JsonObject body;
        try
        {
            // No body at all is an empty object: commands such as hold-interview carry nothing but the route.
            var text = await ReadLimitedAsync(http.Request, cancellation);
            var node = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
            if (node is not null and not JsonObject)
            {
                return (null, new() { ["$"] = ["The body must be a JSON object."] });
            }
            body = (JsonObject?)node ?? [];
        }
        catch (JsonException e)
        {
            return (null, new() { ["$"] = [$"The body is not valid JSON: {e.Message}"] });
        }
        var fields = Fields(commandType);
        if (fields.ExpectedVersion is { } versionField)
        {
            var fromHeader = IfMatch(http.Request, errors);
            var fromBody = Take(body, versionField);
            if (fromHeader is not null && fromBody is not null && fromBody.ToJsonString() != fromHeader.Value.ToString())
            {
                errors[versionField] = ["If-Match and expectedVersion differ."];
            }
            body[versionField] = fromHeader is { } version ? JsonValue.Create(version) : fromBody;
        }
        if (routeId is not null && fields.CaseId is { } caseIdField)
        {
            Take(body, caseIdField);
            body[caseIdField] = routeId;
        }
        else if (fields.CaseId is { } newCaseId && Find(body, newCaseId) is null)
        {
            errors[newCaseId] = [$"'{newCaseId}' is required: the new case's id, e.g. BG-2026-000123."];
        }
        if (fields.Country is { } countryField)
        {
            Take(body, countryField);
            body[countryField] = caller.Country;
        }
        foreach (var actor in fields.Actors)
        {
            Take(body, actor);
            body[actor] = caller.Name;
        }
        foreach (var required in fields.Required)
        {
            if (Find(body, required) is null)
            {
                errors[required] = [$"'{required}' is required."];
            }
        }
        foreach (var (field, type) in fields.Nested)
        {
            if (Find(body, field) is JsonObject nested)
            {
                RequireFields(nested, type, field, errors);
            }
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        try
        {
            return (body.Deserialize(commandType, StrictOptions(http)), null);
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "$" : e.Path.TrimStart('$', '.');
            return (null, new() { [path] = [e.Message.Split(" Path:")[0]] });
        }
    }

    private static long? IfMatch(HttpRequest request, Dictionary<string, string[]> errors)
    {
        if (request.Headers.IfMatch.ToString() is not { Length: > 0 } text)
        {
            return null;
        }
        var value = text.Trim();
        value = value.StartsWith("W/", StringComparison.Ordinal) ? value[2..] : value;
        if (long.TryParse(value.Trim('"'), out var version) && version >= 0)
        {
            return version;
        }
        errors["If-Match"] = [$"'{text}' is not a case version (e.g. \"7\")."];
        return null;
    }

    /// <summary>The non-nullable fields of a nested record (e.g. the applicant's name), with their JSON path.</summary>
    private static void RequireFields(JsonObject body, Type type, string path, Dictionary<string, string[]> errors)
    {
        var fields = Fields(type);
        foreach (var required in fields.Required)
        {
            if (Find(body, required) is null)
            {
                errors[$"{path}.{required}"] = [$"'{path}.{required}' is required."];
            }
        }
        foreach (var (field, nestedType) in fields.Nested)
        {
            if (Find(body, field) is JsonObject nested)
            {
                RequireFields(nested, nestedType, $"{path}.{field}", errors);
            }
        }
    }

    private static JsonNode? Find(JsonObject body, string field) =>
        body.FirstOrDefault(p => string.Equals(p.Key, field, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Removes a field (any casing) and returns its value.</summary>
    private static JsonNode? Take(JsonObject body, string field)
    {
        var key = body.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, field, StringComparison.OrdinalIgnoreCase));
        if (key is null)
        {
            return null;
        }
        var value = body[key];
        body.Remove(key);
        return value;
    }

    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> Strict = new();

    /// <summary>The API's JSON options, also refusing null in a non-nullable field.</summary>
    private static JsonSerializerOptions StrictOptions(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        return Strict.GetValue(options, o => new JsonSerializerOptions(o)
        {
            RespectNullableAnnotations = true,
        });
    }

    internal static CommandFields Fields(Type command) => CaseCommandCatalogue.Fields(command);

    private static string Sentence(string name)
    {
        var words = EventData.KebabCase(name).Replace('-', ' ');
        return char.ToUpperInvariant(words[0]) + words[1..];
    }
}

/// <summary>Marks an endpoint's body as a command record, so the OpenAPI document shows only the fields the body
/// carries (see <see cref="OpenApi.ApiDocument"/>).</summary>
public sealed record CommandBodyMetadata(Type Command);
