using System.Security.Claims;
using BffPlatform.Identity.Data;
using BffPlatform.Identity.Sessions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace BffPlatform.Identity.Account;

/// <summary>The sign-in page, sign-out, and a small home page. Forms carry antiforgery tokens.</summary>
internal static class AccountEndpoints
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string InvalidCredentials = "Invalid email or password.";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(LoginPath, (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
                LoginPage(context, antiforgery, LocalOrRoot(returnUrl), email: null, error: null))
            .WithName("SignInPage").ExcludeFromDescription();
        app.MapPost(LoginPath, SignInAsync)
            .WithName("SignIn").RequireRateLimiting(SignInThrottling.PolicyName).ExcludeFromDescription();
        app.MapPost(LogoutPath, SignOutAsync).WithName("SignOut").ExcludeFromDescription();
        app.MapGet("/", HomeAsync).WithName("Home").ExcludeFromDescription();
        return app;
    }

    internal sealed record SignInForm(string? Email, string? Password, string? ReturnUrl);

    private static async Task<IResult> SignInAsync(
        [FromForm] SignInForm form, HttpContext context, IAntiforgery antiforgery,
        UserManager<AppUser> users, SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher, ILogger<SignInForm> logger)
    {
        var returnUrl = LocalOrRoot(form.ReturnUrl);
        var email = form.Email?.Trim() ?? "";
        var user = email.Length == 0 ? null : await users.FindByEmailAsync(email);
        if (user is null)
        {
            // Same work and the same answer as a wrong password, so the page does not tell which part was wrong.
            hasher.VerifyHashedPassword(TimingDummy.User, TimingDummy.Hash(hasher), form.Password ?? "");
            return LoginPage(context, antiforgery, returnUrl, email, InvalidCredentials);
        }

        var result = await signIn.CheckPasswordSignInAsync(user, form.Password ?? "", lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            // A locked account gets the same message: anything else would confirm the account exists.
            logger.LogWarning("Sign-in refused for user {UserId}: {Reason}", user.Id, result.IsLockedOut ? "locked out" : "bad credentials");
            return LoginPage(context, antiforgery, returnUrl, email, InvalidCredentials);
        }

        // A new identity session: its id (sid) goes into ID tokens and keys back-channel logout.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(Connect.TokenClaims.SessionId, SessionRegistry.NewSessionId())]);
        return Results.Redirect(returnUrl);
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

    private static IResult LoginPage(HttpContext context, IAntiforgery antiforgery, string returnUrl, string? email, string? error)
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
            """);
    }

    /// <summary>Only local paths: an absolute or protocol-relative return URL would be an open redirect.</summary>
    internal static string LocalOrRoot(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/'
        && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
        && !returnUrl.Contains('\r') && !returnUrl.Contains('\n')
            ? returnUrl
            : "/";

    /// <summary>A fixed hash to verify against for unknown e-mails, so they cost as much time as known ones.</summary>
    private static class TimingDummy
    {
        public static readonly AppUser User = new();
        private static string? _hash;
        public static string Hash(IPasswordHasher<AppUser> hasher) => _hash ??= hasher.HashPassword(User, Guid.NewGuid().ToString());
    }
}
