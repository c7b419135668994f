using System.Security.Cryptography;
using System.Text;
using BffPlatform.CoreApi.Products;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Data;

/// <summary>
/// The demo catalog for Development and tests: deterministic ids and SKUs, so links and test
/// data survive a reset; adding only what is missing, so a restart changes nothing. What it adds
/// is invalidated like any other change: other instances may already serve the catalog.
/// </summary>
internal sealed class DemoCatalogSeeder(CoreDbContext db, CatalogCache catalog, TimeProvider time)
{
    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Products.Select(p => p.Sku).ToListAsync(cancellationToken);
        var known = existing.ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var missing = DemoCatalog.Products.Where(p => !known.Contains(p.Sku)).ToList();
        foreach (var item in missing)
        {
            db.Products.Add(new Product
            {
                Id = DemoCatalog.IdFor(item.Sku),
                Sku = item.Sku,
                Name = item.Name,
                Description = item.Description,
                Category = item.Category,
                Price = item.Price,
                Currency = "EUR",
                Stock = item.Stock,
                Active = true,
                Version = 1,
                UpdatedAt = now,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        if (missing.Count > 0)
        {
            await catalog.InvalidateAsync(missing.Select(p => DemoCatalog.IdFor(p.Sku)), cancellationToken);
        }
        return missing.Count;
    }
}

public static class DemoCatalog
{
    public sealed record Item(string Sku, string Name, string Description, string Category, decimal Price, int Stock);

    /// <summary>A stable id derived from the SKU (name-based, like a UUID v5).</summary>
    public static Guid IdFor(string sku)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("bffplatform-demo:" + sku));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // version 5-style marker
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    /// <summary>SKU of the demo product that is sold out (stock 0).</summary>
    public const string SoldOutSku = "KIT-010";
    /// <summary>SKU of a demo product with only 3 left.</summary>
    public const string LowStockSku = "AUD-004";

    public static readonly IReadOnlyList<Item> Products =
    [
        // Audio
        new("AUD-001", "Aurora Wireless Headphones", "Over-ear, active noise cancelling, 30 h battery.", "Audio", 149.00m, 40),
        new("AUD-002", "Pebble True Wireless Earbuds", "Compact earbuds with charging case and IPX4 rating.", "Audio", 79.90m, 120),
        new("AUD-003", "Studio Monitor Speakers (pair)", "5-inch active monitors for desk and home studio.", "Audio", 229.00m, 18),
        new("AUD-004", "Vinyl Turntable Classic", "Belt-drive turntable with built-in phono preamp.", "Audio", 189.50m, 3),
        new("AUD-005", "Bluetooth Shower Speaker", "Waterproof speaker with suction mount.", "Audio", 24.99m, 75),
        new("AUD-006", "USB Podcast Microphone", "Cardioid condenser microphone with desk stand.", "Audio", 99.00m, 35),
        new("AUD-007", "Soundbar Slim 2.1", "Slim soundbar with wireless subwoofer and HDMI ARC.", "Audio", 259.00m, 22),
        new("AUD-008", "Kids Volume-Limited Headphones", "Foldable, 85 dB limit, bright colours.", "Audio", 19.95m, 60),
        new("AUD-009", "Portable Radio DAB+", "DAB+/FM radio with rechargeable battery.", "Audio", 59.00m, 28),
        new("AUD-010", "Headphone Stand Walnut", "Solid walnut stand with cable hook.", "Audio", 34.00m, 45),
        // Kitchen
        new("KIT-001", "Cast Iron Skillet 26 cm", "Pre-seasoned cast iron pan for oven and stove.", "Kitchen", 39.90m, 50),
        new("KIT-002", "Chef's Knife 20 cm", "Forged stainless steel knife with full tang.", "Kitchen", 69.00m, 32),
        new("KIT-003", "Pour-Over Coffee Set", "Glass dripper, carafe and 100 paper filters.", "Kitchen", 29.50m, 64),
        new("KIT-004", "Electric Kettle 1.7 L", "Variable temperature kettle with keep-warm.", "Kitchen", 54.99m, 41),
        new("KIT-005", "Bamboo Cutting Board Set", "Three boards with juice grooves.", "Kitchen", 27.00m, 80),
        new("KIT-006", "Stand Mixer 5 L", "Tilt-head mixer with dough hook, whisk and beater.", "Kitchen", 279.00m, 12),
        new("KIT-007", "Espresso Grinder Burr", "Conical burr grinder with 40 settings.", "Kitchen", 149.90m, 15),
        new("KIT-008", "Glass Storage Jars (6)", "Airtight borosilicate jars with bamboo lids.", "Kitchen", 32.00m, 90),
        new("KIT-009", "Dutch Oven 4.5 L", "Enamelled cast iron casserole, oven-safe to 250 °C.", "Kitchen", 89.00m, 20),
        new("KIT-010", "Sourdough Starter Kit", "Banneton basket, lame, scraper and guide.", "Kitchen", 36.50m, 0),
        // Outdoor
        new("OUT-001", "Trail Backpack 28 L", "Ventilated back panel, rain cover included.", "Outdoor", 94.00m, 26),
        new("OUT-002", "Ultralight Tent 2P", "Freestanding two-person tent, 1.6 kg.", "Outdoor", 319.00m, 9),
        new("OUT-003", "Insulated Bottle 750 ml", "Keeps drinks cold 24 h or hot 12 h.", "Outdoor", 27.90m, 150),
        new("OUT-004", "Headlamp 400 lm", "Rechargeable headlamp with red light mode.", "Outdoor", 39.00m, 70),
        new("OUT-005", "Camping Stove Compact", "Folding gas stove with piezo ignition.", "Outdoor", 44.50m, 33),
        new("OUT-006", "Down Sleeping Bag -5 °C", "Mummy bag with 650 fill power down.", "Outdoor", 249.00m, 11),
        new("OUT-007", "Trekking Poles Carbon (pair)", "Three-section carbon poles with cork grips.", "Outdoor", 89.90m, 24),
        new("OUT-008", "Hammock with Straps", "Parachute nylon hammock, 200 kg load.", "Outdoor", 35.00m, 48),
        new("OUT-009", "Water Filter Squeeze", "0.1 micron hollow-fibre filter.", "Outdoor", 42.00m, 55),
        new("OUT-010", "Rain Jacket Packable", "Waterproof breathable shell that packs into its pocket.", "Outdoor", 129.00m, 30),
        // Books
        new("BOK-001", "The Pragmatic Kitchen", "Weeknight recipes from pantry staples.", "Books", 24.00m, 44),
        new("BOK-002", "Mountains of the North", "A photographic guide to Nordic hiking routes.", "Books", 39.00m, 17),
        new("BOK-003", "Designing Data Systems", "Reliable, scalable and maintainable applications.", "Books", 49.90m, 38),
        new("BOK-004", "The Quiet Orchard", "A novel of three generations and one apple farm.", "Books", 18.50m, 62),
        new("BOK-005", "Coffee Atlas", "Origins, roasting and brewing around the world.", "Books", 32.00m, 27),
        new("BOK-006", "Beginner's Guide to Sourdough", "Step-by-step bread baking at home.", "Books", 21.00m, 53),
        new("BOK-007", "Sketching Every Day", "365 prompts for pen and watercolour.", "Books", 16.90m, 71),
        new("BOK-008", "Night Sky Field Guide", "Star charts and planets for every season.", "Books", 22.50m, 29),
        new("BOK-009", "Small Garden, Big Harvest", "Vegetables for balconies and raised beds.", "Books", 26.00m, 36),
        new("BOK-010", "The Typesetter's Handbook", "Typography essentials for print and screen.", "Books", 44.00m, 14),
        // Home office
        new("OFF-001", "Ergonomic Office Chair", "Adjustable lumbar support, 4D armrests, mesh back.", "Home Office", 389.00m, 8),
        new("OFF-002", "Standing Desk Frame", "Dual-motor frame, 70–120 cm, memory presets.", "Home Office", 429.00m, 6),
        new("OFF-003", "Mechanical Keyboard TKL", "Tenkeyless keyboard with hot-swap switches.", "Home Office", 119.00m, 42),
        new("OFF-004", "Wireless Mouse Silent", "Quiet clicks, 18-month battery life.", "Home Office", 29.99m, 95),
        new("OFF-005", "Monitor Arm Single", "Gas-spring arm for 17–32 inch monitors.", "Home Office", 79.00m, 37),
        new("OFF-006", "Desk Lamp LED Dimmable", "Adjustable colour temperature and USB-C port.", "Home Office", 49.00m, 58),
        new("OFF-007", "Notebook Dotted A5", "192 pages, 100 g/m² paper, lay-flat binding.", "Home Office", 14.50m, 200),
        new("OFF-008", "Webcam 1080p", "Full HD webcam with privacy shutter.", "Home Office", 64.00m, 47),
        new("OFF-009", "Cable Management Tray", "Under-desk steel tray with clamps.", "Home Office", 25.00m, 66),
        new("OFF-010", "Fountain Pen Starter", "Steel nib fountain pen with converter and ink.", "Home Office", 27.50m, 39),
    ];
}
