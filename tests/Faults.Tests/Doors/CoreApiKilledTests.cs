using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using BffPlatform.Contracts.Common;
using BffPlatform.Faults.Tests.Infrastructure;
using Xunit.Abstractions;

namespace BffPlatform.Faults.Tests.Doors;

/// <summary>
/// core-api dies (SIGKILL) while every door serves: each request still gets an answer — the data, or
/// a quick 503 Problem Details — none hangs past the door's upstream timeout, and when core-api
/// is back the same door processes serve again without a restart.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class CoreApiKilledTests(FaultPlatform platform, ITestOutputHelper output)
{
    private const int RequestsPerDoor = 120;
    private const int ConnectionsPerDoor = 4;

    // The doors' CoreApi:TotalTimeout is 25 s: a request still open past it (with some slack for a busy machine) hangs.
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(5) }) { Timeout = TimeSpan.FromSeconds(40) };

    [Fact]
    public async Task Doors_answer_503_quickly_while_core_api_is_dead_and_recover_without_a_restart()
    {
        var doors = DoorCall.CatalogOf(platform);
        foreach (var door in doors)
        {
            using var warm = await Http.SendAsync(door.Request("/products?pageSize=5"));
            Assert.True(warm.StatusCode == HttpStatusCode.OK, $"{door.Door} before the fault: {(int)warm.StatusCode} {await warm.Content.ReadAsStringAsync()}");
        }

        var answers = new ConcurrentBag<(string Door, int Status, string? Code)>();
        var sent = 0;
        var killed = new TaskCompletionSource();
        var load = doors.SelectMany(door => Enumerable.Range(0, ConnectionsPerDoor).Select(async connection =>
        {
            for (var i = connection; i < RequestsPerDoor; i += ConnectionsPerDoor)
            {
                // The kill lands after a third of the load; the rest runs against a dead core-api.
                if (Interlocked.Increment(ref sent) == doors.Count * RequestsPerDoor / 3) _ = KillCoreAsync(killed);
                // Page sizes vary so answers are not all served from one cached page; ids are new, so never cached.
                var path = i % 2 == 0 ? $"/products?pageSize={1 + i % 50}" : $"/products/{Guid.NewGuid()}";
                using var response = await Http.SendAsync(door.Request(path));
                answers.Add((door.Door, (int)response.StatusCode, await CodeOfAsync(response)));
            }
        })).ToList();
        await Task.WhenAll(load);
        await killed.Task;

        output.WriteLine(string.Join("\n", answers.GroupBy(a => (a.Door, a.Status, a.Code)).OrderBy(g => g.Key.Door)
            .Select(g => $"{g.Key.Door}: {g.Key.Status} {g.Key.Code} x{g.Count()}")));
        // Every request answered: the data (200, or 404 for an unknown id), or core-api is unavailable.
        Assert.Equal(doors.Count * RequestsPerDoor, answers.Count);
        Assert.All(answers, a => Assert.True(
            a.Status is 200 or 404 || (a.Status == 503 && a.Code == ErrorCodes.UpstreamUnavailable) || (a.Status == 504 && a.Code == ErrorCodes.UpstreamTimeout),
            $"{a.Door} answered {a.Status} {a.Code}"));
        Assert.All(doors, d => Assert.Contains(answers, a => a.Door == d.Door && a.Status == 503));

        // While core-api is down a door says so at once, for any new request.
        foreach (var door in doors)
        {
            using var down = await Http.SendAsync(door.Request($"/products/{Guid.NewGuid()}"));
            Assert.Equal(ErrorCodes.UpstreamUnavailable, await CodeOfAsync(down));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        }

        await platform.CoreApi.StartAsync();
        foreach (var door in doors)
        {
            await RecoveredAsync(door);
        }
        Assert.All(platform.Doors, d => Assert.True(d.IsRunning, $"{d.Name} is not running"));
    }

    private async Task KillCoreAsync(TaskCompletionSource killed)
    {
        try
        {
            await platform.CoreApi.KillAsync();
            killed.SetResult();
        }
        catch (Exception e)
        {
            killed.SetException(e);
        }
    }

    /// <summary>Polls until the door serves the catalog again (its circuit breaker may hold for a few seconds).</summary>
    private async Task RecoveredAsync(DoorCall door)
    {
        var last = "";
        for (var attempt = 0; attempt < 120; attempt++)
        {
            using var response = await Http.SendAsync(door.Request("/products?pageSize=7"));
            if (response.StatusCode == HttpStatusCode.OK) return;
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            await Task.Delay(500);
        }
        Assert.Fail($"{door.Door} did not recover after core-api came back: {last}\n{platform.Logs()}");
    }

    private static async Task<string?> CodeOfAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode) return null;
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)?["code"]?.GetValue<string>();
    }
}
