using Microsoft.AspNetCore.Identity;

namespace BffPlatform.Identity.Data;

/// <summary>A person who signs in. The role is a single value on the user: the platform has two.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary><c>customer</c> or <c>staff</c>; issued as the <c>role</c> claim.</summary>
    public string Role { get; set; } = "customer";
}
