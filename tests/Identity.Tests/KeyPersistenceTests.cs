using BffPlatform.Identity.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BffPlatform.Identity.Tests;

/// <summary>
/// Signing and encryption keys are generated on first run and persisted: a restart over the same
/// data keeps tokens and refresh tokens valid, and rolling a key is configuration plus a restart.
/// </summary>
public sealed class KeyPersistenceTests
{
    private static async Task<JsonWebKeySet> JwksAsync(IdentityFactory identity) =>
        new(await identity.CreateClient().GetStringAsync("/.well-known/jwks"));

    private static async Task<TokenValidationResult> ValidateAsync(string accessToken, JsonWebKeySet jwks) =>
        await new JsonWebTokenHandler().ValidateTokenAsync(accessToken, new TokenValidationParameters
        {
            ValidIssuer = IdentityFactory.Issuer,
            ValidAudience = "core-api",
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = ["RS256"],
        });

    private static IdentityFactory Restart(IdentityFactory before, IDictionary<string, string?>? settings = null)
    {
        before.KeepData = true;
        before.Dispose();
        return new IdentityFactory(before.DataDirectory, settings: settings);
    }

    [Fact]
    public async Task Keys_tokens_and_refresh_tokens_survive_a_restart()
    {
        var first = new IdentityFactory();
        using var browser = first.CreateBrowser();
        var tokens = await OAuth.CodeFlowAsync(first, browser);
        var kidBefore = Assert.Single((await JwksAsync(first)).Keys).Kid;

        using var second = Restart(first);

        var jwks = await JwksAsync(second);
        Assert.Equal(kidBefore, Assert.Single(jwks.Keys).Kid);
        var validation = await ValidateAsync(tokens.AccessToken!, jwks);
        Assert.True(validation.IsValid, validation.Exception?.Message);
        // The refresh token is encrypted with the persisted encryption key and stored in the persisted database.
        var refreshed = await OAuth.RefreshAsync(second.CreateClient(), tokens.RefreshToken!);
        Assert.False(refreshed.IsError, refreshed.Error + " " + refreshed.ErrorDescription);
        Assert.Equal(kidBefore, OAuth.Read(refreshed.AccessToken!).Kid);
    }

    [Fact]
    public async Task Rolling_the_signing_key_signs_with_the_new_one_and_still_publishes_the_old_one()
    {
        var first = new IdentityFactory();
        using var browser = first.CreateBrowser();
        var tokens = await OAuth.CodeFlowAsync(first, browser);
        var oldKid = OAuth.Read(tokens.AccessToken!).Kid;

        using var second = Restart(first, new Dictionary<string, string?>
        {
            ["Identity:Keys:Signing:0"] = "signing-2.pem",
            ["Identity:Keys:Signing:1"] = "signing-1.pem",
        });

        var jwks = await JwksAsync(second);
        Assert.Equal(2, jwks.Keys.Count);
        Assert.True(File.Exists(Path.Combine(second.DataDirectory, "keys", "signing-2.pem")));
        var refreshed = await OAuth.RefreshAsync(second.CreateClient(), tokens.RefreshToken!);
        Assert.False(refreshed.IsError, refreshed.ErrorDescription);
        var newKid = OAuth.Read(refreshed.AccessToken!).Kid;
        Assert.NotEqual(oldKid, newKid);
        Assert.Equal(new[] { oldKid, newKid }.Order(), jwks.Keys.Select(k => k.Kid).Order());
        // Access tokens issued before the roll stay valid until they expire.
        Assert.True((await ValidateAsync(tokens.AccessToken!, jwks)).IsValid);
        Assert.True((await ValidateAsync(refreshed.AccessToken!, jwks)).IsValid);
    }

    [Fact]
    public void A_missing_previous_key_refuses_to_start_naming_the_setting()
    {
        using var identity = new IdentityFactory(settings: new Dictionary<string, string?>
        {
            ["Identity:Keys:Signing:0"] = "signing-1.pem",
            ["Identity:Keys:Signing:1"] = "signing-0-lost.pem",
        });

        var failure = identity.StartupFailure();

        Assert.Contains("signing-0-lost.pem", failure);
        Assert.Contains("Identity:Keys:Signing", failure);
    }

    [Fact]
    public void A_key_file_listed_twice_refuses_to_start_naming_the_setting()
    {
        using var identity = new IdentityFactory(settings: new Dictionary<string, string?>
        {
            ["Identity:Keys:Encryption:0"] = "encryption-1.pem",
            ["Identity:Keys:Encryption:1"] = "encryption-1.pem",
        });

        Assert.Contains("Identity:Keys:Encryption lists a key twice", identity.StartupFailure());
    }

    [Fact]
    public void Generated_private_keys_are_readable_by_the_owner_only()
    {
        using var identity = new IdentityFactory();
        identity.CreateClient().Dispose();

        var keys = Path.Combine(identity.DataDirectory, "keys");
        Assert.True(File.Exists(Path.Combine(keys, "signing-1.pem")));
        Assert.True(File.Exists(Path.Combine(keys, "encryption-1.pem")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(keys, "signing-1.pem")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(keys, "encryption-1.pem")));
        }
    }
}
