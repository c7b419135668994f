using BffPlatform.ServiceDefaults.Problems;

namespace BffPlatform.BffMobile.Hosting;

/// <summary>
/// The <c>limit</c> query parameter of the app's lists: small pages by default (phones, slow links),
/// a ceiling the app cannot raise. Out of range is 400 naming <c>limit</c>.
/// </summary>
internal static class PageLimit
{
    public const string Parameter = "limit";

    public static RouteHandlerBuilder WithPageLimit(this RouteHandlerBuilder builder, int max) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var raw = context.HttpContext.Request.Query[Parameter];
            // A value that is not a number never reaches here: binding refuses it (400 naming limit).
            if (raw.Count == 1 && int.TryParse(raw[0], out var limit) && (limit < 1 || limit > max))
            {
                return Problem.Validation(Parameter, $"Between 1 and {max}.");
            }
            return await next(context);
        }).ProducesProblem(StatusCodes.Status400BadRequest);
}
