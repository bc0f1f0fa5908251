using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FastProcedures.Host.Apis;

/// <summary>The API's answers to what went wrong, as Problem Details (RFC 9457).</summary>
internal static class ApiProblems
{
    /// <summary>An unknown case, or one of another country: the answer never tells which.</summary>
    public static ProblemHttpResult NoSuchCase(string caseId, string? kind = null) => TypedResults.Problem(
        title: "No such case", detail: $"There is no {(kind is null ? "" : kind + " ")}case {caseId}.",
        statusCode: StatusCodes.Status404NotFound, type: "https://tools.ietf.org/html/rfc9110#section-15.5.5");

    /// <summary>The law or the case's stage refuses the action (the reason cites the rule).</summary>
    public static ProblemHttpResult Refused(string reason) => TypedResults.Problem(
        title: "The action is refused", detail: reason,
        statusCode: StatusCodes.Status422UnprocessableEntity, type: "https://tools.ietf.org/html/rfc9110#section-15.5.21");

    public static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(
        title: "The case has changed", detail: detail,
        statusCode: StatusCodes.Status409Conflict, type: "https://tools.ietf.org/html/rfc9110#section-15.5.10");

    public static ValidationProblem BadQuery(string field, string message) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [field] = [message] }, title: "The query is malformed.",
        type: "https://tools.ietf.org/html/rfc9110#section-15.5.1");

    public static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(
        title: "Forbidden", detail: detail,
        statusCode: StatusCodes.Status403Forbidden, type: "https://tools.ietf.org/html/rfc9110#section-15.5.4");

    /// <summary>A command body past the limit is refused before it is parsed.</summary>
    public static ProblemHttpResult TooLarge(int limit) => TypedResults.Problem(
        title: "The request body is too large", detail: $"A command body holds at most {limit / 1024} KiB of JSON.",
        statusCode: StatusCodes.Status413PayloadTooLarge, type: "https://tools.ietf.org/html/rfc9110#section-15.5.14");
}
