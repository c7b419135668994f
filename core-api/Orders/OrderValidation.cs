using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.CoreApi.Users;

namespace BffPlatform.CoreApi.Orders;

/// <summary>Field rules of orders; error keys are the JSON field paths.</summary>
public static class OrderValidation
{
    public const int CustomerReferenceMaxLength = 100;

    /// <summary>
    /// Shape rules that need no database. Duplicate products are refused rather than merged: two
    /// lines of one product are a client bug more often than an intent, and merging would make
    /// the stored lines differ from what was sent.
    /// </summary>
    public static Dictionary<string, string[]> Validate(CreateOrderRequest request, bool forPartner = false)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.CustomerReference is { } reference)
        {
            if (!forPartner)
                errors["customerReference"] = ["Only orders placed for a partner carry a customer reference."];
            else if (reference.Length is 0 or > CustomerReferenceMaxLength || reference.Any(char.IsControl) || reference.Trim() != reference)
                errors["customerReference"] = [$"1 to {CustomerReferenceMaxLength} characters, no control characters or surrounding spaces."];
        }
        if (request.Lines.Count == 0)
        {
            errors["lines"] = ["At least one line is required."];
            return errors;
        }
        if (request.Lines.Count > OrderLimits.MaxLines)
        {
            errors["lines"] = [$"At most {OrderLimits.MaxLines} lines."];
            return errors;
        }
        var seen = new HashSet<Guid>();
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            if (line.ProductId == Guid.Empty)
            {
                errors[$"lines[{i}].productId"] = ["Required."];
            }
            else if (!seen.Add(line.ProductId))
            {
                errors[$"lines[{i}].productId"] = ["The product is on another line already; put the whole quantity on one line."];
            }
            if (QuantityError(line.Quantity) is { } quantityError)
            {
                errors[$"lines[{i}].quantity"] = [quantityError];
            }
        }
        return errors;
    }

    /// <summary>1..<see cref="OrderLimits.MaxQuantityPerLine"/>; null when valid.</summary>
    public static string? QuantityError(int quantity) =>
        quantity is < 1 or > OrderLimits.MaxQuantityPerLine
            ? $"Must be between 1 and {OrderLimits.MaxQuantityPerLine}."
            : null;

    public static Dictionary<string, string[]> ValidateQuery(string? status, string? customerId, int? pageSize, out OrderStatus? parsedStatus)
    {
        var errors = new Dictionary<string, string[]>();
        parsedStatus = null;
        if (!string.IsNullOrEmpty(status))
        {
            // Names only (any case): Enum.TryParse alone would also take "7" or "1".
            if (!Enum.GetNames<OrderStatus>().Any(n => string.Equals(n, status, StringComparison.OrdinalIgnoreCase)))
            {
                errors["status"] = [$"One of {string.Join(", ", Enum.GetNames<OrderStatus>().Select(n => n.ToLowerInvariant()))}."];
            }
            else
            {
                parsedStatus = Enum.Parse<OrderStatus>(status, ignoreCase: true);
            }
        }
        if (customerId is { Length: > UserConfiguration.IdMaxLength })
        {
            errors["customerId"] = [$"At most {UserConfiguration.IdMaxLength} characters."];
        }
        if (pageSize is { } size && size is < 1 or > PagingLimits.MaxPageSize)
        {
            errors["pageSize"] = [$"Must be between 1 and {PagingLimits.MaxPageSize}."];
        }
        return errors;
    }
}
