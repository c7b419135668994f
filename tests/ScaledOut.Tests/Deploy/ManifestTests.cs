using System.Data.Common;
using YamlDotNet.RepresentationModel;
using static BffPlatform.ScaledOut.Tests.Deploy.Manifests;

namespace BffPlatform.ScaledOut.Tests.Deploy;

/// <summary>
/// deploy/: the kustomize overlays render and agree with the services (images, ports, probe
/// paths, configuration), the migration Job runs before the Deployments, docker-compose.yml
/// starts the same platform, and the Dockerfiles build what they say.
/// </summary>
public sealed class ManifestTests
{
    public static TheoryData<string> Overlays => new() { "local", "production" };

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_service_has_a_deployment_on_its_port_with_probes_resources_and_its_image(string overlay)
    {
        var manifests = await RenderAsync(overlay);
        foreach (var service in PlatformServices.All)
        {
            var container = manifests.Container(service.Name);
            var image = Str(container, "image")!;
            Assert.Matches($"^(registry\\.example\\.com/)?bffplatform/{service.Name}:(local|[0-9.]+)$", image);
            var port = Assert.Single(Seq(container, "ports"));
            Assert.Equal(service.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Str(port, "containerPort"));
            Assert.Equal("http", Str(port, "name"));
            Assert.Equal("/health/live", Str(container, "livenessProbe", "httpGet", "path"));
            Assert.Equal("/health/live", Str(container, "startupProbe", "httpGet", "path"));
            Assert.Equal("/health/ready", Str(container, "readinessProbe", "httpGet", "path"));
            Assert.All(new[] { "requests", "limits" }, kind => Assert.NotNull(Str(container, "resources", kind, "memory")));

            var svc = manifests.Get("Service", service.Name);
            var svcPort = Assert.Single(Seq(svc, "spec", "ports"));
            Assert.Equal(service.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Str(svcPort, "port"));
            Assert.Equal(service.Name, Str(svc, "spec", "selector", "app.kubernetes.io/name"));

            Assert.Equal(service.Name, Str(manifests.Get("HorizontalPodAutoscaler", service.Name), "spec", "scaleTargetRef", "name"));
            Assert.Equal(service.Name, Str(manifests.Get("PodDisruptionBudget", service.Name), "spec", "selector", "matchLabels", "app.kubernetes.io/name"));
            Assert.True(int.Parse(Str(manifests.Get("HorizontalPodAutoscaler", service.Name), "spec", "minReplicas")!, System.Globalization.CultureInfo.InvariantCulture) >= 2,
                $"{service.Name}: scaled out means two replicas at least");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_object_carries_the_component_label_that_apply_sh_orders_by(string overlay)
    {
        var manifests = await RenderAsync(overlay);
        string[] components = ["config", "backing", "migration", "service", "ingress"];
        Assert.All(manifests.Objects, o =>
            Assert.Contains(Str(o, "metadata", "labels", "app.kubernetes.io/component") ?? "(none)", components));
        Assert.Equal("migration", Str(manifests.Get("Job", "platform-migrate"), "metadata", "labels", "app.kubernetes.io/component"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task The_ingress_sends_each_public_host_to_its_door(string overlay)
    {
        var manifests = await RenderAsync(overlay);
        var routes = Seq(manifests.Get("Ingress", "bffplatform"), "spec", "rules")
            .ToDictionary(r => Str(r, "host")!.Split('.')[0], r => Str(Seq(r, "http", "paths").Single(), "backend", "service", "name"));
        Assert.Equal(new Dictionary<string, string?>
        {
            ["shop"] = "bff-web", ["mobile"] = "bff-mobile", ["partners"] = "public-api", ["identity"] = "identity",
        }, routes);
    }

    /// <summary>The services with a database of their own; the migration Job migrates each, in this order.</summary>
    public static readonly string[] MigratedServices = ["core-api", "identity", "bff-web", "public-api"];

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task The_migration_job_migrates_every_database_with_the_switch_and_its_deployments_configuration(string overlay)
    {
        var manifests = await RenderAsync(overlay);
        var pod = Map(manifests.Get("Job", "platform-migrate"), "spec", "template", "spec");
        var steps = Seq(pod, "initContainers").Concat(Seq(pod, "containers")).Cast<YamlMappingNode>().ToList();
        Assert.Equal(MigratedServices, steps.Select(s => Str(s, "name") ?? ""));
        foreach (var step in steps)
        {
            var service = Str(step, "name")!;
            Assert.Equal(Str(manifests.Container(service), "image"), Str(step, "image"));
            Assert.Equal(new[] { "--migrate" }, Seq(step, "args").Select(a => ((YamlScalarNode)a).Value ?? ""));
            var environment = manifests.EnvironmentOf(step);
            var deployed = manifests.EnvironmentOf(manifests.Container(service));
            // The instances never migrate (they refuse a database the Job has not brought up to date).
            Assert.Equal("false", deployed["Database__MigrateOnStart"]);
            Assert.Equal(deployed, environment);
            Assert.Empty(Seq(manifests.Container(service), "args"));
        }
        Assert.Equal("Never", Str(pod, "restartPolicy"));
    }

    [Fact]
    public async Task Production_secrets_are_placeholders_and_local_ones_are_complete()
    {
        var production = await RenderAsync("production");
        foreach (var secret in production.OfKind("Secret"))
        {
            Assert.All(Map(secret, "stringData").Children.Values, v => Assert.Contains("REPLACE-ME", ((YamlScalarNode)v).Value, StringComparison.Ordinal));
        }
        var local = (await RenderAsync("local")).OfKind("Secret").ToList();
        Assert.Equal(5, local.Count);
        Assert.DoesNotContain(local, s => Map(s, "stringData").Children.Values
            .Any(v => ((YamlScalarNode)v).Value!.Contains("REPLACE-ME", StringComparison.Ordinal)));
        // identity's keys are made by apply.sh in the cluster, never rendered from the repository.
        Assert.DoesNotContain(production.OfKind("Secret"), s => Str(s, "metadata", "name") == "identity-keys");
        Assert.Equal("identity-keys", Str(Seq(production.Get("Deployment", "identity"), "spec", "template", "spec", "volumes")
            .Single(v => Str(v, "name") == "keys"), "secret", "secretName"));
    }

    [Fact]
    public async Task Every_database_connection_string_names_postgres_and_every_service_shares_one_redis()
    {
        var manifests = await RenderAsync("local");
        foreach (var service in PlatformServices.All)
        {
            var environment = manifests.EnvironmentOf(manifests.Container(service.Name));
            Assert.Equal("Postgres", environment["Database__Provider"]);
            Assert.StartsWith("redis:6379", environment["Redis__Configuration"], StringComparison.Ordinal);
            foreach (var (key, value) in environment.Where(e => e.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)))
            {
                var connection = new DbConnectionStringBuilder { ConnectionString = value };
                Assert.Equal("postgres", connection["Host"]);
                Assert.False(string.IsNullOrEmpty(connection["Database"] as string), key);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_service_believes_the_ingress_about_scheme_and_client_and_nobody_else(string overlay)
    {
        // Found by the Production security cases: with no trusted network, identity behind the
        // TLS-terminating Ingress saw plain http and refused every request but the probes.
        var manifests = await RenderAsync(overlay);
        foreach (var service in PlatformServices.All)
        {
            var environment = manifests.EnvironmentOf(manifests.Container(service.Name));
            Assert.True(environment.TryGetValue("ForwardedHeaders__KnownNetworks__0", out var network), $"{service.Name} trusts no proxy network");
            Assert.True(System.Net.IPNetwork.TryParse(network, out var parsed), $"{service.Name}: '{network}' is not CIDR");
            Assert.False(parsed.Contains(System.Net.IPAddress.Parse("203.0.113.7")), $"{service.Name} trusts the internet ({network})");
        }
    }

    [Fact]
    public void Each_dockerfile_publishes_its_service_runs_unprivileged_and_checks_health_on_its_port()
    {
        foreach (var service in PlatformServices.All)
        {
            var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "docker", service.Name + ".Dockerfile"));
            Assert.Contains($"dotnet publish {service.Folder}/{service.Assembly}.csproj", text, StringComparison.Ordinal);
            Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{service.Assembly}.dll\"]", text, StringComparison.Ordinal);
            Assert.Contains($"EXPOSE {service.Port}", text, StringComparison.Ordinal);
            Assert.Contains($"Urls=http://+:{service.Port}", text, StringComparison.Ordinal);
            Assert.Contains("USER $APP_UID", text, StringComparison.Ordinal);
            Assert.Contains($"HEALTHCHECK", text, StringComparison.Ordinal);
            Assert.Contains($"\"{service.Port}\", \"/health/live\"", text, StringComparison.Ordinal);
            Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:10.0", text, StringComparison.Ordinal);
            // Every project the service references is copied in; nothing else of the repository is.
            var references = ProjectReferences(Path.Combine(RepoPaths.Root, service.Folder, service.Assembly + ".csproj"));
            Assert.All(references, r => Assert.Contains($"COPY {r}/ {r}/", text, StringComparison.Ordinal));
            Assert.DoesNotContain("COPY . ", text, StringComparison.Ordinal);
        }
        Assert.Contains("COPY --from=spa", File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "docker", "bff-web.Dockerfile")), StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_runs_the_migrations_before_the_services_on_their_ports_with_postgres_and_redis()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "docker-compose.yml"))));
        var services = Map(stream.Documents[0].RootNode, "services");
        Assert.NotNull(Node(services, "postgres"));
        Assert.NotNull(Node(services, "redis"));
        foreach (var service in MigratedServices)
        {
            Assert.Equal(new[] { "--migrate" }, Seq(services, "migrate-" + service, "command").Select(a => ((YamlScalarNode)a).Value ?? ""));
            Assert.Equal($"bffplatform/{service}:local", Str(services, "migrate-" + service, "image"));
            Assert.Equal("service_completed_successfully", Str(services, service, "depends_on", "migrate-" + service, "condition"));
        }
        foreach (var service in PlatformServices.All)
        {
            var port = Assert.Single(Seq(services, service.Name, "ports"));
            Assert.Equal($"127.0.0.1:{service.Port}:{service.Port}", ((YamlScalarNode)port).Value);
            Assert.Equal($"bffplatform/{service.Name}:local", Str(services, service.Name, "image"));
        }
        var shared = File.ReadAllLines(Path.Combine(RepoPaths.Root, "deploy", "compose.env"));
        Assert.Contains("Database__Provider=Postgres", shared);
        Assert.Contains("Database__MigrateOnStart=false", shared);
    }

    [Fact]
    public void Every_alert_names_metrics_and_the_four_objectives_are_covered()
    {
        var rules = AlertRules.All();
        Assert.All(rules, r => Assert.NotEmpty(AlertRules.MetricsIn(r.Expr)));
        var instruments = rules.SelectMany(r => AlertRules.MetricsIn(r.Expr)).Select(AlertRules.InstrumentOf).ToHashSet();
        Assert.Equal(new[] { "bffplatform_rate_limit_rejections", "bffplatform_webhooks_lag", "http_server_request_duration" }, instruments.Order());
    }

    private static IEnumerable<string> ProjectReferences(string csproj)
    {
        var pending = new Queue<string>([csproj]);
        var seen = new HashSet<string>();
        while (pending.TryDequeue(out var project))
        {
            var doc = System.Xml.Linq.XDocument.Load(project);
            foreach (var include in doc.Descendants("ProjectReference").Select(e => e.Attribute("Include")!.Value))
            {
                var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, include));
                if (seen.Add(Path.GetRelativePath(RepoPaths.Root, Path.GetDirectoryName(full)!)))
                {
                    pending.Enqueue(full);
                }
            }
        }
        return seen;
    }
}
