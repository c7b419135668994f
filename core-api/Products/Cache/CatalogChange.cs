using System.Globalization;

namespace BffPlatform.CoreApi.Products.Cache;

/// <summary>A change as published: <c>sender confirmation epoch lists (product generation)*</c>.</summary>
internal sealed record CatalogChange(string Sender, string Confirmation, string Epoch, long Lists, IReadOnlyList<(Guid Id, long Generation)> Products)
{
    public static CatalogChange Parse(string message)
    {
        var parts = message.Split(' ');
        if (parts.Length < 4 || parts.Length % 2 != 0)
        {
            throw new FormatException("Not a catalog change.");
        }
        var products = new List<(Guid, long)>((parts.Length - 4) / 2);
        for (var i = 4; i < parts.Length; i += 2)
        {
            products.Add((Guid.ParseExact(parts[i], "N"), long.Parse(parts[i + 1], CultureInfo.InvariantCulture)));
        }
        return new CatalogChange(parts[0], parts[1], parts[2], long.Parse(parts[3], CultureInfo.InvariantCulture), products);
    }

    /// <summary>The generations hash as HGETALL answers it: field, value, field, value…</summary>
    public static CatalogChange FromHash(IReadOnlyList<string> fieldsAndValues)
    {
        string? epoch = null;
        long lists = 0;
        var products = new List<(Guid, long)>(fieldsAndValues.Count / 2);
        for (var i = 0; i + 1 < fieldsAndValues.Count; i += 2)
        {
            var (name, value) = (fieldsAndValues[i], fieldsAndValues[i + 1]);
            switch (name)
            {
                case "epoch": epoch = value; break;
                case "lists": lists = long.Parse(value, CultureInfo.InvariantCulture); break;
                default: products.Add((Guid.ParseExact(name, "N"), long.Parse(value, CultureInfo.InvariantCulture))); break;
            }
        }
        return new CatalogChange("", "", epoch ?? throw new FormatException("The generations hash has no epoch."), lists, products);
    }

    /// <summary>Raises the table's generations to these (none goes down).</summary>
    public void ApplyTo(CatalogGenerationTable table)
    {
        table.RaiseLists(Lists);
        foreach (var (id, generation) in Products)
        {
            table.RaiseProduct(id, generation);
        }
    }

    public CatalogGenerationTable ToTable()
    {
        var table = new CatalogGenerationTable(Epoch);
        ApplyTo(table);
        return table;
    }
}
