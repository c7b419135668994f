using System.Text.RegularExpressions;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Products;

namespace BffPlatform.CoreApi.Products;

/// <summary>Field rules of the catalog; error keys are the JSON field names.</summary>
public static partial class ProductValidation
{
    [GeneratedRegex("^[A-Z0-9][A-Z0-9._-]*$")]
    private static partial Regex SkuPattern();

    public static Dictionary<string, string[]> Validate(CreateProductRequest r)
    {
        var errors = new Dictionary<string, string[]>();
        var sku = NormalizeSku(r.Sku);
        if (sku.Length == 0) errors["sku"] = ["Required."];
        else if (sku.Length > ProductLimits.SkuMaxLength) errors["sku"] = [$"At most {ProductLimits.SkuMaxLength} characters."];
        else if (!SkuPattern().IsMatch(sku)) errors["sku"] = ["Letters, digits, '.', '_' and '-' only, starting with a letter or digit."];
        ValidateCommon(errors, r.Name, r.Description, r.Category, r.Price, r.Currency, r.Stock);
        return errors;
    }

    public static Dictionary<string, string[]> Validate(UpdateProductRequest r)
    {
        var errors = new Dictionary<string, string[]>();
        ValidateCommon(errors, r.Name, r.Description, r.Category, r.Price, r.Currency, r.Stock);
        return errors;
    }

    /// <summary>SKUs are case-insensitive for people; stored upper-case so the unique index agrees.</summary>
    public static string NormalizeSku(string? sku) => (sku ?? "").Trim().ToUpperInvariant();

    public static Dictionary<string, string[]> ValidateQuery(ProductQuery query)
    {
        var errors = new Dictionary<string, string[]>();
        if (query.Q is { } q && q.Length > ProductLimits.SearchMaxLength)
            errors["q"] = [$"At most {ProductLimits.SearchMaxLength} characters."];
        if (query.Category is { } c && c.Length > ProductLimits.CategoryMaxLength)
            errors["category"] = [$"At most {ProductLimits.CategoryMaxLength} characters."];
        if (query.PageSize is { } size && size is < 1 or > PagingLimits.MaxPageSize)
            errors["pageSize"] = [$"Must be between 1 and {PagingLimits.MaxPageSize}."];
        return errors;
    }

    private static void ValidateCommon(
        Dictionary<string, string[]> errors, string? name, string? description, string? category, decimal price, string? currency, int stock)
    {
        Text(errors, "name", name, ProductLimits.NameMaxLength, required: true, multiline: false);
        Text(errors, "description", description, ProductLimits.DescriptionMaxLength, required: false, multiline: true);
        Text(errors, "category", category, ProductLimits.CategoryMaxLength, required: true, multiline: false);

        if (price <= 0) errors["price"] = ["Must be greater than zero."];
        else if (price > ProductLimits.MaxPrice) errors["price"] = [$"At most {ProductLimits.MaxPrice}."];
        else if (decimal.Round(price, 2) != price) errors["price"] = ["At most two decimal places."];

        if (!Currencies.IsActive(currency)) errors["currency"] = [Currencies.Rule];

        if (stock < 0) errors["stock"] = ["Must not be negative."];
        else if (stock > ProductLimits.MaxStock) errors["stock"] = [$"At most {ProductLimits.MaxStock}."];
    }

    private static void Text(Dictionary<string, string[]> errors, string field, string? value, int max, bool required, bool multiline)
    {
        var trimmed = value?.Trim() ?? "";
        if (required && trimmed.Length == 0)
        {
            errors[field] = ["Required."];
        }
        else if (trimmed.Length > max)
        {
            errors[field] = [$"At most {max} characters."];
        }
        else if (trimmed.Any(ch => char.IsControl(ch) && !(multiline && ch is '\n' or '\r' or '\t')))
        {
            errors[field] = ["Must not contain control characters."];
        }
    }
}
