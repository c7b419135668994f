using BffPlatform.Contracts.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BffPlatform.ServiceDefaults.Problems;

/// <summary>
/// The one way a platform service builds a Problem Details: a status, a stable code from
/// <see cref="ErrorCodes"/> (also its <c>type</c>), a title, an optional detail. <c>instance</c> and
/// <c>traceId</c> are filled in when it is written (see <c>ProblemDetailsSetup</c>).
/// </summary>
public static class Problem
{
    public static ProblemDetails Create(int status, string code, string title, string? detail = null) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
        Type = ErrorCodes.TypeUri(code),
        Extensions = { ["code"] = code },
    };

    /// <summary>A result for an endpoint.</summary>
    public static ProblemHttpResult Of(int status, string code, string title, string? detail = null)
        => TypedResults.Problem(Create(status, code, title, detail));

    /// <summary>400 with the offending fields named, in the shape of ValidationProblemDetails.</summary>
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors, string? detail = null)
    {
        var problem = Create(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, "One or more fields are invalid.", detail);
        problem.Extensions["errors"] = errors;
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult Validation(string field, string message)
        => Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult NotFound(string what)
        => Of(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"{what} was not found.");
}
