using System.Net;
using BffPlatform.PublicApi.Webhooks.Http;

namespace BffPlatform.PublicApi.Tests.Webhooks;

public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.1.2.3")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("10.0.0.5")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.100.100.200")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fc00::1")]
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    [InlineData("::")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:a9fe:a9fe::1")]
    [InlineData("::127.0.0.1")]
    [InlineData("2001:db8::1")]
    public void Refuses_non_public_addresses(string address)
    {
        Assert.NotNull(AddressPolicy.Refusal(IPAddress.Parse(address), allowLoopback: false));
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void Allows_public_addresses(string address)
    {
        Assert.Null(AddressPolicy.Refusal(IPAddress.Parse(address), allowLoopback: false));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("169.254.169.254", false)]
    public void The_loopback_setting_opens_loopback_only(string address, bool allowed)
    {
        Assert.Equal(allowed, AddressPolicy.Refusal(IPAddress.Parse(address), allowLoopback: true) is null);
    }

    [Fact]
    public void The_refusal_says_why()
    {
        Assert.Contains("metadata", AddressPolicy.Refusal(IPAddress.Parse("169.254.169.254"), false));
        Assert.Contains("private", AddressPolicy.Refusal(IPAddress.Parse("192.168.0.1"), false));
    }
}
