using System.Net.Sockets;

namespace BffPlatform.ScaledOut.Tests.Servers;

/// <summary>The test servers themselves: what every scaled-out test stands on.</summary>
public sealed class LocalServersTests
{
    [Fact]
    public async Task Postgres_keeps_committed_rows_across_a_crash_and_restart()
    {
        await using var postgres = await LocalPostgres.StartNewAsync();
        await postgres.CreateDatabaseAsync("probe");
        await postgres.PsqlAsync("probe", "CREATE TABLE t (v int); INSERT INTO t VALUES (42);");

        await postgres.StopAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => postgres.PsqlAsync("probe", "SELECT 1"));
        await postgres.StartAsync();

        Assert.Equal("42", await postgres.PsqlAsync("probe", "SELECT v FROM t"));
    }

    [Fact]
    public async Task Redis_answers_on_loopback_and_is_refused_after_stop()
    {
        await using var redis = await LocalRedis.StartNewAsync();
        Assert.Equal("+PONG", await PingAsync(redis.Port));

        await redis.StopAsync();
        await Assert.ThrowsAnyAsync<SocketException>(() => PingAsync(redis.Port));
    }

    private static async Task<string> PingAsync(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray());
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer);
        return System.Text.Encoding.ASCII.GetString(buffer, 0, read).Trim();
    }
}
