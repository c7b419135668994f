using BffPlatform.BffMobile.Catalog;
using BffPlatform.BffMobile.Orders;

namespace BffPlatform.BffMobile.Home;

/// <summary>
/// The first screen in one answer. A part core-api could not give is null (<see cref="HomePartState.Missing"/>)
/// or its last good value (<see cref="HomePartState.Stale"/>); <see cref="Parts"/> says which.
/// </summary>
public sealed record HomeDto(
    IReadOnlyList<ProductCardDto>? Featured,
    IReadOnlyList<OrderCardDto>? RecentOrders,
    int? CartCount,
    HomePartsDto Parts);

public sealed record HomePartsDto(HomePartState Featured, HomePartState RecentOrders, HomePartState CartCount);

public enum HomePartState
{
    /// <summary>Fetched for this answer.</summary>
    Fresh,

    /// <summary>core-api failed to give it; this is the last good value, shown as possibly out of date.</summary>
    Stale,

    /// <summary>core-api failed to give it and no earlier value is known: the app hides or retries that part.</summary>
    Missing,

    /// <summary>A visitor's home: the part belongs to a signed-in user.</summary>
    SignedOut,
}
