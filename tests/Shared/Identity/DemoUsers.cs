namespace BffPlatform.Testing.Identity;

public sealed record DemoUser(string Email, string Password, string Name);

/// <summary>identity's demo users (seeded outside Production), and customers the end-to-end fixture seeds for itself.</summary>
public static class DemoUsers
{
    public static readonly DemoUser Alice = new("alice@shop.test", "Alice!2345", "Alice Martin");
    public static readonly DemoUser Bob = new("bob@shop.test", "Bob!23456", "Bob Chen");
    public static readonly DemoUser Staff = new("staff@shop.test", "Staff!2345", "Sam Staff");

    // Customers of their own for tests that leave state behind (a cart line, sessions), so
    // the order the tests run in cannot matter. PlatformFixture seeds them.
    public static readonly DemoUser Carol = new("carol@shop.test", "Carol!2345", "Carol Diaz");
    public static readonly DemoUser Dave = new("dave@shop.test", "Dave!23456", "Dave Brown");
    public static readonly DemoUser Erin = new("erin@shop.test", "Erin!23456", "Erin Novak");
    public static readonly DemoUser Fay = new("fay@shop.test", "Fay!234567", "Fay Lopez");

    public static readonly IReadOnlyList<DemoUser> TestOnly = [Carol, Dave, Erin, Fay];
}
