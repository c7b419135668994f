using BffPlatform.Contracts.Carts;
using BffPlatform.Contracts.Orders;
using BffPlatform.CoreApi.Authentication;
using BffPlatform.CoreApi.Data;
using BffPlatform.CoreApi.Idempotency;
using BffPlatform.CoreApi.Orders;
using BffPlatform.ServiceDefaults.Auth;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Carts;

/// <summary>
/// The caller's cart: one per user, user tokens only (a service token has no cart: 403).
/// A cart reserves nothing; stock is taken at checkout.
/// </summary>
public static class CartEndpoints
{
    public const string CheckoutOperation = "cart.checkout";

    public static RouteGroupBuilder MapCarts(this IEndpointRouteBuilder api)
    {
        var cart = api.MapGroup("/cart").WithTags("Cart").RequireAuthorization(Policies.User);

        cart.MapGet("/", Get)
            .RequireAuthorization(Policies.OrdersRead)
            .WithName("GetCart")
            .WithSummary("The caller's cart, priced now; lines of inactive products are flagged.");

        cart.MapPost("/items", Add)
            .RequireAuthorization(Policies.OrdersWrite)
            .WithName("AddCartItem")
            .WithSummary("Add a quantity of a product (creating its line).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        cart.MapPut("/items/{productId:guid}", SetQuantity)
            .RequireAuthorization(Policies.OrdersWrite)
            .WithName("SetCartItemQuantity")
            .WithSummary("Set the quantity of a line in the cart (1 or more; remove a line with DELETE).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        cart.MapDelete("/items/{productId:guid}", Remove)
            .RequireAuthorization(Policies.OrdersWrite)
            .WithName("RemoveCartItem")
            .WithSummary("Remove a line; removing a line that is not there changes nothing (DELETE is idempotent).");

        cart.MapDelete("/", Clear)
            .RequireAuthorization(Policies.OrdersWrite)
            .WithName("ClearCart")
            .WithSummary("Empty the cart.");

        cart.MapPost("/checkout", Checkout)
            .RequireAuthorization(Policies.OrdersWrite)
            .WithIdempotencyKey(CheckoutOperation)
            .WithName("CheckoutCart")
            .WithSummary("Turn the cart into an order and empty it, in one transaction. Requires Idempotency-Key.")
            .Produces<OrderDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return cart;
    }

    private static string UserOf(HttpContext http) => http.User.SubjectId()!;

    private static async Task<Ok<CartDto>> Get(HttpContext http, CoreDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(await CartReads.GetAsync(db, UserOf(http), time.GetUtcNow(), cancellationToken));

    private static async Task<Results<Ok<CartDto>, ProblemHttpResult>> Add(
        AddCartItemRequest request, HttpContext http, CoreDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.ProductId == Guid.Empty) errors["productId"] = ["Required."];
        if (OrderValidation.QuantityError(request.Quantity) is { } quantityError) errors["quantity"] = [quantityError];
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == request.ProductId, cancellationToken);
        // A customer cannot see an inactive product (reading it is 404), so to them it is an
        // unknown id, answered as one; staff see it, and are told why it cannot be bought.
        // A line already in the cart whose product went inactive is flagged, and refused at checkout.
        if (product is null || (!product.Active && !http.User.IsCatalogManager()))
        {
            return OrderProblems.UnknownProduct("productId");
        }
        if (!product.Active)
        {
            return OrderProblems.ProductInactive(product.Id, product.Name);
        }
        var userId = UserOf(http);
        var otherCurrency = await db.CartLines.AsNoTracking()
            .Where(l => l.UserId == userId && l.ProductId != product.Id)
            .Join(db.Products, l => l.ProductId, p => p.Id, (l, p) => p.Currency)
            .FirstOrDefaultAsync(c => c != product.Currency, cancellationToken);
        if (otherCurrency is not null)
        {
            return OrderProblems.CurrencyMismatch(product.Id, product.Name, product.Currency, otherCurrency);
        }

        var now = time.GetUtcNow();
        await EnsureCartAsync(db, userId, now, cancellationToken);
        // On PostgreSQL a transient failure rolls the transaction back and runs it again whole.
        var refused = await db.Database.CreateExecutionStrategy().ExecuteAsync(
            ct => AddInTransactionAsync(db, userId, product.Id, request.Quantity, now, ct), cancellationToken);
        if (refused is not null)
        {
            return refused;
        }
        return TypedResults.Ok(await CartReads.GetAsync(db, userId, now, cancellationToken));
    }

    private static async Task<Results<Ok<CartDto>, ProblemHttpResult>> SetQuantity(
        Guid productId, SetCartItemQuantityRequest request, HttpContext http, CoreDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (OrderValidation.QuantityError(request.Quantity) is { } quantityError)
        {
            return Problem.Validation("quantity", quantityError);
        }
        var userId = UserOf(http);
        var updated = await db.CartLines
            .Where(l => l.UserId == userId && l.ProductId == productId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Quantity, request.Quantity), cancellationToken);
        if (updated == 0)
        {
            return Problem.NotFound("The cart line");
        }
        var now = time.GetUtcNow();
        await TouchAsync(db, userId, now, cancellationToken);
        return TypedResults.Ok(await CartReads.GetAsync(db, userId, now, cancellationToken));
    }

    private static async Task<Ok<CartDto>> Remove(
        Guid productId, HttpContext http, CoreDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var userId = UserOf(http);
        var now = time.GetUtcNow();
        if (await db.CartLines.Where(l => l.UserId == userId && l.ProductId == productId).ExecuteDeleteAsync(cancellationToken) > 0)
        {
            await TouchAsync(db, userId, now, cancellationToken);
        }
        return TypedResults.Ok(await CartReads.GetAsync(db, userId, now, cancellationToken));
    }

    private static async Task<NoContent> Clear(HttpContext http, CoreDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var userId = UserOf(http);
        if (await db.CartLines.Where(l => l.UserId == userId).ExecuteDeleteAsync(cancellationToken) > 0)
        {
            await TouchAsync(db, userId, time.GetUtcNow(), cancellationToken);
        }
        return TypedResults.NoContent();
    }

    private static Task<IResult> Checkout(HttpContext http, OrderPlacement placement, CancellationToken cancellationToken) =>
        placement.CheckoutAsync(UserOf(http), IdempotencyFilter.ClaimOf(http), cancellationToken);

    /// <summary>
    /// Adds to the line, or inserts it unless the cart is full; a refusal when the line or the cart
    /// is full. Touching the cart row first holds it until commit (a row lock on PostgreSQL, the
    /// write lock on SQLite), so the adds to one cart run one after another: each sees the line or
    /// the count a concurrent add committed, two adds never both insert one line (a unique-key
    /// failure) and two adds at 49 lines never both insert. Counting and inserting outside that lock
    /// needed a retry loop that took a concurrent insert for its own and could count an add twice.
    /// </summary>
    private static async Task<ProblemHttpResult?> AddInTransactionAsync(
        CoreDbContext db, string userId, Guid productId, int quantity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await TouchAsync(db, userId, now, cancellationToken);
        var line = db.CartLines.Where(l => l.UserId == userId && l.ProductId == productId);
        if (await line.Select(l => (int?)l.Quantity).FirstOrDefaultAsync(cancellationToken) is { } current)
        {
            if (current > OrderLimits.MaxQuantityPerLine - quantity)
            {
                return Problem.Validation("quantity", $"A line holds at most {OrderLimits.MaxQuantityPerLine}; this would exceed it.");
            }
            await line.ExecuteUpdateAsync(s => s.SetProperty(l => l.Quantity, l => l.Quantity + quantity), cancellationToken);
        }
        else
        {
            if (await db.CartLines.CountAsync(l => l.UserId == userId, cancellationToken) >= OrderLimits.MaxLines)
            {
                return Problem.Validation("productId", $"A cart holds at most {OrderLimits.MaxLines} different products.");
            }
            db.CartLines.Add(new CartLine { UserId = userId, ProductId = productId, Quantity = quantity, AddedAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return null;
    }

    /// <summary>The cart row exists once the user first adds; a concurrent first add may have made it.</summary>
    private static async Task EnsureCartAsync(CoreDbContext db, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.Carts.AnyAsync(c => c.UserId == userId, cancellationToken))
        {
            return;
        }
        db.Carts.Add(new Cart { UserId = userId, UpdatedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!await db.Carts.AsNoTracking().AnyAsync(c => c.UserId == userId, cancellationToken))
            {
                throw;
            }
        }
        db.ChangeTracker.Clear();
    }

    private static Task TouchAsync(CoreDbContext db, string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Carts.Where(c => c.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, now), cancellationToken);
}
