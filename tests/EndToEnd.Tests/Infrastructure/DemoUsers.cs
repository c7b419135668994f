namespace BffPlatform.EndToEnd.Tests.Infrastructure;

public sealed record DemoUser(string Email, string Password, string Name);

/// <summary>Seeded by identity outside Production (see the team brief).</summary>
public static class DemoUsers
{
    public static readonly DemoUser Alice = new("alice@shop.test", "Alice!2345", "Alice Martin");
    public static readonly DemoUser Bob = new("bob@shop.test", "Bob!23456", "Bob Chen");
    public static readonly DemoUser Staff = new("staff@shop.test", "Staff!2345", "Sam Staff");
}
