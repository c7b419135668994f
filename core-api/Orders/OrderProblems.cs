using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BffPlatform.CoreApi.Orders;

/// <summary>The refusals of carts and orders, each with its stable code (and the product it is about).</summary>
public static class OrderProblems
{
    public static ProblemHttpResult InsufficientStock(Guid productId, string name, int available) =>
        About(StatusCodes.Status409Conflict, ErrorCodes.InsufficientStock, "Not enough stock.",
            available == 0 ? $"{name} is out of stock." : $"Only {available} of {name} in stock.", productId);

    public static ProblemHttpResult ProductInactive(Guid productId, string name) =>
        About(StatusCodes.Status409Conflict, ErrorCodes.ProductInactive, "The product is no longer sold.",
            $"{name} is no longer available; remove it and try again.", productId);

    public static ProblemHttpResult CurrencyMismatch(Guid productId, string name, string currency, string expected) =>
        About(StatusCodes.Status409Conflict, ErrorCodes.CurrencyMismatch, "Products in different currencies cannot be combined.",
            $"{name} is priced in {currency}, the other products in {expected}.", productId);

    public static ProblemHttpResult CartEmpty() =>
        Problem.Of(StatusCodes.Status409Conflict, ErrorCodes.CartEmpty, "The cart is empty.", "Add products to the cart before checking out.");

    /// <summary>
    /// A product id in a request BODY that names no product is a bad request naming the field
    /// (400); an id in the URL that names nothing is 404. The same rule holds for carts and orders.
    /// </summary>
    public static ProblemHttpResult UnknownProduct(string field) =>
        Problem.Validation(field, "No product has this id.");

    public static ProblemHttpResult IllegalTransition(OrderStatus from, OrderStatus to)
    {
        var next = OrderStatusMachine.NextOf(from);
        return Problem.Of(StatusCodes.Status409Conflict, ErrorCodes.IllegalStatusTransition,
            "The order cannot move to that status.",
            next.Count == 0
                ? $"The order is {from} and cannot change any more (asked: {to})."
                : $"The order is {from}; it can move to {string.Join(" or ", next)} (asked: {to}).");
    }

    public static ProblemHttpResult ConcurrentChange() =>
        Problem.Of(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "The order changed while this request ran.", "Read the order again and retry.");

    private static ProblemHttpResult About(int status, string code, string title, string detail, Guid productId)
    {
        var problem = Problem.Create(status, code, title, detail);
        problem.Extensions["productId"] = productId;
        return TypedResults.Problem(problem);
    }
}
