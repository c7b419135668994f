using BffPlatform.Contracts.Orders;
using BffPlatform.CoreApi.Orders;

namespace BffPlatform.CoreApi.Tests.Orders;

public sealed class OrderStatusMachineTests
{
    private static readonly HashSet<(OrderStatus, OrderStatus)> Legal =
    [
        (OrderStatus.Pending, OrderStatus.Confirmed),
        (OrderStatus.Confirmed, OrderStatus.Shipped),
        (OrderStatus.Shipped, OrderStatus.Delivered),
        (OrderStatus.Pending, OrderStatus.Cancelled),
        (OrderStatus.Confirmed, OrderStatus.Cancelled),
    ];

    public static TheoryData<OrderStatus, OrderStatus> AllPairs()
    {
        var data = new TheoryData<OrderStatus, OrderStatus>();
        foreach (var from in Enum.GetValues<OrderStatus>())
        foreach (var to in Enum.GetValues<OrderStatus>())
            data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Every_pair_is_legal_exactly_when_the_life_cycle_says_so(OrderStatus from, OrderStatus to) =>
        Assert.Equal(Legal.Contains((from, to)), OrderStatusMachine.CanMove(from, to));

    [Fact]
    public void All_twenty_five_pairs_are_covered() => Assert.Equal(25, AllPairs().Count);

    [Theory]
    [InlineData(OrderStatus.Pending, true)]
    [InlineData(OrderStatus.Confirmed, true)]
    [InlineData(OrderStatus.Shipped, false)]
    [InlineData(OrderStatus.Delivered, false)]
    [InlineData(OrderStatus.Cancelled, false)]
    public void Cancellable_only_while_pending_or_confirmed(OrderStatus from, bool expected) =>
        Assert.Equal(expected, OrderStatusMachine.CanCancel(from));

    [Fact]
    public void Final_statuses_lead_nowhere()
    {
        Assert.Empty(OrderStatusMachine.NextOf(OrderStatus.Delivered));
        Assert.Empty(OrderStatusMachine.NextOf(OrderStatus.Cancelled));
        Assert.Equal([OrderStatus.Confirmed, OrderStatus.Cancelled], OrderStatusMachine.NextOf(OrderStatus.Pending));
    }
}
