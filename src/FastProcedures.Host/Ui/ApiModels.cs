using System.Text.Json;

namespace FastProcedures.Host.Ui;

// The API's read contract (issue 10, DESIGN 6a), as the UI reads it. Extra fields are ignored; fields the UI does not
// rely on stay JsonElement.

public sealed record NextDeadline(string Workflow, string Timer, DateTimeOffset ExpiresAt, string? LegalBasis);

public sealed record CaseListItem(
    string Id, string Kind, string Country, string? Procedure, string? Stage, string? Unit, NextDeadline? NextDeadline);

public sealed record CaseList(IReadOnlyList<CaseListItem> Items, int Total, int Page, int PageSize);

public sealed record CaseWorkflow(string Id, int Version, string? Hash, string? Stage);

public sealed record CaseDeadline(
    string Workflow, string Timer, string Status, DateTimeOffset? StartedAt, DateTimeOffset? WarnAt,
    DateTimeOffset? ExpiresAt, string? LegalBasis, string? Explanation);

public sealed record CaseDetail(
    string Id, string Kind, string Country, string? LinkedCase, IReadOnlyList<CaseWorkflow>? Workflows,
    IReadOnlyList<CaseDeadline>? Deadlines, IReadOnlyList<string>? OpenTasks, IReadOnlyList<string>? RemovalBars,
    long Version, IReadOnlyList<string>? AllowedActions, string? Procedure, string? Stage, string? Unit,
    JsonElement? Removal, JsonElement? Detention, JsonElement? VoluntaryDeparture);

public sealed record TimelineEvent(long Sequence, long Version, string Type, DateTimeOffset At, string? Actor, JsonElement? Data, JsonElement? Effects);

public sealed record Timeline(IReadOnlyList<TimelineEvent> Events);

public sealed record CommandAnswer(long Version, JsonElement? Events);
