using BffPlatform.Identity.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BffPlatform.Identity.Tests.Infrastructure;

/// <summary>identity's password hasher, counting verifications: the costly step every sign-in refusal must take once.</summary>
public sealed class CountingPasswordHasher(IPasswordHasher<AppUser> inner) : IPasswordHasher<AppUser>
{
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }

    /// <summary>Registers one counting hasher over the real one for the whole host.</summary>
    public static CountingPasswordHasher Register(IServiceCollection services)
    {
        var counting = new CountingPasswordHasher(new PasswordHasher<AppUser>(Options.Create(new PasswordHasherOptions())));
        services.AddSingleton<IPasswordHasher<AppUser>>(counting);
        return counting;
    }
}
