using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace BffPlatform.Faults.Tests.Infrastructure;

/// <summary>One order request and what came back: the status (none when the connection failed), the order, the problem code.</summary>
public sealed record OrderAttempt(string Key, int? Status, Guid? OrderId, string? Code, TimeSpan Took, string? Error)
{
    public bool Acknowledged => Status == 201;
}

/// <summary>
/// Clients placing one-item orders of one product back to back, each under a new Idempotency-Key,
/// until stopped; every answer is recorded, so a test can say afterwards which orders were
/// acknowledged and which keys a client would retry.
/// </summary>
public sealed class OrderWriters
{
    private readonly ConcurrentQueue<OrderAttempt> _attempts = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    public IReadOnlyList<OrderAttempt> Attempts => _attempts.ToList();

    public static OrderWriters Start(CoreCalls core, Guid product, int writers)
    {
        var started = new OrderWriters();
        started._running = Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(() => started.WriteAsync(core, product))));
        return started;
    }

    private async Task WriteAsync(CoreCalls core, Guid product)
    {
        while (!_stop.IsCancellationRequested)
        {
            var attempt = await PlaceAsync(core, product, Guid.NewGuid().ToString("N"));
            _attempts.Enqueue(attempt);
            if (attempt.Status is null)
            {
                // Nobody listening (core-api killed): a client would back off too.
                await Task.Delay(100);
            }
        }
    }

    /// <summary>One order request under <paramref name="key"/> (the request a client sends, or sends again).</summary>
    public static async Task<OrderAttempt> PlaceAsync(CoreCalls core, Guid product, string key)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            // Never cancelled by the test: a request in flight when the writers stop runs to its answer.
            using var response = await core.PlaceOrderAsync(product, 1, key);
            var body = await response.Content.ReadAsStringAsync();
            var json = body.Length > 0 && body[0] == '{' ? JsonNode.Parse(body) : null;
            return new OrderAttempt(key, (int)response.StatusCode,
                response.StatusCode == HttpStatusCode.Created ? json?["id"]?.GetValue<Guid>() : null,
                json?["code"]?.GetValue<string>(), clock.Elapsed, response.IsSuccessStatusCode ? null : body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new OrderAttempt(key, null, null, null, clock.Elapsed, e.GetType().Name + ": " + e.Message);
        }
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> recorded attempts match <paramref name="what"/>.</summary>
    public async Task WaitForAsync(Func<OrderAttempt, bool> what, int count, TimeSpan limit, Func<string> context)
    {
        var deadline = DateTime.UtcNow + limit;
        while (_attempts.Count(what) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"after {limit.TotalSeconds} s only {_attempts.Count(what)} of {count} attempts as expected: " +
                string.Join("; ", _attempts.TakeLast(5).Select(a => $"{a.Status} {a.Code} {a.Error}")) + "\n" + context());
            await Task.Delay(100);
        }
    }

    /// <summary>Stops the writers and waits for the requests in flight to be answered.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running;
    }
}
