using System.Security.Claims;
using BffPlatform.Identity.Data;
using BffPlatform.Identity.Sessions;
using Microsoft.AspNetCore.Identity;

namespace BffPlatform.Identity.Account;

/// <summary>What a sign-in post came to.</summary>
internal abstract record SignInOutcome
{
    public sealed record SignedIn : SignInOutcome;
    public sealed record Refused : SignInOutcome;
    /// <summary>An untrusted client tried an account that has failed too often lately: it must wait.</summary>
    public sealed record Throttled(TimeSpan Wait) : SignInOutcome;
}

/// <summary>
/// Checks e-mail and password without a lockout anyone could aim at a victim. A browser with the
/// user's device cookie is trusted (until it fails itself too often); any other client is counted
/// per account and must wait longer after each failure past a few. Every refusal verifies exactly
/// one password hash, whatever the account's state, so none answers faster than another.
/// </summary>
internal sealed partial class PasswordSignIn(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    IPasswordHasher<AppUser> hasher,
    FailedSignIns attempts,
    DeviceCookies devices,
    ILogger<PasswordSignIn> logger)
{
    public async Task<SignInOutcome> SignInAsync(HttpContext context, string email, string password)
    {
        var user = email.Length == 0 ? null : await users.FindByEmailAsync(email);
        var deviceKey = user is not null && devices.NonceOf(context, user) is { } nonce ? FailedSignIns.DeviceKey(nonce) : null;
        var accountKey = FailedSignIns.AccountKey(email);
        var trusted = deviceKey is not null && await attempts.TryBeginTrustedAsync(deviceKey, context.RequestAborted);

        if (!trusted && await attempts.TryBeginUntrustedAsync(accountKey, context.RequestAborted) is { } wait)
        {
            VerifyNothing(password);
            LogThrottled(logger, user?.Id, wait);
            return new SignInOutcome.Throttled(wait);
        }

        if (user is null)
        {
            VerifyNothing(password);
            return new SignInOutcome.Refused();
        }
        // The password is checked before the user's state, so a disabled user costs the same as any other.
        var verified = await users.CheckPasswordAsync(user, password);
        if (!verified || await users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
        {
            LogRefused(logger, user.Id, trusted);
            return new SignInOutcome.Refused();
        }

        await attempts.ForgetAsync(trusted ? deviceKey! : accountKey, context.RequestAborted);
        devices.Issue(context, user);
        // A new identity session: its id (sid) goes into ID tokens and keys back-channel logout.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(Connect.TokenClaims.SessionId, SessionRegistry.NewSessionId())]);
        return new SignInOutcome.SignedIn();
    }

    /// <summary>The work of a password check against a fixed hash, for refusals that have no password to check.</summary>
    private void VerifyNothing(string password) => hasher.VerifyHashedPassword(Dummy, DummyHash(hasher), password);

    private static readonly AppUser Dummy = new();
    private static string? _dummyHash;
    private static string DummyHash(IPasswordHasher<AppUser> hasher) => _dummyHash ??= hasher.HashPassword(Dummy, Guid.NewGuid().ToString());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused for user {UserId} (trusted device: {Trusted})")]
    private static partial void LogRefused(ILogger logger, string userId, bool trusted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in from an untrusted client throttled for {Wait} (user {UserId}, null when unknown)")]
    private static partial void LogThrottled(ILogger logger, string? userId, TimeSpan wait);
}
