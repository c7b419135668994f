using System.ComponentModel.DataAnnotations;
using BffPlatform.ServiceDefaults.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BffPlatform.ServiceDefaults.Tests.Options;

public sealed class ValidatedOptionsTests
{
    public sealed class WidgetOptions
    {
        [Required]
        public string Name { get; set; } = "";

        [Range(1, 10)]
        public int Size { get; set; } = 1;
    }

    private sealed class NoBlueWidgets : IValidateOptions<WidgetOptions>
    {
        public ValidateOptionsResult Validate(string? name, WidgetOptions options) =>
            options.Name == "blue" ? ValidateOptionsResult.Fail("Widget:Name must not be blue.") : ValidateOptionsResult.Success;
    }

    private static IHost Build(Dictionary<string, string?> settings, bool withValidator)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(settings);
        if (withValidator)
        {
            builder.Services.AddValidatedOptions<WidgetOptions, NoBlueWidgets>(builder.Configuration, "Widget");
        }
        else
        {
            builder.Services.AddValidatedOptions<WidgetOptions>(builder.Configuration, "Widget");
        }
        return builder.Build();
    }

    [Fact]
    public void Binds_the_named_section()
    {
        using var host = Build(new() { ["Widget:Name"] = "red", ["Widget:Size"] = "7" }, withValidator: true);
        var options = host.Services.GetRequiredService<IOptions<WidgetOptions>>().Value;
        Assert.Equal("red", options.Name);
        Assert.Equal(7, options.Size);
    }

    [Fact]
    public async Task Data_annotations_stop_the_start_naming_the_member()
    {
        using var host = Build(new() { ["Widget:Size"] = "11" }, withValidator: false);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Name", error.Message);
        Assert.Contains("Size", error.Message);
    }

    [Fact]
    public async Task The_validator_runs_on_start_alongside_the_annotations()
    {
        using var host = Build(new() { ["Widget:Name"] = "blue", ["Widget:Size"] = "0" }, withValidator: true);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Widget:Name must not be blue.", error.Failures);
        Assert.Contains(error.Failures, f => f.Contains("Size", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_valid_section_starts()
    {
        using var host = Build(new() { ["Widget:Name"] = "green" }, withValidator: true);
        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public void Registering_twice_keeps_one_validator()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build();
        services.AddValidatedOptions<WidgetOptions, NoBlueWidgets>(configuration, "Widget");
        services.AddValidatedOptions<WidgetOptions, NoBlueWidgets>(configuration, "Widget");
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<WidgetOptions>) && d.ImplementationType == typeof(NoBlueWidgets));
    }
}
