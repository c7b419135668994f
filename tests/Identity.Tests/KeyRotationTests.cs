using BffPlatform.Identity.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BffPlatform.Identity.Tests;

/// <summary>
/// Keys given as PEM (what every scaled-out instance is given from one Kubernetes Secret) and the
/// rotation procedure of docs/identity-keys.md run step by step: publish the next key second,
/// promote it, retire the old one. A token signed by the old key validates exactly while it is listed.
/// </summary>
public sealed class KeyRotationTests
{
    private static IdentityFactory Start(string? dataDirectory, params string[] signing)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < signing.Length; i++) settings[$"Identity:Keys:Signing:{i}"] = signing[i];
        return new IdentityFactory(dataDirectory, settings: settings) { KeepData = true };
    }

    private static async Task<string> TokenAsync(IdentityFactory identity)
    {
        var response = await OAuth.ClientCredentialsAsync(identity.CreateClient(), OAuth.InternalTools, OAuth.InternalToolsSecret, "core-api");
        Assert.False(response.IsError, response.Error + " " + response.ErrorDescription);
        return response.AccessToken!;
    }

    private static async Task<(List<string> Kids, TokenValidationResult Validation)> CheckAsync(IdentityFactory identity, string token)
    {
        var jwks = new JsonWebKeySet(await identity.CreateClient().GetStringAsync("/.well-known/jwks"));
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = IdentityFactory.Issuer,
            ValidAudience = "core-api",
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = ["RS256"],
        });
        return (jwks.Keys.Select(k => k.Kid).Order().ToList(), validation);
    }

    [Fact]
    public async Task Publish_promote_retire_keeps_old_tokens_valid_exactly_while_their_key_is_listed()
    {
        var (oldPem, newPem) = (TestKeys.NewPem(), TestKeys.NewPem());
        var (oldKid, newKid) = (TestKeys.KidOf(oldPem), TestKeys.KidOf(newPem));
        string folder;
        string oldToken;
        using (var before = Start(null, oldPem))
        {
            folder = before.DataDirectory;
            oldToken = await TokenAsync(before);
            Assert.Equal(oldKid, OAuth.Read(oldToken).Kid);
        }

        // 1. Publish: the next key listed second is in the JWKS, but tokens are still signed with the old one.
        using (var published = Start(folder, oldPem, newPem))
        {
            var (kids, validation) = await CheckAsync(published, oldToken);
            Assert.Equal(new[] { oldKid, newKid }.Order(), kids);
            Assert.True(validation.IsValid, validation.Exception?.Message);
            Assert.Equal(oldKid, OAuth.Read(await TokenAsync(published)).Kid);
        }

        // 2. Promote: new tokens are signed with the new key; the old key's tokens still validate.
        string newToken;
        using (var promoted = Start(folder, newPem, oldPem))
        {
            newToken = await TokenAsync(promoted);
            Assert.Equal(newKid, OAuth.Read(newToken).Kid);
            var (kids, validation) = await CheckAsync(promoted, oldToken);
            Assert.Equal(new[] { oldKid, newKid }.Order(), kids);
            Assert.True(validation.IsValid, validation.Exception?.Message);
        }

        // 3. Retire (after the longest access token lifetime): the old key is gone, and so are its tokens.
        using var retired = Start(folder, newPem);
        retired.KeepData = false;
        var (retiredKids, oldValidation) = await CheckAsync(retired, oldToken);
        Assert.Equal([newKid], retiredKids);
        Assert.False(oldValidation.IsValid);
        Assert.IsType<SecurityTokenSignatureKeyNotFoundException>(oldValidation.Exception);
        Assert.True((await CheckAsync(retired, newToken)).Validation.IsValid);
    }

    [Fact]
    public async Task Keys_given_as_pem_are_used_and_nothing_is_generated()
    {
        var signing = TestKeys.NewPem();
        using var identity = new IdentityFactory(settings: new Dictionary<string, string?>
        {
            ["Identity:Keys:Signing:0"] = signing,
            ["Identity:Keys:Encryption:0"] = TestKeys.NewPem(),
        });

        Assert.Equal(TestKeys.KidOf(signing), OAuth.Read(await TokenAsync(identity)).Kid);
        Assert.False(File.Exists(Path.Combine(identity.DataDirectory, "keys", "signing-1.pem")));
        Assert.False(File.Exists(Path.Combine(identity.DataDirectory, "keys", "encryption-1.pem")));
    }

    [Fact]
    public void On_postgres_a_missing_key_is_not_generated_and_start_up_says_why()
    {
        // Nothing connects: the keys are loaded (and refused) before the database is touched.
        using var identity = new IdentityFactory(settings: new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Identity"] = "Host=127.0.0.1;Port=1;Database=identity;Timeout=1",
        });

        var failure = identity.StartupFailure();

        Assert.Contains("Identity:Keys:Signing:0", failure);
        Assert.Contains("does not generate keys", failure);
        Assert.Contains("instances that each generate a key publish different keys", failure);
        Assert.False(File.Exists(Path.Combine(identity.DataDirectory, "keys", "signing-1.pem")));
    }

    [Fact]
    public void A_pem_that_is_no_rsa_private_key_refuses_to_start_without_echoing_it()
    {
        const string notAKey = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWJ1dC1ub3QtYS1rZXk=\n-----END PRIVATE KEY-----";
        using var identity = new IdentityFactory(settings: new Dictionary<string, string?> { ["Identity:Keys:Signing:0"] = notAKey });

        var failure = identity.StartupFailure();

        Assert.Contains("Identity:Keys:Signing:0 (PEM given in configuration) is not an unencrypted RSA private key", failure);
        Assert.DoesNotContain("c2VjcmV0LWJ1dC1ub3QtYS1rZXk", failure);
    }
}
