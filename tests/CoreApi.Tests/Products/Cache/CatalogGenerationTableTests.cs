using BffPlatform.CoreApi.Products.Cache;

namespace BffPlatform.CoreApi.Tests.Products.Cache;

public sealed class CatalogGenerationTableTests
{
    [Fact]
    public void Generations_taken_from_elsewhere_never_go_down()
    {
        // Messages from two instances may arrive in either order; the later generation wins.
        var table = new CatalogGenerationTable("e1");
        var id = Guid.NewGuid();
        table.RaiseProduct(id, 5);
        table.RaiseProduct(id, 3);
        table.RaiseLists(9);
        table.RaiseLists(2);
        Assert.Equal((5L, 9L), (table.Product(id), table.Lists));
        Assert.Equal(0, table.Product(Guid.NewGuid()));
    }

    [Fact]
    public void Counting_in_process_raises_each_product_once_and_the_lists()
    {
        var table = new CatalogGenerationTable("local");
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        table.Increment([a, b]);
        table.Increment([a]);
        Assert.Equal((2L, 1L, 2L), (table.Product(a), table.Product(b), table.Lists));
    }

    [Fact]
    public void A_published_change_reads_back_as_written_by_the_script()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var change = CatalogChange.Parse($"sender conf epoch1 12 {a:N} 3 {b:N} 1");
        Assert.Equal(("sender", "conf", "epoch1", 12L), (change.Sender, change.Confirmation, change.Epoch, change.Lists));
        Assert.Equal(new[] { (a, 3L), (b, 1L) }, change.Products);

        var table = change.ToTable();
        Assert.Equal(("epoch1", 12L, 3L, 1L), (table.Epoch, table.Lists, table.Product(a), table.Product(b)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sender conf epoch")]
    [InlineData("sender conf epoch twelve")]
    [InlineData("sender conf epoch 1 not-a-guid 2")]
    [InlineData("sender conf epoch 1 0123456789abcdef0123456789abcdef")]
    public void Anything_else_on_the_channel_is_not_a_change(string message) =>
        Assert.Throws<FormatException>(() => CatalogChange.Parse(message));

    [Fact]
    public void The_hash_reads_back_with_its_epoch_and_without_one_is_refused()
    {
        var id = Guid.NewGuid();
        var read = CatalogChange.FromHash(["lists", "4", id.ToString("N"), "2", "epoch", "abc"]);
        Assert.Equal(("abc", 4L), (read.Epoch, read.Lists));
        Assert.Equal(new[] { (id, 2L) }, read.Products);
        Assert.Throws<FormatException>(() => CatalogChange.FromHash(["lists", "4"]));
    }
}
