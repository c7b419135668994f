using BffPlatform.Contracts.Partners;

namespace BffPlatform.CoreApi.Tests.Partners;

public sealed class ApiKeyFormatTests
{
    [Theory]
    [InlineData(ApiKeyKinds.Live, PartnerEnvironments.Live)]
    [InlineData(ApiKeyKinds.Test, PartnerEnvironments.Test)]
    [InlineData(ApiKeyKinds.Publishable, PartnerEnvironments.Live)]
    public void A_generated_key_parses_back_with_its_kind_environment_and_display_prefix(string kind, string environment)
    {
        var key = ApiKeyFormat.Generate(kind);

        Assert.StartsWith($"bp_{kind}_", key, StringComparison.Ordinal);
        Assert.Equal($"bp_{kind}_".Length + ApiKeyFormat.RandomLength + ApiKeyFormat.ChecksumLength, key.Length);
        Assert.True(ApiKeyFormat.TryParse(key, out var parsed));
        Assert.Equal(key, parsed.Value);
        Assert.Equal(kind, parsed.Kind);
        Assert.Equal(environment, parsed.Environment);
        Assert.Equal(key[..($"bp_{kind}_".Length + ApiKeyFormat.DisplayRandomLength)], parsed.DisplayPrefix);
    }

    [Fact]
    public void Keys_are_random_and_carry_at_least_160_bits()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => ApiKeyFormat.Generate(ApiKeyKinds.Live)).ToList();
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(keys.Count, keys.Select(k => ApiKeyFormat.TryParse(k, out var p) ? p.DisplayPrefix : "").Distinct().Count());
        Assert.True(ApiKeyFormat.RandomLength * Math.Log2(62) >= 160);
    }

    [Fact]
    public void Every_one_character_typo_fails_the_checksum()
    {
        var key = ApiKeyFormat.Generate(ApiKeyKinds.Live);
        var start = "bp_live_".Length;
        for (var i = start; i < key.Length; i++)
        {
            var replacement = key[i] == 'a' ? 'b' : 'a';
            var typo = key[..i] + replacement + key[(i + 1)..];
            Assert.False(ApiKeyFormat.TryParse(typo, out _), $"A typo at {i} passed.");
        }
        // Two neighbours swapped, the other common slip.
        var swapAt = Enumerable.Range(start, key.Length - start - 1).First(i => key[i] != key[i + 1]);
        var swapped = key[..swapAt] + key[swapAt + 1] + key[swapAt] + key[(swapAt + 2)..];
        Assert.False(ApiKeyFormat.TryParse(swapped, out _));
    }

    [Fact]
    public void Wrong_kind_length_alphabet_or_prefix_is_refused()
    {
        var key = ApiKeyFormat.Generate(ApiKeyKinds.Live);
        var body = key["bp_live_".Length..];

        Assert.False(ApiKeyFormat.TryParse(null, out _));
        Assert.False(ApiKeyFormat.TryParse("", out _));
        Assert.False(ApiKeyFormat.TryParse("bp_prod_" + body, out _));
        Assert.False(ApiKeyFormat.TryParse("sk_live_" + body, out _));
        Assert.False(ApiKeyFormat.TryParse("bp_live" + body, out _));
        Assert.False(ApiKeyFormat.TryParse(key[..^1], out _));
        Assert.False(ApiKeyFormat.TryParse(key + "A", out _));
        Assert.False(ApiKeyFormat.TryParse(key.ToUpperInvariant(), out _));
        Assert.False(ApiKeyFormat.TryParse(" " + key, out _));
        Assert.False(ApiKeyFormat.TryParse(key[..^7] + "-" + key[^6..], out _));
        Assert.False(ApiKeyFormat.TryParse(key[..^7] + "é" + key[^6..], out _));
        // A key of one kind relabelled as another fails too: the checksum covers the prefix.
        Assert.False(ApiKeyFormat.TryParse("bp_test_" + body, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ApiKeyFormat.Generate("prod"));
    }

    [Fact]
    public void A_parsed_key_never_shows_its_secret_in_ToString()
    {
        var key = ApiKeyFormat.Generate(ApiKeyKinds.Test);
        Assert.True(ApiKeyFormat.TryParse(key, out var parsed));

        var text = parsed.ToString();
        Assert.StartsWith(parsed.DisplayPrefix, text, StringComparison.Ordinal);
        Assert.DoesNotContain(key[(parsed.DisplayPrefix.Length)..], text, StringComparison.Ordinal);
        Assert.DoesNotContain(key, $"{parsed}", StringComparison.Ordinal);
    }

    [Fact]
    public void The_stored_hash_is_sha256_of_the_whole_key()
    {
        var key = ApiKeyFormat.Generate(ApiKeyKinds.Live);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(key)), ApiKeyFormat.Hash(key));
        Assert.NotEqual(ApiKeyFormat.Hash(key), ApiKeyFormat.Hash(ApiKeyFormat.Generate(ApiKeyKinds.Live)));
    }
}
