namespace BffPlatform.Testing.Partners;

/// <summary>core-api's Development demo partner and its checked-in keys (core-api/appsettings.Development.json, <c>Partners:Demo</c>).</summary>
public static class DemoPartner
{
    public const string Name = "Acme Retail";
    public const string TestKey = "bp_test_nXd8YEG2p0P4gWqvRflbP0b3wFdPOj1qSh3q";
    public const string PublishableKey = "bp_pub_HhMAHh9ZMbWo9vyKcwb8y87jQfaSWv3iNTnZ";
}
