using BffPlatform.Contracts.Partners;

namespace BffPlatform.PublicApi.Tests.Keys;

/// <summary>The announcement core-api publishes and public-api reads: hashes only, in bounded messages, read strictly.</summary>
public sealed class ApiKeyChangesTests
{
    [Fact]
    public void A_message_names_keys_by_their_stored_hash_never_by_their_secret()
    {
        var secret = ApiKeyFormat.Generate(ApiKeyKinds.Live);
        var hash = ApiKeyFormat.Hash(secret);

        var message = Assert.Single(ApiKeyChanges.Messages([hash, hash]));

        Assert.Equal(Convert.ToHexStringLower(hash), message);
        Assert.DoesNotContain(secret[(ApiKeyFormat.Prefix.Length + 5)..], message, StringComparison.Ordinal);
        Assert.True(ApiKeyChanges.TryParse(message, out var ids));
        Assert.Equal([ApiKeyChanges.HashId(hash)], ids);
    }

    [Fact]
    public void Many_keys_go_in_several_messages_that_each_read_back()
    {
        var hashes = Enumerable.Range(0, ApiKeyChanges.MaxHashesPerMessage * 2 + 1).Select(_ => ApiKeyFormat.Hash(ApiKeyFormat.Generate(ApiKeyKinds.Test))).ToList();

        var messages = ApiKeyChanges.Messages(hashes);

        Assert.Equal(3, messages.Count);
        var read = messages.SelectMany(m => Assert.IsAssignableFrom<IReadOnlyList<string>>(ApiKeyChanges.TryParse(m, out var ids) ? ids : null)).ToList();
        Assert.Equal(hashes.Select(ApiKeyChanges.HashId), read);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-hash")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("abcdef0123456789abcdef0123456789abcdef0123456789abcdef012345678")]
    [InlineData("abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789  abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789")]
    [InlineData("bp_live_nXd8YEG2p0P4gWqvRflbP0b3wFdPOj1qSh3q")]
    public void A_message_that_is_not_a_list_of_hashes_is_unreadable(string message) =>
        Assert.False(ApiKeyChanges.TryParse(message, out _));
}
