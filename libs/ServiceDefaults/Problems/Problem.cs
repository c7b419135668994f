using BffPlatform.Contracts.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BffPlatform.ServiceDefaults.Problems;

/// <summary>Problem Details results carrying a stable error code.</summary>
public static class Problem
{
    public static ProblemHttpResult Of(int status, string code, string title, string? detail = null)
        => TypedResults.Problem(
            statusCode: status,
            title: title,
            detail: detail,
            type: ErrorCodes.TypeUri(code),
            extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>400 with the offending fields named, in the shape of ValidationProblemDetails.</summary>
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors, string? detail = null)
        => TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "One or more fields are invalid.",
            detail: detail,
            type: ErrorCodes.TypeUri(ErrorCodes.ValidationFailed),
            extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.ValidationFailed, ["errors"] = errors });

    public static ProblemHttpResult Validation(string field, string message)
        => Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult NotFound(string what)
        => Of(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"{what} was not found.");
}
