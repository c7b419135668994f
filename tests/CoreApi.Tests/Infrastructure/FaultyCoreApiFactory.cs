using BffPlatform.CoreApi.Data;
using BffPlatform.CoreApi.Orders;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.CoreApi.Tests.Infrastructure;

/// <summary>core-api whose database fails on demand: when <see cref="FailOrderInserts"/> is set, saving a new order throws.</summary>
public sealed class FaultyCoreApiFactory : CoreApiFactory
{
    private readonly OrderInsertFault _fault = new();

    public bool FailOrderInserts
    {
        get => _fault.Enabled;
        set => _fault.Enabled = value;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<CoreDbContext>(o => o.AddInterceptors(_fault)));
    }

    private sealed class OrderInsertFault : SaveChangesInterceptor
    {
        public volatile bool Enabled;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Enabled && eventData.Context!.ChangeTracker.Entries<Order>().Any(e => e.State == EntityState.Added))
            {
                throw new InvalidOperationException("Injected database failure.");
            }
            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }
}
