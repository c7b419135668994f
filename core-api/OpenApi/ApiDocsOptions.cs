namespace BffPlatform.CoreApi.OpenApi;

/// <summary>
/// Whether core-api serves its OpenAPI document, Swagger UI and ReDoc (<c>ApiDocs:Enabled</c>). On
/// everywhere but Production (appsettings.Production.json turns it off): core-api is internal, and a
/// published map of every internal and staff route helps an attacker who got inside more than it
/// helps anyone. An operator who wants the Swagger UI there (an internal network, a staging
/// cluster) sets <c>ApiDocs__Enabled=true</c>.
/// </summary>
public sealed class ApiDocsOptions
{
    public const string SectionName = "ApiDocs";

    public bool Enabled { get; set; } = true;
}
