using System.Globalization;
using System.Security.Claims;
using BffPlatform.Identity.Sessions;
using BffPlatform.ServiceDefaults.Http;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace BffPlatform.Identity.Account;

/// <summary>The sign-in page, sign-out, and a small home page. Forms carry antiforgery tokens.</summary>
internal static class AccountEndpoints
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string InvalidCredentials = "Invalid email or password.";
    public const string ExpiredForm = "This sign-in form has expired. Please sign in again.";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(LoginPath, (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
                LoginPage(context, antiforgery, LocalOrRoot(returnUrl), email: null, error: null))
            .WithName("SignInPage").ExcludeFromDescription();
        app.MapPost(LoginPath, SignInAsync).WithMetadata(new RequireAntiforgeryTokenAttribute())
            .WithName("SignIn").RequireRateLimiting(SignInThrottling.PolicyName).ExcludeFromDescription();
        app.MapPost(LogoutPath, SignOutAsync).WithName("SignOut").ExcludeFromDescription();
        app.MapGet("/", HomeAsync).WithName("Home").ExcludeFromDescription();
        return app;
    }

    // The form is read here, not bound: the build-time request delegate generator reads a bound form
    // before looking at the antiforgery check and throws (a 500) where a person with an expired form
    // should see the page again. RequireAntiforgeryToken keeps the middleware validating this post.
    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, PasswordSignIn passwords)
    {
        if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            return LoginPage(context, antiforgery, "/", email: null, ExpiredForm, StatusCodes.Status400BadRequest);
        }
        if (!context.Request.HasFormContentType)
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = LocalOrRoot(form["ReturnUrl"]);
        var email = form["Email"].ToString().Trim();
        var password = form["Password"].ToString();
        switch (await passwords.SignInAsync(context, email, password))
        {
            case SignInOutcome.SignedIn:
                return Results.Redirect(returnUrl);
            case SignInOutcome.Throttled throttled:
                // The same answer for every account, known or not: it only says that this e-mail failed often lately.
                var seconds = (int)Math.Ceiling(throttled.Wait.TotalSeconds);
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return LoginPage(context, antiforgery, returnUrl, email,
                    $"Too many failed sign-ins for this account from devices it has not signed in on. Try again in {seconds} seconds, or sign in on a device you have used before.",
                    StatusCodes.Status429TooManyRequests);
            default:
                // One message for a wrong password, an unknown e-mail and a disabled user alike.
                return LoginPage(context, antiforgery, returnUrl, email, InvalidCredentials);
        }
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, SessionTerminator terminator, CancellationToken ct)
    {
        // Antiforgery is validated by the middleware for form posts; this endpoint has no form fields, so check explicitly.
        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }
        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (cookie.Succeeded)
        {
            await terminator.EndAsync(cookie.Principal!, ct);
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
        return Results.Redirect("/");
    }

    private static async Task<IResult> HomeAsync(HttpContext context, IAntiforgery antiforgery)
    {
        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!cookie.Succeeded)
        {
            return HtmlPage.Render("BffPlatform identity",
                $"""<p>You are not signed in.</p><p><a href="{LoginPath}">Sign in</a></p>""");
        }
        var tokens = antiforgery.GetAndStoreTokens(context);
        var name = cookie.Principal!.FindFirstValue(ClaimTypes.Name);
        return HtmlPage.Render("BffPlatform identity", $"""
            <p>Signed in as {HtmlPage.Encode(name)}.</p>
            <form method="post" action="{LogoutPath}">
              <input type="hidden" name="{HtmlPage.Encode(tokens.FormFieldName)}" value="{HtmlPage.Encode(tokens.RequestToken)}">
              <button type="submit">Sign out</button>
            </form>
            """);
    }

    private static IResult LoginPage(HttpContext context, IAntiforgery antiforgery, string returnUrl, string? email, string? error,
        int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var errorHtml = error is null ? "" : $"""<p role="alert" class="error" id="error">{HtmlPage.Encode(error)}</p>""";
        return HtmlPage.Render("Sign in", $"""
            {errorHtml}
            <form method="post" action="{LoginPath}">
              <input type="hidden" name="{HtmlPage.Encode(tokens.FormFieldName)}" value="{HtmlPage.Encode(tokens.RequestToken)}">
              <input type="hidden" name="ReturnUrl" value="{HtmlPage.Encode(returnUrl)}">
              <label for="email">Email</label>
              <input id="email" name="Email" type="email" autocomplete="username" required value="{HtmlPage.Encode(email)}"{(error is null ? "" : " aria-describedby=\"error\"")}>
              <label for="password">Password</label>
              <input id="password" name="Password" type="password" autocomplete="current-password" required>
              <button type="submit">Sign in</button>
            </form>
            """, status);
    }

    /// <summary>
    /// Identity's return URLs are mostly an authorize request carrying the client's state: longer than
    /// a page's, and bounded by the request line of the GET that brought them (Kestrel: 8 KB).
    /// </summary>
    internal const int MaxReturnUrlLength = 8 * 1024;

    /// <summary>The platform's local-URL rule, encoded for the Location header; "/" for anything else (never an open redirect).</summary>
    internal static string LocalOrRoot(string? returnUrl) => LocalUrl.NormalizeOrRoot(returnUrl, MaxReturnUrlLength);
}
