namespace BffPlatform.BffWeb.Tests.Integration.Infrastructure;

/// <summary>identity's seeded demo users.</summary>
public static class DemoUsers
{
    public static readonly (string Email, string Password) Alice = ("alice@shop.test", "Alice!2345");
    public static readonly (string Email, string Password) Bob = ("bob@shop.test", "Bob!23456");
    public static readonly (string Email, string Password) Staff = ("staff@shop.test", "Staff!2345");
}
