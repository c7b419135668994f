using System.Net.Http.Headers;
using BffPlatform.ServiceDefaults;
using BffPlatform.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BffPlatform.Identity.Tests.Infrastructure;

/// <summary>
/// An API wired the way core-api is (<c>AddServiceDefaults</c> + <c>AddPlatformJwtBearer</c> from
/// <c>Authentication:Jwt</c>, every endpoint needing an authenticated caller), validating tokens
/// of the in-process identity. Only the transport is swapped: the JwtBearer's backchannel reaches
/// identity's TestServer, so discovery and JWKS are fetched for real and nothing in the
/// validation parameters is replaced. (core-api's own Program cannot be hosted here: both
/// assemblies declare a global <c>Program</c>.)
/// </summary>
public sealed class ProtectedApi : IAsyncDisposable
{
    public const string MePath = "/api/v1/me";

    private readonly WebApplication _app;

    private ProtectedApi(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<ProtectedApi> StartAsync(IdentityFactory identity)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        // core-api's appsettings(.Development).json, with the in-process identity as authority.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Authentication:Jwt:Provider"] = "Oidc",
            ["Authentication:Jwt:Authority"] = IdentityFactory.Issuer,
            ["Authentication:Jwt:Audience"] = "core-api",
            ["Authentication:Jwt:RequireHttpsMetadata"] = "false",
        });
        builder.AddServiceDefaults();
        builder.AddPlatformJwtBearer();
        builder.Services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme,
            bearer => bearer.BackchannelHttpHandler = identity.Server.CreateHandler());
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        var app = builder.Build();
        app.UseServiceDefaults();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet(MePath, (HttpContext context) => TypedResults.Ok(new Caller(
            context.User.SubjectId(), context.User.ClientId(), context.User.FindFirst("role")?.Value,
            context.User.IsInRole("staff"), context.User.IsServiceCaller(), context.User.HasScope("orders.read"))));
        await app.StartAsync();
        return new ProtectedApi(app, app.GetTestClient());
    }

    /// <summary>GET <see cref="MePath"/> with the token as bearer.</summary>
    public Task<HttpResponseMessage> CallAsync(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, MePath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }

    public sealed record Caller(string? Sub, string? ClientId, string? Role, bool IsStaff, bool IsService, bool HasOrdersRead);
}
